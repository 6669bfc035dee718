import CSVKit
import Rules
import Values

/// ingest_summary.csv: one row per input the ingest stage read, with its row balance. The
/// writer and the reader (report and package read it back, every cell checked).
public enum IngestSummaryCSV {
    public static let columns = [
        "file", "encoding", "bom", "bytes", "read", "kept", "rejected", "merged", "dropped", "filtered",
        "ignored_columns",
    ]

    /// One input as the summary lists it.
    public struct Row: Sendable, Equatable {
        public let balance: RowBalance
        /// `utf-8`, `cp932` or `ascii` (no byte above 0x7F: both encodings read it alike).
        public let encoding: String
        public let bom: Bool
        public let bytes: Int
        /// Header names no rule reads, space-separated.
        public let ignoredColumns: String

        public init(balance: RowBalance, encoding: String, bom: Bool, bytes: Int, ignoredColumns: String) {
            self.balance = balance
            self.encoding = encoding
            self.bom = bom
            self.bytes = bytes
            self.ignoredColumns = ignoredColumns
        }
    }

    public static func write(_ reports: [IngestReport], to out: CSVWriter) throws {
        try out.row(columns)
        for r in reports {
            let b = r.balance
            out.field(b.file)
            out.field(r.encoding?.rawValue ?? "ascii")
            out.field(r.sawBOM ? "yes" : "no")
            for n in [r.bytes, b.read, b.kept, b.rejected, b.merged, b.dropped, b.filtered] { out.field(Int64(n)) }
            out.field(r.unknownColumns.joined(separator: " "))
            try out.endRow()
        }
    }

    struct Rules: RecordRules {
        enum Column: Sendable {
            case file, encoding, bom, bytes, read, kept, rejected, merged, dropped, filtered, ignoredColumns
        }
        let order: [(column: Column, position: Int)]

        init(header: Header) throws {
            order = try header.order([
                (.file, "file"), (.encoding, "encoding"), (.bom, "bom"), (.bytes, "bytes"), (.read, "read"),
                (.kept, "kept"), (.rejected, "rejected"), (.merged, "merged"), (.dropped, "dropped"),
                (.filtered, "filtered"), (.ignoredColumns, "ignored_columns"),
            ])
        }

        func validate(_ r: CSVRecord) throws(Fault) -> Row {
            var balance = RowBalance(file: "")
            var encoding = "", bom = false, bytes = 0, ignored = ""
            func count(_ position: Int) throws(Fault) -> Int {
                guard let v = try r.integer(position, required: true), v <= Int64(Int.max) else {
                    throw Fault(.invalidInteger, in: r, at: position)
                }
                return Int(v)
            }
            for (column, position) in order {
                switch column {
                case .file: balance.file = try r.code(position)
                case .encoding:
                    encoding = try r.code(position)
                    guard encoding == "ascii" || TextEncoding(rawValue: encoding) != nil else {
                        throw Fault(.unexpectedValue, in: r, at: position)
                    }
                case .bom:
                    switch try r.code(position) {
                    case "yes": bom = true
                    case "no": bom = false
                    default: throw Fault(.unexpectedValue, in: r, at: position)
                    }
                case .bytes: bytes = try count(position)
                case .read: balance.read = try count(position)
                case .kept: balance.kept = try count(position)
                case .rejected: balance.rejected = try count(position)
                case .merged: balance.merged = try count(position)
                case .dropped: balance.dropped = try count(position)
                case .filtered: balance.filtered = try count(position)
                case .ignoredColumns: ignored = try r.checkedText(position)
                }
            }
            return Row(balance: balance, encoding: encoding, bom: bom, bytes: bytes, ignoredColumns: ignored)
        }
    }

    /// Reads ingest_summary.csv back; any fault is an error naming the line and column.
    public static func read(_ path: String) throws -> [Row] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns) { try Rules(header: $0) }
    }
}
