import Foundation
import Testing

@testable import Values
import Synthesis
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

@Suite struct CSVReaderTests {
    @Test func readsQuotedCommasQuotesAndNewlines() throws {
        // RFC 4180 §2.6–2.7: quoted fields may hold commas, doubled quotes and line breaks.
        let path = TestFiles.write("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n")
        let got = try readAll(path)
        #expect(got.header == ["a", "b"])
        #expect(got.records.map(\.fields) == [["x, y", "say \"hi\""], ["two\nlines", "z"], ["last", "row"]])
        // Physical lines: header 1, record 2, record 3 (spans 3–4), record 5.
        #expect(got.records.map(\.line) == [2, 3, 5])
    }

    @Test func crlfAndBOMReadLikeLF() throws {
        let lf = try readAll(TestFiles.write("a,b\n1,2\n3,4\n"))
        let crlf = try readAll(TestFiles.write([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n3,4\r\n".utf8)))
        #expect(crlf.header == lf.header)
        #expect(crlf.records.map(\.fields) == lf.records.map(\.fields))
        #expect(crlf.records.map(\.line) == [2, 3])
        #expect(crlf.reader.sawBOM)
        #expect(crlf.reader.encoding == .utf8)
    }

    /// `CSVReader(bytes:)` (the reader fuzz target's way in) reads exactly as the file holding
    /// the same bytes: records, lines, malformed stretches, the encoding found and its note.
    @Test func bytesInMemoryReadAsTheFile() throws {
        let kabushiki: [UInt8] = [0x8A, 0x94, 0x8E, 0xAE]  // 株式 in CP932
        let files: [[UInt8]] = [
            Array("a,b\n1,\"x\ny\"\n2,3\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8),
            Array("a,b\n1,日本\n".utf8) + [0x32, 0x2C] + kabushiki + [0x0A],  // UTF-8, then not: a note
            Array("a,b\n".utf8) + kabushiki + Array(",1\n".utf8),
            Array("a,b\r1,\"x\ry\"\r2,z\"q\r3,4".utf8),
            [],
        ]
        for bytes in files {
            for chunk in [3, 7, CSVReader.defaultChunkSize] {
                let fromFile = try readAll(CSVReader(path: TestFiles.write(bytes), chunkSize: chunk))
                let fromMemory = try readAll(CSVReader(bytes: bytes, name: "memory.csv", chunkSize: chunk))
                #expect(fromMemory.header == fromFile.header)
                #expect(fromMemory.records.map(\.line) == fromFile.records.map(\.line))
                #expect(fromMemory.records.map(\.fields) == fromFile.records.map(\.fields))
                #expect(fromMemory.malformed.map(\.line) == fromFile.malformed.map(\.line))
                #expect(fromMemory.reader.encoding == fromFile.reader.encoding)
                #expect(fromMemory.reader.encodingNote == fromFile.reader.encodingNote)
                #expect(fromMemory.reader.sawBOM == fromFile.reader.sawBOM)
                #expect(fromMemory.reader.bytesRead == fromFile.reader.bytesRead)
            }
        }
        // The third file: UTF-8 up to line 3, whose CP932 bytes make it CP932, with the note.
        let noted = try readAll(CSVReader(bytes: files[2], name: "memory.csv"))
        #expect(noted.reader.encoding == .cp932)
        #expect(noted.reader.encodingNote?.contains("line 3") == true)
    }

    @Test func lastRecordWithoutLineEnd() throws {
        let got = try readAll(TestFiles.write("a,b\n1,2\n3,4"))
        #expect(got.records.map(\.fields) == [["1", "2"], ["3", "4"]])
    }

    @Test func blankLinesAreNotRecordsButCountAsLines() throws {
        let got = try readAll(TestFiles.write("a,b\n\n1,2\n\n\n3,4\n"))
        #expect(got.records.map(\.line) == [3, 6])
    }

    @Test func strayQuoteIsOneMalformedRecordAndReadingResumes() throws {
        // Line 3 has a quote inside an unquoted field; line 4 text after a closing quote.
        let path = TestFiles.write("a,b\n1,2\nx\"y,3\n\"q\"z,4\n5,6\n")
        let got = try readAll(path)
        #expect(got.records.map(\.fields) == [["1", "2"], ["5", "6"]])
        #expect(got.records.map(\.line) == [2, 5])
        #expect(got.malformed.map(\.line) == [3, 4])
        #expect(got.malformed.allSatisfy { $0.kind == .strayQuote })
    }

    /// SPEC 7.6: the record is rejected where it starts; reading resumes on the next line.
    @Test func unterminatedQuoteReportsItsStartLine() throws {
        let path = TestFiles.write("a,b\n1,2\n3,\"open\nmore\nrest\n")
        let got = try readAll(path)
        #expect(got.records.map(\.fields) == [["1", "2"], ["more"], ["rest"]])
        #expect(got.records.map(\.line) == [2, 4, 5])
        #expect(got.malformed.count == 1)
        #expect(got.malformed.first?.kind == .unterminatedQuote)
        #expect(got.malformed.first?.line == 3)
    }

    /// Doubled quotes after an unterminated one come back as written when the rest is read
    /// again (`""` is an empty quoted field there), and line numbers stay physical.
    @Test func unterminatedQuoteRestReadAgainAsWritten() throws {
        let path = TestFiles.write("a,b\n\"x,1\n\"\",2\nq\"\"r,3\n4,5")
        let got = try readAll(path)
        #expect(got.records.map(\.fields) == [["", "2"], ["4", "5"]])
        #expect(got.records.map(\.line) == [3, 5])
        #expect(got.malformed.map(\.line) == [2, 4])
        #expect(got.malformed.map(\.kind) == [.unterminatedQuote, .strayQuote])
    }

    /// An unterminated quote in the first of many chunks: the parallel reader (chunks parsed
    /// on a guess) and the sequential one agree record for record.
    @Test func unterminatedQuoteAcrossChunksParallelEqualsSequential() throws {
        var text = "a,b\n1,\"open\n"
        for k in 0..<200_000 { text += "\(k),v\(k)\n" }
        let path = TestFiles.write(text)
        let parallel = try readAll(path, parallel: true)
        let sequential = try readAll(path, parallel: false)
        #expect(parallel.records.count == 200_000)
        #expect(parallel.records.map(\.fields) == sequential.records.map(\.fields))
        #expect(parallel.records.map(\.line) == sequential.records.map(\.line))
        #expect(parallel.records.first?.line == 3)
        #expect(parallel.malformed.map(\.line) == [2])
    }

    /// Found by `Pipelines/fuzz.sh` (target csv): multi-line quoted fields that cross the cuts
    /// of several rounds in a row made the parallel reader reuse, for a new chunk, the parser
    /// still carrying the open record: it read 26 records where there are 20. Tiny chunks make
    /// every round a re-parse; every chunking must give the one-chunk sequential result.
    @Test func fuzzFindingParserReuse() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-csv-pool-reuse.csv").path
        func read(_ chunk: Int, _ parallel: Bool) throws -> ([Int], [[String]], [Int]) {
            let reader = try CSVReader(path: path, chunkSize: chunk)
            var lines: [Int] = []
            var fields: [[String]] = []
            var malformed: [Int] = []
            try reader.read(
                parallel: parallel, header: { _ in { CollectingConsumer() } },
                merge: { c, offset in
                    lines += c.records.map { $0.line + offset }
                    fields += c.records.map(\.fields)
                    malformed += c.malformed.map { $0.shifted(by: offset).line }
                })
            return (lines, fields, malformed)
        }
        let reference = try read(1 << 20, false)
        for (chunk, parallel) in [(3, true), (3, false), (17, true), (64, true), (200, true)] {
            let got = try read(chunk, parallel)
            #expect(got.0 == reference.0, "lines, chunk \(chunk) parallel \(parallel)")
            #expect(got.1 == reference.1, "fields, chunk \(chunk) parallel \(parallel)")
            #expect(got.2 == reference.2, "malformed, chunk \(chunk) parallel \(parallel)")
        }
    }

    @Test func emptyFileHasNoHeader() throws {
        let got = try readAll(TestFiles.write(""))
        #expect(got.header.isEmpty)
        #expect(got.records.isEmpty)
    }

    @Test func invalidUTF8IsMarkedUndecodable() throws {
        let path = TestFiles.write(Array("a,b\n".utf8) + [0x31, 0x2C, 0xFF, 0x0A])
        let reader = try CSVReader(path: path, encoding: .fixed(.utf8))
        var marks: [Bool] = []
        try reader.read(
            header: { _ in { MarkConsumer { marks.append(contentsOf: [$0.isDecodable(0), $0.isDecodable(1)]) } } },
            merge: { _, _ in })
        #expect(marks == [true, false])
    }

    @Test func cp932IsDetectedAndDecoded() throws {
        let text = "name,project\n株式会社タマ精機,TAMA\nｶﾌﾞｼｷｶﾞｲｼｬ,HOKKAIDO\n"
        let bytes = try #require(try CP932Codec.encode(text))
        let got = try readAll(TestFiles.write(bytes))
        #expect(got.reader.encoding == .cp932)
        #expect(got.records.map(\.fields) == [["株式会社タマ精機", "TAMA"], ["ｶﾌﾞｼｷｶﾞｲｼｬ", "HOKKAIDO"]])
    }

    @Test func utf8IsDetected() throws {
        let got = try readAll(TestFiles.write("name\n株式会社タマ精機\n"))
        #expect(got.reader.encoding == .utf8)
        #expect(got.records.first?.fields == ["株式会社タマ精機"])
    }

    /// Chunks are cut after a line feed and parsed on the guess that they start a record; a
    /// quoted field spanning a cut must come out the same as when read sequentially.
    @Test func parallelReadingEqualsSequentialAcrossChunkCuts() throws {
        var text = "id,note\n"
        var generator = SplitMix64(seed: 7)
        var expectedCount = 0
        while text.utf8.count < 6 * CSVReader.defaultChunkSize {
            let id = generator.next() % 1_000_000
            switch generator.next() % 10 {
            case 0: text += "\(id),\"multi\nline \(id)\nnote\"\n"
            case 1: text += "\(id),\"quoted, with comma\"\n"
            case 2: text += "\(id),bad\"quote\n"  // malformed
            default: text += "\(id),plain note \(id)\n"
            }
            expectedCount += 1
        }
        let path = TestFiles.write(text)
        let parallel = try readAll(path, parallel: true)
        let sequential = try readAll(path, parallel: false)
        #expect(parallel.records.count + parallel.malformed.count == expectedCount)
        #expect(parallel.records.map(\.line) == sequential.records.map(\.line))
        #expect(parallel.records.map(\.fields) == sequential.records.map(\.fields))
        #expect(parallel.malformed.map(\.line) == sequential.malformed.map(\.line))
    }

    /// Lone-CR line ends (old Mac files): 3 MiB of them is read in chunks like LF text (the
    /// progress reports more than one round; the whole file as one chunk took twice the time
    /// and seven times the memory), with the same records and lines.
    @Test func loneCRFilesAreReadInChunks() throws {
        var lf = "id,v\n"
        for k in 0..<200_000 { lf += "\(k),value \(k)\n" }
        let cr = String(lf.map { $0 == "\n" ? "\r" : $0 })
        let lfRead = try readAll(TestFiles.write(lf))
        let reader = try CSVReader(path: TestFiles.write(cr))
        var rounds = 0
        var records: [(line: Int, fields: [String])] = []
        try reader.read(
            header: { _ in { CollectingConsumer() } },
            merge: { c, offset in records += c.records.map { ($0.line + offset, $0.fields) } },
            progress: { _ in rounds += 1 })
        #expect(lf.utf8.count > 3 * CSVReader.defaultChunkSize)
        #expect(rounds >= 3)
        #expect(records.map(\.line) == lfRead.records.map(\.line))
        #expect(records.map(\.fields) == lfRead.records.map(\.fields))
        // A CRLF is never cut between its two bytes.
        #expect(CSVReader.cut(Array("a\r\nb\r".utf8)) == 3)
        #expect(CSVReader.cut(Array("a\rb".utf8)) == 2)
        #expect(CSVReader.cut(Array("ab\r".utf8)) == nil)
    }

    /// A field of 1 MB (bigger than a chunk's usual records) is read whole.
    @Test func megabyteField() throws {
        let big = String(repeating: "x,y\n", count: 262_144)
        let path = TestFiles.write("a,b\n\"\(big)\",1\nnext,2\n")
        let got = try readAll(path)
        #expect(got.records.count == 2)
        #expect(got.records.first?.fields.first?.utf8.count == big.utf8.count)
        #expect(got.records.last?.line == 2 + 262_144 + 1)
    }
}

/// A consumer that runs a closure on each record (for checks on the raw record).
final class MarkConsumer: RecordConsumer {
    let body: (CSVRecord) -> Void
    init(_ body: @escaping (CSVRecord) -> Void) { self.body = body }
    func consume(_ record: CSVRecord) { body(record) }
    func consume(_ malformed: MalformedRecord) {}
}

