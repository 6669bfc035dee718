import Testing

@testable import CSVKit
import Synthesis
@testable import Values

/// The whole-file check that decides a file's encoding (SPEC 6.2) reads raw memory eight bytes
/// at a time; `Text.isValidUTF8` is the rule it must agree with.
@Suite struct UTF8ValidationTests {
    /// Random strings over ASCII, lead bytes of every length, continuation bytes and bytes
    /// that are never UTF-8: the fast check says "valid" exactly when the rule does.
    @Test func agreesWithTheRule() {
        var random = SplitMix64(seed: 3)
        let alphabet: [UInt8] = [0x41, 0x0A, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE3, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 24)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let outcome = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { UTF8Validation.check($0, buffer.count) }
                    ?? UTF8Validation.Outcome(valid: true, end: 0, sawNonASCII: false)
            }
            let whole = outcome.valid && outcome.end == bytes.count
            #expect(whole == Text.isValidUTF8(bytes), "\(bytes)")
            if outcome.valid { #expect(Text.isValidUTF8(bytes[0..<outcome.end])) }
        }
    }

    /// A character cut by the 1 MiB block boundary is carried into the next block; a file
    /// ending inside a character, or a bad byte right after the boundary, is not UTF-8.
    @Test func blocksCutInsideACharacter() throws {
        let lead = [UInt8](repeating: 0x61, count: CSVReader.defaultChunkSize - 1)
        let a = Array("あ".utf8)  // E3 81 82: the block ends after E3
        let good = TestFiles.write(lead + a + Array("b\n".utf8))
        let cutAtEnd = TestFiles.write(lead + a.prefix(2))
        let badAfterCut = TestFiles.write(lead + [0xE3, 0x41, 0x82] + Array("\n".utf8))
        let ascii = TestFiles.write(lead + Array("bc\n".utf8))
        func decided(_ path: String) throws -> (TextEncoding?, Bool, Bool) {
            let fd = try Files.openInput(path)
            defer { SystemCalls.release(fd) }
            let found = try CSVReader.wholeFileEncoding(ByteSource(descriptor: fd, owned: false), size: 0, name: path)
            return (found.encoding, found.checkedUTF8, found.checkedASCII)
        }
        #expect(try decided(good) == (.utf8, true, false))
        #expect(try decided(cutAtEnd) == (.cp932, false, false))
        #expect(try decided(badAfterCut) == (.cp932, false, false))
        #expect(try decided(ascii) == (nil, false, true))
    }

    /// UTF-8 text, then a byte that cannot be UTF-8: read as CP932, and where the UTF-8 stopped
    /// is kept (E3 81 82 0A 78 FF: the FF is byte offset 5, on line 2); without UTF-8 text
    /// before it, no such place.
    @Test func whereUTF8Stopped() throws {
        let damaged = TestFiles.write(Array("あ\nx".utf8) + [0xFF, 0x0A])
        let fd = try Files.openInput(damaged)
        defer { SystemCalls.release(fd) }
        let found = try CSVReader.wholeFileEncoding(ByteSource(descriptor: fd, owned: false), size: 0, name: damaged)
        #expect(found.encoding == .cp932 && found.notUTF8At == 5)
        #expect(try CSVReader.line(of: 5, in: ByteSource(descriptor: fd, owned: false), name: damaged) == 2)
        let plain = TestFiles.write(Array("ab\nx".utf8) + [0xFF, 0x0A])
        let fd2 = try Files.openInput(plain)
        defer { SystemCalls.release(fd2) }
        #expect(try CSVReader.wholeFileEncoding(ByteSource(descriptor: fd2, owned: false), size: 0, name: plain).notUTF8At == nil)
        // Line ends as the reader counts them: a CRLF, a lone CR and an LF before byte 7 (0-based,
        // the FF) put it on line 4.
        let mixed = TestFiles.write(Array("a\r\nb\rc\n".utf8) + [0xFF])
        let fd3 = try Files.openInput(mixed)
        defer { SystemCalls.release(fd3) }
        #expect(try CSVReader.line(of: 7, in: ByteSource(descriptor: fd3, owned: false), name: mixed) == 4)
    }
}
