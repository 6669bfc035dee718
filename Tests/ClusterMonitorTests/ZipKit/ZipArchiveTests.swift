import Foundation
import Testing
import Values
import ZipKit

@Suite struct ZipArchiveTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString)-\(name)").path
    }

    /// An archive written by Python's zipfile (an independent writer) reads back as its entries:
    /// names in the archive's order and the bytes Python wrote (an empty entry, a text, 300 kB
    /// of one repeated byte); written again and read again, the same entries.
    @Test func readsWhatZipfileWroteAndWritesItBack() throws {
        let path = Self.temporary("python.zip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c",
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("empty", b"")
                z.writestr("xl/charts/chart1.xml", "<c:chart>グラフ</c:chart>".encode())
                z.writestr("big.bin", b"x" * 300000)
            """,
            path,
        ]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)
        let entries = try ZipArchive.read(path)
        #expect(entries.map(\.name) == ["empty", "xl/charts/chart1.xml", "big.bin"])
        #expect(entries.map(\.bytes.count) == [0, Array("<c:chart>グラフ</c:chart>".utf8).count, 300_000])
        #expect(entries[1].bytes == Array("<c:chart>グラフ</c:chart>".utf8))
        #expect(entries[2].bytes.allSatisfy { $0 == UInt8(ascii: "x") })
        let copy = Self.temporary("copy.zip")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try ZipArchive.write(entries, to: copy)
        let again = try ZipArchive.read(copy)
        #expect(again.map(\.name) == entries.map(\.name))
        #expect(again.map(\.bytes) == entries.map(\.bytes))
    }

    /// A file that is not a zip archive is a typed error naming the file, never a crash.
    @Test func refusesWhatIsNotAnArchive() throws {
        let path = Self.temporary("text.zip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("not an archive\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: PipelineError.self) { try ZipArchive.read(path) }
        #expect(throws: PipelineError.self) { try ZipArchive.read(path + ".missing") }
    }
}
