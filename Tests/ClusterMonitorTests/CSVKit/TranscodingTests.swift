import Foundation
import Testing

@testable import CSVKit
@testable import Values

/// CSV_ENCODING's rewrite of a finished table (the contract 1.1).
@Suite struct TranscodingTests {
    static func file(_ text: String) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("transcoding-\(UInt32.random(in: 0...UInt32.max)).csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        return path
    }

    /// 販路 in CP932 is 94 CC 98 48 (JIS X 0208: 販 = 0x94CC, 路 = 0x9848 in Shift_JIS).
    @Test func cp932Bytes() throws {
        let path = Self.file("a,b\n販路,1\n")
        try Transcoding.rewrite(path, to: .cp932)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == Array("a,b\n".utf8) + [0x94, 0xCC, 0x98, 0x48] + Array(",1\n".utf8))
    }

    /// The BOM is added once: a second rewrite does not add another.
    @Test func byteOrderMarkOnce() throws {
        let path = Self.file("a\n1\n")
        try Transcoding.rewrite(path, to: .utf8BOM)
        try Transcoding.rewrite(path, to: .utf8BOM)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == [0xEF, 0xBB, 0xBF] + Array("a\n1\n".utf8))
    }

    /// € (U+20AC) has no CP932 code. In row 3 (the header is row 1), column b, after a quoted
    /// field holding a comma and a line break that must not shift the count: the error names
    /// them, and the file is left as it was.
    @Test func unencodableNamesRowAndColumn() throws {
        let text = "a,b\n\"x,\ny\",1\nz,10 €\n"
        let path = Self.file(text)
        #expect {
            try Transcoding.rewrite(path, to: .cp932)
        } throws: { error in
            error as? PipelineError
                == .unencodable(path: path, row: 3, column: "b", character: "€", encoding: "cp932")
        }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == text)
    }
}
