import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 7.1 and 7.2: which folders may receive a run, and the one-call swap.
@Suite struct OutputFolderTests {
    func folder(_ name: String) -> String {
        let path = TestFiles.folder.appendingPathComponent("of-\(UUID().uuidString)-\(name)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `..`, `.` and symlinks resolve; a part that does not exist is kept as written.
    @Test func resolvesLikeRealpathM() throws {
        let base = folder("r")
        try FileManager.default.createDirectory(atPath: base + "/a/b", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/a")
        let real = OutputFolder.resolve(base)
        #expect(OutputFolder.resolve(base + "/a/b/../b/./") == real + "/a/b")
        #expect(OutputFolder.resolve(base + "/link/b") == real + "/a/b")
        #expect(OutputFolder.resolve(base + "/link/new/../x") == real + "/a/x")
    }

    /// Every refusal of 7.1 is a usage error (exit 64) naming both paths.
    @Test func refusals() throws {
        let base = folder("c")
        let input = base + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: base + "/file", contents: Data("x".utf8)))
        try FileManager.default.createDirectory(atPath: base + "/other", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: base + "/other/notes.txt", contents: Data()))
        for output in [input, input + "/out", base, base + "/file", base + "/other", input + "/../in"] {
            #expect {
                try OutputFolder.check(input: input, output: output)
            } throws: { error in
                guard let e = error as? PipelineError, e.exitStatus == .usage else { return false }
                return e.description.contains(output) && e.description.contains(input)
            }
        }
        // Accepted: a new folder, an empty one, a previous result.
        try FileManager.default.createDirectory(atPath: base + "/empty", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/previous", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: base + "/previous/datapackage.json", contents: Data("{}".utf8)))
        for output in [base + "/new", base + "/empty", base + "/previous"] {
            #expect(try OutputFolder.check(input: input, output: output) == OutputFolder.resolve(output))
        }
    }

    /// A missing input folder is exit 66.
    @Test func missingInput() {
        let base = folder("m")
        #expect(throws: PipelineError.inputUnreadable(path: base + "/none", reason: "no such input folder")) {
            try OutputFolder.check(input: base + "/none", output: base + "/out")
        }
    }

    /// Publishing into a new name renames; onto a previous result exchanges the two.
    @Test func publishRenamesOrExchanges() throws {
        let base = folder("p")
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/b1", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: base + "/b1/v", contents: Data("1".utf8)))
        #expect(try OutputFolder.publish(build: base + "/b1", output: base + "/out") == false)
        #expect(TestFiles.read(base + "/out/v") == "1")
        try fm.createDirectory(atPath: base + "/b2", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: base + "/b2/v", contents: Data("2".utf8)))
        #expect(try OutputFolder.publish(build: base + "/b2", output: base + "/out") == true)
        #expect(TestFiles.read(base + "/out/v") == "2")
        #expect(TestFiles.read(base + "/b2/v") == "1")
    }
}
