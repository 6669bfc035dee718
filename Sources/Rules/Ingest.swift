import CSVKit
import Values

/// The rows of one input with what reading them produced.
public struct Loaded<Row: Sendable>: Sendable {
    public let rows: [Row]
    public let report: IngestReport
}

extension SMECriteriaRules: RecordRules {}
extension IndustryRules: RecordRules {}
extension ParticipantRules: RecordRules {}
extension CodebookRules: RecordRules {}
extension BenchmarkRules: RecordRules {}
extension PublishedRules: RecordRules {}

/// Reads, validates and normalises each input of SPEC 1.1. One function per file; each
/// counts every record into its row balance and sends every reject to the log.
public enum Ingest {
    public static func smeCriteria(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<SMECriterion>
    {
        try table(
            path, file: file, kind: .smeCriteria, settings: settings, rejects: rejects, keyColumn: "sector",
            bind: { try SMECriteriaRules(header: $0) }, key: SMECriteriaRules.key)
    }

    /// industries.csv; `sectors` (from sme_criteria.csv) checks each sector when given.
    public static func industries(
        _ path: String?, file: String, sectors: Set<String>?, settings: IngestSettings, rejects: RejectLog
    ) throws -> Loaded<Industry> {
        try table(
            path, file: file, kind: .industries, settings: settings, rejects: rejects, keyColumn: "code",
            bind: { try IndustryRules(header: $0, sectors: sectors) }, key: IndustryRules.key)
    }

    /// participants.csv with every kept row (the decisions of `frame`, which streams them).
    public static func participants(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<Participant>
    {
        var rows: [Participant] = []
        let (_, report) = try frame(path, file: file, settings: settings, rejects: rejects) { rows.append($0) }
        return Loaded(rows: rows, report: report)
    }

    /// codebook.csv; an item is also checked against the items accepted before it.
    public static func codebook(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<CodebookItem>
    {
        var rules: CodebookRules?
        return try table(
            path, file: file, kind: .codebook, settings: settings, rejects: rejects, keyColumn: "item",
            bind: { header in
                let bound = try CodebookRules(header: header)
                rules = bound
                return bound
            },
            key: { CompositeKey([$0.question, String($0.item)]) },
            crossCheck: { item, accepted in rules?.crossCheck(item, against: accepted) })
    }

    public static func benchmark(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<BenchmarkCell>
    {
        try table(
            path, file: file, kind: .benchmark, settings: settings, rejects: rejects, keyColumn: "size_class",
            bind: { try BenchmarkRules(header: $0) }, key: BenchmarkRules.key)
    }

    public static func published(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<PublishedValue>
    {
        try table(
            path, file: file, kind: .published, settings: settings, rejects: rejects, keyColumn: "key",
            bind: { try PublishedRules(header: $0) }, key: PublishedRules.key)
    }

    /// responses.csv: valid questionnaires of the frame, the latest submission of each
    /// respondent winning (equal instants: the later row). Rows come back in the order of each
    /// respondent's first valid submission (so a million-row survey is never re-sorted).
    public static func responses(
        _ path: String?, file: String, codebook: Codebook, frame: Set<CorporateNumber>, settings: IngestSettings,
        rejects: RejectLog
    ) throws -> (loaded: Loaded<Response>, hasWeight: Bool) {
        let (table, report) = try responseTable(
            path, file: file, codebook: codebook, frame: Frame(frame.map { ($0.value, "") }), settings: settings,
            rejects: rejects)
        return (Loaded(rows: table.rows, report: report), table.hasWeight)
    }

    /// `responses` into a compact table (a national survey's million respondents).
    public static func responseTable(
        _ path: String?, file: String, codebook: Codebook, frame: Frame, settings: IngestSettings, rejects: RejectLog
    ) throws -> (table: ResponseTable, report: IngestReport) {
        var table = ResponseTable(codebook: codebook, hasWeight: false)
        // Each frame member's row in the table (-1: none yet), by the member's position.
        var rowOf = [Int32](repeating: -1, count: frame.count)
        let report = try RecordLoop.run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                let rules = try ResponseRules(header: header, codebook: codebook, frame: frame)
                table = ResponseTable(codebook: codebook, hasWeight: rules.hasWeight)
                return ({ ResponseChunk(rules: rules, shape: header.shape) }, ResponseRules.knownColumns(codebook))
            },
            accept: { _, chunk, i in
                let member = Int(chunk.members[i])
                let found = Int(rowOf[member])
                guard found >= 0 else {
                    rowOf[member] = Int32(truncatingIfNeeded: table.count)
                    table.append(
                        respondent: chunk.respondents[i], instant: chunk.instants[i], weight: chunk.weights[i],
                        cells: chunk.cells(ofRow: i))
                    return .kept
                }
                if chunk.instants[i] >= table.instants[found] {
                    table.replace(
                        found, respondent: chunk.respondents[i], instant: chunk.instants[i], weight: chunk.weights[i],
                        cells: chunk.cells(ofRow: i))
                }
                return .dropped
            })
        return (table, report)
    }

    /// statements.csv with every kept statement handed to `keep`, in file order. With a
    /// `frame`, only its enterprises' statements are kept (the others are validated and counted
    /// as filtered). Identical statements of one enterprise-year are merged; differing ones are
    /// all kept.
    public static func statements(
        _ path: String?, file: String, industries: IndustryTable, frame members: IDSet?,
        settings: IngestSettings, rejects: RejectLog, keep: (Statement) throws -> Void
    ) throws -> IngestReport {
        var seen = StatementDeduplicator()
        return try RecordLoop.run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                (try StatementRules(header: header, industries: industries, frame: members),
                    Set(InputKind.statements.requiredColumns))
            },
            accept: { _, statement in
                if seen.insert(statement) == .identical { return .merged }
                try keep(statement)
                return .kept
            })
    }

    /// The shared step of the small tables: fold identical rows with the same key into one
    /// (merged) and reject a later row whose key is taken by a different row.
    static func table<Rules: RecordRules, Key: Hashable>(
        _ path: String?, file: String, kind: InputKind, settings: IngestSettings, rejects: RejectLog,
        keyColumn: String, bind: (Header) throws -> Rules, key: (Rules.Row) -> Key,
        crossCheck: ((Rules.Row, [Rules.Row]) -> Fault?)? = nil
    ) throws -> Loaded<Rules.Row> where Rules.Row: Equatable {
        var rows: [Rules.Row] = []
        var byKey: [Key: Int] = [:]
        var keyPosition = 0
        let report = try RecordLoop.run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                keyPosition = try header.require(keyColumn)
                return (try bind(header), Set(kind.requiredColumns + kind.optionalColumns))
            },
            accept: { _, row in
                let k = key(row)
                if let earlier = byKey[k] {
                    if rows[earlier] == row { return .merged }
                    return .rejected(Fault(column: keyPosition, reason: .conflictingDuplicate, value: "\(k)"))
                }
                if let fault = crossCheck?(row, rows) { return .rejected(fault) }
                byKey[k] = rows.count
                rows.append(row)
                return .kept
            })
        return Loaded(rows: rows, report: report)
    }
}

/// Remembers the statements kept per enterprise-year by digest, to tell identical repeats
/// (merged) from differing ones (kept; the panel treats that year as missing).
struct StatementDeduplicator {
    enum Outcome: Equatable { case first, identical, differing }

    /// Enterprise-year → the first digest (keys are never 0: a corporate number is not).
    private var first = IDMap()
    /// The other digests seen per enterprise-year, as (key, digest) pairs: constant time per
    /// statement however many differing statements one enterprise-year has (SPEC 7.9).
    private var more: Set<KeyedDigest> = []

    private struct KeyedDigest: Hashable {
        let key: UInt64
        let digest: UInt64
    }

    mutating func insert(_ statement: Statement) -> Outcome {
        let key = statement.enterpriseYear
        let digest = statement.digest
        guard let existing = first.insertIfAbsent(key, digest) else { return .first }
        if existing == digest { return .identical }
        return more.insert(KeyedDigest(key: key, digest: digest)).inserted ? .differing : .identical
    }
}

/// A key of several columns, shown as `a / b / c` in reject values.
public struct CompositeKey: Hashable, Sendable, CustomStringConvertible {
    public let parts: [String]
    public init(_ parts: [String]) { self.parts = parts }
    public var description: String { parts.joined(separator: " / ") }
}
