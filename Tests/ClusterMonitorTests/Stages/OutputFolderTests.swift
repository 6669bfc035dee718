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
    func folder(_ name: String) -> String { TestFiles.newFolder("of-" + name) }

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

    /// Every refusal of 7.1 is a usage error (exit 64) naming OUTPUT_DIR (and INPUT_DIR where
    /// the two are related).
    @Test func refusals() throws {
        let base = folder("c")
        let input = base + "/in"
        let fm = FileManager.default
        try fm.createDirectory(atPath: input, withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: base + "/file", contents: Data("x".utf8)))
        try fm.createDirectory(atPath: base + "/other", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: base + "/other/notes.txt", contents: Data()))
        // Another tool's package, `{}`, and this pipeline's package beside a file it does not list.
        for (name, package) in [
            ("foreign", #"{"profile":"data-package","name":"sales","resources":[]}"#), ("empty", "{}"),
            ("extra", Self.package(listing: ["a.csv"])),
        ] {
            try fm.createDirectory(atPath: base + "/" + name, withIntermediateDirectories: true)
            #expect(fm.createFile(atPath: base + "/\(name)/datapackage.json", contents: Data(package.utf8)))
            #expect(fm.createFile(atPath: base + "/\(name)/mine.txt", contents: Data("keep".utf8)))
        }
        for output in [input, input + "/out", base, input + "/../in"] {
            #expect {
                try OutputFolder.check(input: input, output: output)
            } throws: { error in
                guard let e = error as? PipelineError, e.exitStatus == .usage else { return false }
                return e.description.contains(output) && e.description.contains(input)
            }
        }
        for output in ["file", "other", "foreign", "empty", "extra"].map({ base + "/" + $0 }) {
            #expect {
                try OutputFolder.check(input: input, output: output)
            } throws: { error in
                guard let e = error as? PipelineError, e.exitStatus == .usage else { return false }
                return e.description.contains(output)
            }
        }
        // Accepted: a new folder, an empty one, a previous result (every file listed).
        try fm.createDirectory(atPath: base + "/empty-folder", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: base + "/previous/charts", withIntermediateDirectories: true)
        #expect(
            fm.createFile(
                atPath: base + "/previous/datapackage.json",
                contents: Data(Self.package(listing: ["a.csv", "charts/s.svg"]).utf8)))
        #expect(fm.createFile(atPath: base + "/previous/a.csv", contents: Data("x\n".utf8)))
        #expect(fm.createFile(atPath: base + "/previous/charts/s.svg", contents: Data("<svg/>".utf8)))
        for output in [base + "/new", base + "/empty-folder", base + "/previous"] {
            #expect(try OutputFolder.check(input: input, output: output).path == OutputFolder.resolve(output))
        }
    }

    /// The smallest datapackage.json of this pipeline's that lists `paths`.
    static func package(listing paths: [String]) -> String {
        let resources = paths.map { #"{"path":"\#($0)"}"# }.joined(separator: ",")
        return #"{"profile":"data-package","name":"cluster-monitoring-run","resources":[\#(resources)],"pipeline":{"name":"ClusterMonitor"}}"#
    }

    /// OUTPUT_DIR.failed that the pipeline did not make (no marker) is refused; one it made is
    /// accepted; a building folder without the marker is not a leftover.
    @Test func failedFolderAndLeftovers() throws {
        let base = folder("f")
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/in", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: base + "/out.failed", withIntermediateDirectories: true)
        #expect(throws: PipelineError.self) { try OutputFolder.check(input: base + "/in", output: base + "/out") }
        try OutputFolder.mark(base + "/out.failed", output: "out")
        let target = try OutputFolder.check(input: base + "/in", output: base + "/out")
        try fm.createDirectory(atPath: base + "/.out.building.mine", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: base + "/.out.building.left", withIntermediateDirectories: true)
        try OutputFolder.mark(base + "/.out.building.left", output: "out")
        try OutputFolder.removeLeftovers(of: target)
        #expect(fm.fileExists(atPath: base + "/.out.building.mine"))
        #expect(!fm.fileExists(atPath: base + "/.out.building.left"))
    }

    /// A symbolic link to nothing is refused: the swap would replace the link.
    @Test func danglingLink() throws {
        let base = folder("d")
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/in", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: base + "/out", withDestinationPath: base + "/nowhere")
        #expect(throws: PipelineError.self) { try OutputFolder.check(input: base + "/in", output: base + "/out") }
        #expect(fm.fileExists(atPath: base + "/out") == false)  // still the dangling link, untouched
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
