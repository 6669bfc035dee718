import Foundation
import Testing

import Synthesis
@testable import CSVKit
@testable import Values

/// SPEC 7.6, stray quotes: a quoted field that runs past the end of its physical line and then
/// meets a quote followed by text (not a separator or a line end) is malformed where it
/// started; reading resumes at the next line, so no pair of stray quotes swallows the rows
/// between them.
@Suite struct StrayQuoteTests {
    /// Reads `path` in chunks of `chunk` bytes: (line, fields) of each record, and the lines of
    /// the malformed records.
    private func read(_ path: String, chunk: Int, parallel: Bool) throws -> (records: [Row], malformed: [Int]) {
        let reader = try CSVReader(path: path, chunkSize: chunk)
        var records: [Row] = []
        var malformed: [Int] = []
        try reader.read(
            parallel: parallel,
            header: { _ in { CollectingConsumer() } },
            merge: { c, offset in
                records += c.records.map { Row(line: $0.line + offset, fields: $0.fields) }
                malformed += c.malformed.map { $0.shifted(by: offset).line }
            })
        return (records, malformed)
    }

    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var description: String { "\(line): \(fields)" }
    }

    /// The file: a quote opening line 3 and a stray quote inside a cell of line 8.
    /// Lines 4 to 7 are records; lines 3 and 8 are each one malformed record (hand-read).
    @Test func twoStrayQuotesSwallowNothing() throws {
        let text = "id,x\n1,a\n\"2,b\n3,c\n4,d\n5,e\n6,f\n7,g\"h\n8,i\n"
        let got = try read(TestFiles.write(text), chunk: 1 << 20, parallel: false)
        #expect(got.records == [
            Row(line: 2, fields: ["1", "a"]), Row(line: 4, fields: ["3", "c"]), Row(line: 5, fields: ["4", "d"]),
            Row(line: 6, fields: ["5", "e"]), Row(line: 7, fields: ["6", "f"]), Row(line: 9, fields: ["8", "i"]),
        ])
        #expect(got.malformed == [3, 8])
    }

    /// Doubled quotes inside the open field come back as written: `""x""` on line 4 is read
    /// again as a field beginning with an empty quoted string followed by text (stray, line 4).
    /// The stopping quote at the start of line 5 opens a field that the end of the file leaves
    /// unterminated (line 5); line 6 is read again after it (hand-read).
    @Test func doubledQuotesAndAnOpeningStopQuote() throws {
        let text = "id,x\n\"1,a\n2,b\n3,\"\"x\"\"\n\"4,d\n5,e\n"
        let got = try read(TestFiles.write(text), chunk: 1 << 20, parallel: false)
        #expect(got.records == [Row(line: 3, fields: ["2", "b"]), Row(line: 6, fields: ["5", "e"])])
        #expect(got.malformed == [2, 4, 5])
    }

    /// Found by `Pipelines/fuzz.sh` (target reader): a lone CR (line 2, `:`), then a quoted
    /// field (line 3) stopped on line 4 by a quote, whose reopened text starts a quoted field
    /// stopped on line 7. Read in one chunk, the LF ending line 4 was taken for the second half
    /// of line 2's CR (no record had ended in between), so every later line was one too low;
    /// chunks cut after the CR were right. By hand: records on lines 2 and 6 (`:`), malformed
    /// records starting on lines 3, 4, 7 and 8 (the last unterminated).
    @Test func fuzzFindingReopenedLinesAcrossChunks() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-reader-reopen-lines.csv").path
        let reference = try read(path, chunk: 1 << 20, parallel: false)
        #expect(reference.malformed == [3, 4, 7, 8])
        #expect(reference.records.map(\.line) == [2, 6])
        for (chunk, parallel) in [(5, true), (5, false), (3, true), (1, false)] {
            let other = try read(path, chunk: chunk, parallel: parallel)
            #expect(other.records == reference.records, "chunk \(chunk) parallel \(parallel)")
            #expect(other.malformed == reference.malformed, "chunk \(chunk) parallel \(parallel)")
        }
    }

    /// Found by `Pipelines/fuzz.sh` (target reader, without AddressSanitizer): a stray quote on
    /// line 4, which ends with a CRLF, then an empty line 5. Cut in chunks of 8 bytes, a chunk
    /// ended right after that CRLF; skipping the rest of line 4 took both bytes but still
    /// marked the CR as the chunk's last byte, so the LF of line 5 was taken for its second
    /// half and every later line was one too low. Counted by hand (LF, CRLF each end a line):
    /// the header on line 1, records (the header aside) on line 6, malformed records starting on
    /// lines 3 and 4 (stray quotes) and 7 (unterminated).
    @Test func fuzzFindingCRLFTakenWithAStrayQuote() throws {
        let bytes: [UInt8] = [
            0x2C, 0x04, 0x61, 0x2C, 0x0D, 0x0A,  // line 1: the header, CRLF
            0x0A,  // line 2: empty
            0x22, 0xF6, 0x9C, 0x22, 0x00, 0x00, 0x0A,  // line 3: text after a closing quote
            0x22, 0x01, 0x61, 0x2D, 0x22, 0x04, 0x61, 0x2C, 0x0D, 0x0A,  // line 4: the same, CRLF
            0x0A,  // line 5: empty
            0x22, 0xF6, 0x9C, 0x22, 0x0A,  // line 6: a record
            0x22, 0x64, 0x9A,  // line 7: a quote never closed
        ]
        let path = TestFiles.write(bytes)
        let reference = try read(path, chunk: 1 << 20, parallel: false)
        #expect(reference.records.map(\.line) == [6])
        #expect(reference.malformed == [3, 4, 7])
        for (chunk, parallel) in [(8, false), (8, true), (3, false), (1, true)] {
            let other = try read(path, chunk: chunk, parallel: parallel)
            #expect(other.records == reference.records, "chunk \(chunk) parallel \(parallel)")
            #expect(other.malformed == reference.malformed, "chunk \(chunk) parallel \(parallel)")
        }
    }

    /// Found by `Pipelines/fuzz.sh` (target reader): line 12 ends with a CR, line 13 is tabs and
    /// an LF, line 14 a record (counted by hand: LF, CR and CRLF each end a line). Read in
    /// chunks of 20 bytes, a chunk ended at that CR and the LF after the tabs was taken for
    /// its second half: the record came out on line 13. A CR followed by anything but an LF is
    /// a line end of its own, however the file is cut; the malformed records agree too.
    @Test func fuzzFindingMalformedDetailAcrossChunks() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-reader-malformed-detail.csv").path
        func malformed(_ chunk: Int, _ parallel: Bool) throws -> ([MalformedRecord], [Row], [String]) {
            let reader = try CSVReader(path: path, encoding: .fixed(.utf8), chunkSize: chunk)
            var out: [MalformedRecord] = []
            var rows: [Row] = []
            var header: [String] = []
            try reader.read(
                parallel: parallel,
                header: { r in
                    header = (0..<r.count).map { r.displayText($0) } + ["line \(r.line)"]
                    return { CollectingConsumer() }
                },
                merge: { c, offset in
                    out += c.malformed.map { $0.shifted(by: offset) }
                    rows += c.records.map { Row(line: $0.line + offset, fields: $0.fields) }
                })
            return (out, rows, header)
        }
        let (reference, referenceRows, referenceHeader) = try malformed(1 << 20, false)
        #expect(referenceRows.map(\.line) == [14])
        for (chunk, parallel) in [(20, false), (20, true), (7, false)] {
            let (other, rows, header) = try malformed(chunk, parallel)
            #expect(rows == referenceRows, "chunk \(chunk) parallel \(parallel)")
            #expect(header == referenceHeader, "chunk \(chunk) parallel \(parallel)")
            #expect(other.map(\.line) == reference.map(\.line), "chunk \(chunk) parallel \(parallel)")
            #expect(other.map(\.lastLine) == reference.map(\.lastLine), "chunk \(chunk) parallel \(parallel)")
            #expect(other.map(\.kind) == reference.map(\.kind), "chunk \(chunk) parallel \(parallel)")
            #expect(other.map(\.excerpt) == reference.map(\.excerpt), "chunk \(chunk) parallel \(parallel)")
        }
    }

    /// A CR, spaces and an LF are two line ends: `b` is on line 4 (hand-counted), whether the
    /// CR ends a quote-free line or a quoted one.
    @Test func crSpacesLFIsTwoLineEnds() throws {
        for text in ["h\na\r  \nb\n", "h\n\"a\"\r  \nb\n", "h\n\"a\"\r\t\nb"] {
            let got = try read(TestFiles.write(text), chunk: 1 << 20, parallel: false)
            #expect(got.records.map(\.line) == [2, 4], "\(text.debugDescription)")
        }
    }

    /// The property: random files (LF, CRLF or lone-CR line ends) whose quotes are either the
    /// first character of a cell or strictly inside one (never next to a separator or another
    /// quote). Every line without a quote is read exactly as a quote-free reader reads it (its
    /// comma-separated cells, at its own line; nothing for a blank line); every line with a
    /// quote is exactly one malformed record. Every chunking, in parallel or not, agrees.
    @Test func linesWithoutQuotesReadAsWithoutQuotes() throws {
        var random = SplitMix64(seed: 23)
        let alphabet = Array("abcxyz0189".utf8)
        for _ in 0..<300 {
            let lineEnd: [UInt8] = [[0x0A], [0x0D, 0x0A], [0x0D]][Int(random.next() % 3)]
            var bytes = Array("h1,h2,h3".utf8) + lineEnd
            var expected: [Row] = []
            var expectedMalformed: [Int] = []
            let lineCount = 1 + Int(random.next() % 40)
            for line in 2...(lineCount + 1) {
                if random.next() % 12 == 0 {  // a blank line: no record
                    bytes += lineEnd
                    continue
                }
                var cells: [[UInt8]] = (0..<(1 + random.next() % 4)).map { _ in
                    (0..<(1 + random.next() % 4)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                }
                var quoted = false
                for c in cells.indices {
                    if random.next() % 14 == 0, cells[c].count >= 2 {  // strictly inside the cell
                        cells[c].insert(0x22, at: 1 + Int(random.next() % UInt64(cells[c].count - 1)))
                        quoted = true
                    }
                    if random.next() % 14 == 0 {  // opening the cell
                        cells[c].insert(0x22, at: 0)
                        quoted = true
                    }
                }
                if quoted {
                    expectedMalformed.append(line)
                } else {
                    expected.append(Row(line: line, fields: cells.map { String(decoding: $0, as: UTF8.self) }))
                }
                bytes += Array(cells.joined(separator: [0x2C]))
                if line <= lineCount || random.next() % 2 == 0 { bytes += lineEnd }
            }
            let path = TestFiles.write(bytes)
            let reference = try read(path, chunk: 1 << 20, parallel: false)
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            #expect(reference.records == expected, "\(text)")
            #expect(reference.malformed == expectedMalformed, "\(text)")
            for (chunk, parallel) in [(3, true), (5, false), (16, true)] {
                let other = try read(path, chunk: chunk, parallel: parallel)
                #expect(other.records == reference.records, "chunk \(chunk) \(parallel): \(text)")
                #expect(other.malformed == reference.malformed, "chunk \(chunk) \(parallel): \(text)")
            }
        }
    }
}
