import Testing

@testable import CSVKit
@testable import Values

/// CCSV/shim.h reads and resets fields of libcsv's `struct csv_parser` that libcsv does not
/// document (pstate, quoted, entry_buf, entry_pos, status). The build pins libcsv 3.0; these
/// tests pin what the fields mean, so that a libcsv whose parser state means something else
/// fails here rather than in a data file. Expected values are read off the inputs by hand.
@Suite struct ChunkParserStateTests {
    final class Collect: RecordConsumer {
        var records: [(line: Int, fields: [String])] = []
        var malformed: [MalformedRecord] = []
        func consume(_ record: CSVRecord) {
            records.append((record.line, (0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) }))
        }
        func consume(_ bad: MalformedRecord) { malformed.append(bad) }
    }

    private func parse(_ parser: ChunkParser, _ text: String) throws -> Collect {
        try parser.parse(Array(text.utf8))
        return try parser.drain(into: Collect()) ?? Collect()
    }

    /// `ccsv_at_row_start`: pstate 0 after a record's line feed, not inside a quoted field.
    @Test func rowStartIsPstateZero() throws {
        let between = try ChunkParser()
        _ = try parse(between, "a,b\n")
        #expect(between.isAtRecordBoundary)
        let inside = try ChunkParser()
        _ = try parse(inside, "a,\"b\nc")
        #expect(!inside.isAtRecordBoundary)
    }

    /// `ccsv_reset` after a strict-mode error: the next line parses as a record of its own.
    /// `a,b"c` has a quote inside an unquoted field (RFC 4180 2.5): one malformed stretch on
    /// line 1, then `d,e` on line 2.
    @Test func resetAfterStrictErrorResumesOnTheNextLine() throws {
        let parser = try ChunkParser()
        let got = try parse(parser, "a,b\"c\nd,e\n")
        #expect(got.malformed.map(\.line) == [1])
        #expect(got.malformed.map(\.kind) == [.strayQuote])
        #expect(got.records.map(\.fields) == [["d", "e"]])
        #expect(got.records.map(\.line) == [2])
    }

    /// `ccsv_pending_bytes`, `ccsv_pending_count`, `ccsv_pending_quoted`: an unterminated quote
    /// at the end shows the field's text, opening quote included, in its excerpt.
    @Test func pendingFieldOfAnUnterminatedQuote() throws {
        let parser = try ChunkParser()
        _ = try parse(parser, "x,\"abc")
        try parser.finish()
        let got = try parser.drain(into: Collect()) ?? Collect()
        #expect(got.malformed.map(\.kind) == [.unterminatedQuote])
        #expect(got.malformed.first?.excerpt.contains("\"abc") == true)
        #expect(got.records.isEmpty)
    }

    /// A parser reset in the middle of a quoted field (a reader's pool reuses parsers) starts
    /// the next chunk clean: `p,q` is one record on line 1 (a fuzzing finding, Tests/Fuzz).
    @Test func resetInsideAQuotedFieldStartsClean() throws {
        let parser = try ChunkParser()
        _ = try parse(parser, "a,\"unfinished")
        parser.reset()
        let got = try parse(parser, "p,q\n")
        #expect(got.records.map(\.fields) == [["p", "q"]])
        #expect(got.records.map(\.line) == [1])
        #expect(got.malformed.isEmpty)
    }
}
