import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import Formats

/// What the annual run removes and checks: a tree removed without following a link out of it,
/// special files refused without being opened, what a name is.
@Suite struct FilesTreeTests {
    func folder(_ name: String) -> String { TestFiles.newFolder("tree-" + name) }

    /// A link inside the tree to a folder outside it is removed as a link: what it points to stays.
    @Test func removeTreeDoesNotFollowLinks() throws {
        let base = folder("r")
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/keep", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: base + "/keep/precious.txt", contents: Data("x".utf8)))
        try fm.createDirectory(atPath: base + "/tree/sub", withIntermediateDirectories: true)
        #expect(fm.createFile(atPath: base + "/tree/sub/a.csv", contents: Data("a".utf8)))
        try fm.createSymbolicLink(atPath: base + "/tree/link", withDestinationPath: base + "/keep")
        try Files.removeTree(base + "/tree")
        #expect(!fm.fileExists(atPath: base + "/tree"))
        #expect(TestFiles.read(base + "/keep/precious.txt") == "x")
        try Files.removeTree(base + "/nothing-here")  // nothing there: nothing to do
    }

    @Test func linkKinds() throws {
        let base = folder("k")
        let fm = FileManager.default
        #expect(fm.createFile(atPath: base + "/file", contents: Data()))
        try fm.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: base + "/none")
        try fm.createSymbolicLink(atPath: base + "/good", withDestinationPath: base + "/file")
        #expect(try Files.link(base + "/file") == .other)
        #expect(try Files.link(base) == .directory)
        #expect(try Files.link(base + "/dangling") == .symlink(resolves: false))
        #expect(try Files.link(base + "/good") == .symlink(resolves: true))
        #expect(try Files.link(base + "/none") == .none)
    }

    /// A FIFO is refused (exit 66) without being opened (opening it would wait for a writer).
    @Test func specialFilesRefusedUnopened() throws {
        let base = folder("s")
        #expect(mkfifo(base + "/pipe.csv", 0o644) == 0)
        #expect {
            try Files.checkRegularIfPresent(base + "/pipe.csv")
        } throws: { error in
            (error as? PipelineError)?.exitStatus == .noInput && "\(error)".contains("FIFO")
        }
        #expect(try Files.checkRegularIfPresent(base + "/absent.csv") == false)
        try FileManager.default.createDirectory(atPath: base + "/x.csv", withIntermediateDirectories: true)
        #expect(throws: PipelineError.self) { try Files.checkRegularIfPresent(base + "/x.csv") }
    }

    /// Only this pipeline's package lists files: another tool's, `{}` and non-JSON do not.
    @Test func packageListing() {
        let ours = #"{"profile":"data-package","name":"cluster-monitoring-run","resources":[{"path":"a.csv"},{"path":"charts/s.svg"}],"pipeline":{"name":"ClusterMonitor"}}"#
        #expect(DataPackage.listedFiles(Array(ours.utf8)) == ["a.csv", "charts/s.svg"])
        for other in ["{}", #"{"profile":"data-package","name":"sales","resources":[]}"#, "not json", ""] {
            #expect(DataPackage.listedFiles(Array(other.utf8)) == nil)
        }
    }

    /// A lock held by one descriptor is refused to a second, and free again once closed.
    @Test func lockIsExclusive() throws {
        let path = folder("l") + "/.out.lock"
        let first = try #require(try Files.lock(path))
        #expect(try Files.lock(path) == nil)
        SystemCalls.release(first)
        let again = try #require(try Files.lock(path))
        SystemCalls.release(again)
    }
}
