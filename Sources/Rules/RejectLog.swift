import CSVKit
import Values

/// Collects the rejects of an ingest, writes them to rejects.csv as they come, and counts them
/// by file and reason for the balance and the report.
public final class RejectLog {
    private let writer: CSVWriter?
    public private(set) var counts: [String: [RejectReason: Int]] = [:]
    public private(set) var total = 0
    /// The first reject logged.
    public private(set) var first: Reject?
    /// The first reject logged for each file.
    public private(set) var firstByFile: [String: Reject] = [:]

    /// Every reject logged, in order, when the log was made to keep them (`keeping: true`).
    public private(set) var kept: [Reject] = []
    private var keeping = false

    /// `writer` receives the header at once and every reject after; nil only counts.
    public init(writer: CSVWriter?) throws {
        self.writer = writer
        try writer?.row(Reject.header)
    }

    /// A log that writes nothing and keeps every reject in `kept` (a few records' worth:
    /// cluster-explain).
    public static func keepingAll() throws -> RejectLog {
        let log = try RejectLog(writer: nil)
        log.keeping = true
        return log
    }

    public func add(_ reject: Reject) throws {
        total += 1
        if first == nil { first = reject }
        if firstByFile[reject.file] == nil { firstByFile[reject.file] = reject }
        counts[reject.file, default: [:]][reject.reason, default: 0] += 1
        if keeping { kept.append(reject) }
        guard let writer else { return }
        writer.field(reject.file)
        writer.field(Int64(reject.line))
        writer.field(reject.column)
        writer.field(reject.reason.rawValue)
        writer.field(reject.value)
        try writer.endRow()
    }

    public func close() throws { try writer?.close() }

    /// Advice for the rejects of `file` that a spreadsheet caused: corporate numbers saved in
    /// Excel's scientific notation (their last digits lost).
    public func hints(for file: String) -> [String] {
        guard let n = counts[file]?[.excelScientificNotation], n > 0 else { return [] }
        let what = n == 1 ? "1 corporate number is" : "\(n) corporate numbers are"
        return [
            "\(file): \(what) in Excel's scientific notation (like 9.35258E+12), which has lost the last digits: "
                + "format the column as Text in Excel (or open the CSV with that column as Text) and save the file again"
        ]
    }

    /// A reference table (benchmark, industries, sme_criteria, codebook) accepts no reject: one
    /// bad row there changes every series, so it is exit 65 naming the row, whatever
    /// MAX_REJECT_RATE says (SPEC 7.6).
    public func requireNone(in file: String) throws {
        if let r = firstByFile[file] { throw PipelineError.referenceRejected(r) }
    }
}

/// What reading one input produced besides its rows.
public struct IngestReport: Sendable {
    public var balance: RowBalance
    public var encoding: TextEncoding?
    public var sawBOM = false
    public var bytes = 0
    /// Header names no rule reads, listed once.
    public var unknownColumns: [String] = []
    /// A reference table (SPEC 7.6): any reject fails the run.
    public var isReference = false
    /// The first rejected record, for the message when a reference table has one.
    public var firstReject: Reject?
    /// Advice printed after the balance (rejects whose cause is a spreadsheet's doing).
    public var hints: [String] = []
    /// What the reader found worth saying about the file itself (why it was read as CP932).
    public var notes: [String] = []

    public init(file: String) { balance = RowBalance(file: file) }
}

/// Settings shared by every input of one ingest.
public struct IngestSettings: Sendable {
    public var encoding: EncodingChoice
    public var maxRejectRate: Double
    /// Called with the file and the bytes read so far, after each block (terminal progress).
    public var progress: (@Sendable (String, Int) -> Void)?

    public init(encoding: EncodingChoice = .auto, maxRejectRate: Double = 0.05, progress: (@Sendable (String, Int) -> Void)? = nil) {
        self.encoding = encoding
        self.maxRejectRate = maxRejectRate
        self.progress = progress
    }
}
