import CSVKit
import Values

/// A rule set for one input: reads a record into a typed row, or names the first faulty
/// field in column order.
public protocol RecordRules: Sendable {
    associatedtype Row: Sendable
    func validate(_ record: CSVRecord) throws(Fault) -> Row
    /// False for a valid row that this ingest leaves out (a statement outside the frame).
    func keep(_ row: Row) -> Bool
}

extension RecordRules {
    public func keep(_ row: Row) -> Bool { true }
}

/// What the file-level step decided for a valid row.
enum Disposition {
    case kept, merged, dropped
    case rejected(Fault)
}

/// What a chunk's consumer hands to the merge: its valid rows (by index, in line order), its
/// faults in line order, and its counts.
protocol ValidatedChunk: RecordConsumer {
    var read: Int { get }
    var filtered: Int { get }
    /// Record-level and field-level faults, in line order (`column` -1 = the whole record).
    var faults: [(line: Int, fault: Fault)] { get }
    var rowCount: Int { get }
    func line(ofRow i: Int) -> Int
}

/// The faults every consumer finds before its rules: a record with the wrong number of fields,
/// a malformed stretch.
enum RecordFaults {
    static func fault(_ record: CSVRecord, shape: FieldShape) -> Fault? {
        if record.count == shape.named { return nil }
        if record.count > shape.named && record.count <= shape.declared {
            // Cells under the header's empty names at its end: fine while empty.
            guard let used = (shape.named..<record.count).first(where: { !record.isBlank($0) }) else { return nil }
            return Fault(
                column: -1, reason: .wrongFieldCount,
                value: "a value under the header's empty column \(used + 1): \(record.displayText(used))")
        }
        return Fault(
            column: -1, reason: .wrongFieldCount,
            value: "\(record.count) field\(record.count == 1 ? "" : "s"), header has \(shape.named)")
    }

    static func fault(_ malformed: MalformedRecord) -> Fault {
        let reason: RejectReason = malformed.kind == .strayQuote ? .malformedQuotes : .unterminatedQuote
        return Fault(column: -1, reason: reason, value: malformed.excerpt)
    }
}

/// Validates the records of one chunk into rows; runs on a worker, merged later in file order.
final class ValidatingConsumer<Rules: RecordRules>: ValidatedChunk {
    let rules: Rules
    let shape: FieldShape
    private(set) var rows: [(line: Int, row: Rules.Row)] = []
    private(set) var faults: [(line: Int, fault: Fault)] = []
    private(set) var read = 0
    private(set) var filtered = 0

    init(rules: Rules, shape: FieldShape) {
        self.rules = rules
        self.shape = shape
    }

    var rowCount: Int { rows.count }
    func line(ofRow i: Int) -> Int { rows[i].line }

    func consume(_ record: CSVRecord) {
        read += 1
        if let fault = RecordFaults.fault(record, shape: shape) {
            faults.append((record.line, fault))
            return
        }
        do throws(Fault) {
            let row = try rules.validate(record)
            if rules.keep(row) { rows.append((record.line, row)) } else { filtered += 1 }
        } catch {
            faults.append((record.line, error))
        }
    }

    func consume(_ malformed: MalformedRecord) {
        read += 1
        faults.append((malformed.line, RecordFaults.fault(malformed)))
    }
}

/// Reads one CSV input to the end: the header binds the rules, chunks are validated (on both
/// cores for a large file), and each valid row goes, in file order, to `accept`, which decides
/// whether it is kept, merged or dropped (or rejected after all). Every record lands in exactly
/// one column of the row balance.
package enum RecordLoop {
    static func run<Rules: RecordRules>(
        path: String?, file: String, settings: IngestSettings, rejects: RejectLog,
        bind: (Header) throws -> (rules: Rules, known: Set<String>),
        accept: (Int, Rules.Row) throws -> Disposition
    ) throws -> IngestReport {
        try run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                let (rules, known) = try bind(header)
                return ({ ValidatingConsumer(rules: rules, shape: header.shape) }, known)
            },
            accept: { line, chunk, i in try accept(line, chunk.rows[i].row) })
    }

    /// `run` with consumers of the caller's making (`make`, one per chunk): `accept` gets each
    /// valid row as its chunk and index.
    static func run<Chunk: ValidatedChunk>(
        path: String?, file: String, settings: IngestSettings, rejects: RejectLog,
        bind: (Header) throws -> (make: () -> Chunk, known: Set<String>),
        accept: (Int, Chunk, Int) throws -> Disposition
    ) throws -> IngestReport {
        let reader = try CSVReader(path: path, encoding: settings.encoding)
        var report = IngestReport(file: file)
        var header: Header?
        func columnName(_ position: Int) -> String {
            guard let header, position >= 0, position < header.count else { return "" }
            return header.names[position]
        }
        // Faults with a note (an era date outside its era, `H31.5`): the first is explained,
        // the others counted.
        var firstNote: String?
        var noted = 0
        func reject(_ fault: Fault, line: Int) throws {
            report.balance.rejected += 1
            try rejects.add(Reject(file: file, line: line, column: columnName(fault.column), reason: fault.reason, value: fault.value))
            if let note = fault.note {
                noted += 1
                if firstNote == nil { firstNote = "line \(line): \(columnName(fault.column)) '\(fault.value)' is rejected: \(note)" }
            }
        }
        let progress = settings.progress.map { callback in { (bytes: Int) in callback(file, bytes) } }
        try reader.read(
            header: { record in
                let parsed = try Header(record: record, file: file)
                let (make, known) = try bind(parsed)
                header = parsed
                report.unknownColumns = parsed.unknown(known: known)
                return make
            },
            merge: { chunk, offset in
                report.balance.read += chunk.read
                report.balance.filtered += chunk.filtered
                var f = 0
                let faults = chunk.faults
                for i in 0..<chunk.rowCount {
                    let line = chunk.line(ofRow: i)
                    while f < faults.count, faults[f].line < line {
                        try reject(faults[f].fault, line: faults[f].line + offset)
                        f += 1
                    }
                    switch try accept(line + offset, chunk, i) {
                    case .kept: report.balance.kept += 1
                    case .merged: report.balance.merged += 1
                    case .dropped: report.balance.dropped += 1
                    case .rejected(let fault): try reject(fault, line: line + offset)
                    }
                }
                while f < faults.count {
                    try reject(faults[f].fault, line: faults[f].line + offset)
                    f += 1
                }
            },
            progress: progress)
        guard header != nil else { throw PipelineError.noHeader(path: file) }
        report.encoding = reader.encoding
        report.sawBOM = reader.sawBOM
        if let note = reader.encodingNote { report.notes.append(note) }
        if let firstNote {
            let more = noted - 1
            report.notes.append(more == 0 ? firstNote : "\(firstNote) (and \(more) more like it)")
        }
        report.bytes = reader.bytesRead
        return report
    }

    /// Reads a file one stage wrote for the next (UTF-8, every row valid): its rows, or an error
    /// naming the first bad line, since such a file is not what it claims to be.
    package static func readIntermediate<Rules: RecordRules>(
        _ path: String?, file: String, columns: [String], encoding: EncodingChoice = .fixed(.utf8),
        bind: (Header) throws -> Rules
    ) throws -> [Rules.Row] {
        var rows: [Rules.Row] = []
        let rejects = try RejectLog(writer: nil)
        let report = try run(
            path: path, file: file, settings: IngestSettings(encoding: encoding), rejects: rejects,
            bind: { header in (try bind(header), Set(columns)) },
            accept: { _, row in
                rows.append(row)
                return .kept
            })
        if let bad = rejects.first {
            throw PipelineError.badIntermediate(
                path: file, line: bad.line,
                message: "\(report.balance.rejected) bad rows; the first: \(bad.column) \(bad.reason.rawValue) '\(bad.value)'")
        }
        return rows
    }
}
