import Testing

@testable import CSVKit
import Synthesis
@testable import Values

/// `Arena.readQuoteFree` reads the lines before a chunk's first quote instead of libcsv. It
/// must be libcsv exactly: the oracle here is the same parser with that path turned off, on
/// random texts over the bytes that matter to CSV (comma, CR, LF, space, tab, a quote now and
/// then), cut into pieces at random places as the reader's chunks are.
@Suite struct QuoteFreeReadingTests {
    final class Collect: RecordConsumer {
        var events: [String] = []
        func consume(_ record: CSVRecord) {
            let fields = (0..<record.count).map { Array(record.field($0)) }
            events.append("record line \(record.line) \(fields)")
        }
        func consume(_ bad: MalformedRecord) {
            events.append("malformed \(bad.kind) lines \(bad.line)-\(bad.lastLine) \(bad.excerpt)")
        }
    }

    /// Every record and malformed stretch, and the parser's line at the end.
    private func read(_ pieces: [[UInt8]], fast: Bool) throws -> [String] {
        let parser = try ChunkParser()
        parser.readsQuoteFreeLines = fast
        let sink = Collect()
        for piece in pieces {
            try parser.parse(piece)
            _ = try parser.drain(into: sink)
        }
        try parser.finish()
        _ = try parser.drain(into: sink)
        return sink.events + ["end line \(parser.line) boundary \(parser.isAtRecordBoundary)"]
    }

    private static let alphabet: [UInt8] = Array("ab1-, ,\t\n\r\n,,".utf8) + [0xE3, 0x81, 0x82, 0x00]

    @Test(arguments: [false, true])
    func randomTextsReadAsLibcsvReadsThem(withQuotes: Bool) throws {
        var random = SplitMix64(seed: withQuotes ? 11 : 10)
        for _ in 0..<3000 {
            let length = Int(random.next() % 120)
            var text: [UInt8] = []
            for _ in 0..<length {
                if withQuotes && random.next() % 12 == 0 {
                    text.append(0x22)
                } else {
                    text.append(Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))])
                }
            }
            // Whole, and cut in two where the reader cuts (after a line feed) or anywhere.
            var cuts: [[[UInt8]]] = [[text]]
            if !text.isEmpty {
                let at = Int(random.next() % UInt64(text.count + 1))
                cuts.append([Array(text[..<at]), Array(text[at...])])
                if let lf = text[..<at].lastIndex(of: 0x0A) {
                    cuts.append([Array(text[...lf]), Array(text[(lf + 1)...])])
                }
            }
            for pieces in cuts {
                let fast = try read(pieces, fast: true)
                let libcsv = try read(pieces, fast: false)
                #expect(fast == libcsv, "text \(text) in \(pieces.count) piece(s)")
                if fast != libcsv { return }
            }
        }
    }

    /// Read off by hand (libcsv's rules): spaces and tabs around a field dropped, inside kept;
    /// a line of spaces is no record but a line; CRLF one line end, a lone CR one too; a comma
    /// before the line end an empty last field; the last line without its end held for finish.
    @Test func handCheckedText() throws {
        let events = try read([Array(" a , b c\t,\r\n  \n\rx,\n,\ny".utf8)], fast: true)
        #expect(
            events == [
                "record line 1 \([Array("a".utf8), Array("b c".utf8), []])",
                "record line 4 \([Array("x".utf8), []])",
                "record line 5 \([[], []])",
                "record line 6 \([Array("y".utf8)])",
                "end line 6 boundary true",
            ])
    }
}
