/// The rows of one input with what reading them produced.
public struct Loaded<Row: Sendable>: Sendable {
    public let rows: [Row]
    public let report: IngestReport
}

/// Reads, validates and normalises each input of SPEC 1.1. One function per file; each
/// counts every record into its row balance and sends every reject to the log.
public enum Ingest {
    public static func smeCriteria(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<SMECriterion>
    {
        try table(
            path, file: file, kind: .smeCriteria, settings: settings, rejects: rejects, keyColumn: "sector",
            bind: { try SMECriteriaRules(header: $0).validate }, key: SMECriteriaRules.key)
    }

    /// industries.csv; `sectors` (from sme_criteria.csv) checks each sector when given.
    public static func industries(
        _ path: String?, file: String, sectors: Set<String>?, settings: IngestSettings, rejects: RejectLog
    ) throws -> Loaded<Industry> {
        try table(
            path, file: file, kind: .industries, settings: settings, rejects: rejects, keyColumn: "code",
            bind: { try IndustryRules(header: $0, sectors: sectors).validate }, key: IndustryRules.key)
    }

    public static func participants(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<Participant>
    {
        try table(
            path, file: file, kind: .participants, settings: settings, rejects: rejects, keyColumn: "enterprise_id",
            bind: { try ParticipantRules(header: $0).validate }, key: ParticipantRules.key)
    }

    public static func codebook(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<CodebookItem>
    {
        var rules: CodebookRules?
        return try table(
            path, file: file, kind: .codebook, settings: settings, rejects: rejects, keyColumn: "item",
            bind: { header in
                let bound = try CodebookRules(header: header)
                rules = bound
                return bound.validate
            },
            key: { "\($0.question)\u{1F}\($0.item)" },
            crossCheck: { item, accepted, record in rules?.crossCheck(item, against: accepted, record: record) })
    }

    public static func benchmark(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<BenchmarkCell>
    {
        try table(
            path, file: file, kind: .benchmark, settings: settings, rejects: rejects, keyColumn: "size_class",
            bind: { try BenchmarkRules(header: $0).validate }, key: BenchmarkRules.key)
    }

    public static func published(_ path: String?, file: String, settings: IngestSettings, rejects: RejectLog) throws
        -> Loaded<PublishedValue>
    {
        try table(
            path, file: file, kind: .published, settings: settings, rejects: rejects, keyColumn: "key",
            bind: { try PublishedRules(header: $0).validate }, key: PublishedRules.key)
    }

    /// responses.csv: valid questionnaires of the frame, the latest submission of each
    /// respondent winning (equal instants: the later row). Rows come back in file order of the
    /// winning submissions.
    public static func responses(
        _ path: String?, file: String, codebook: Codebook, frame: Set<CorporateNumber>, settings: IngestSettings,
        rejects: RejectLog
    ) throws -> (loaded: Loaded<Response>, hasWeight: Bool) {
        let loop = RecordLoop(file: file, rejects: rejects)
        var rules: ResponseRules?
        var winners: [(line: Int, response: Response)] = []
        var slot: [CorporateNumber: Int] = [:]
        try loop.run(
            path: path, settings: settings,
            onHeader: { header in
                rules = try ResponseRules(header: header, codebook: codebook, frame: frame)
                return ResponseRules.knownColumns(codebook)
            },
            onRecord: { record in
                guard let rules else { return }
                let response: Response
                do throws(Fault) { response = try rules.validate(record) } catch {
                    try loop.reject(error, line: record.line)
                    return
                }
                if let index = slot[response.respondent] {
                    loop.balance.dropped += 1
                    if response.submittedAt >= winners[index].response.submittedAt {
                        winners[index] = (record.line, response)
                    }
                } else {
                    slot[response.respondent] = winners.count
                    winners.append((record.line, response))
                    loop.balance.kept += 1
                }
            })
        winners.sort { $0.line < $1.line }
        return (Loaded(rows: winners.map(\.response), report: loop.report), rules?.hasWeight ?? false)
    }

    /// statements.csv, streamed to `output` (normalised, header first). With a `frame`, only its
    /// enterprises' statements are kept (the others are validated and counted as filtered).
    /// Identical statements of one enterprise-year are merged; differing ones are all kept.
    public static func statements(
        _ path: String?, file: String, industries: IndustryTable, frame: Set<CorporateNumber>?,
        settings: IngestSettings, rejects: RejectLog, output: CSVWriter
    ) throws -> IngestReport {
        let loop = RecordLoop(file: file, rejects: rejects)
        var rules: StatementRules?
        var seen = StatementDeduplicator()
        try NormalisedCSV.writeHeader(.statements, hasWeight: false, codebook: nil, to: output)
        try loop.run(
            path: path, settings: settings,
            onHeader: { header in
                rules = try StatementRules(header: header, industries: industries)
                return Set(InputKind.statements.requiredColumns)
            },
            onRecord: { record in
                guard let rules else { return }
                let statement: Statement
                do throws(Fault) { statement = try rules.validate(record) } catch {
                    try loop.reject(error, line: record.line)
                    return
                }
                if let frame, !frame.contains(statement.enterprise) {
                    loop.balance.filtered += 1
                    return
                }
                if seen.insert(statement) == .identical {
                    loop.balance.merged += 1
                    return
                }
                loop.balance.kept += 1
                try NormalisedCSV.write(statement, industries: industries, to: output)
            })
        return loop.report
    }

    /// The shared loop of the small tables: validate, then fold identical rows with the same
    /// key into one (merged) and reject a later row whose key is taken by a different row.
    static func table<Row: Equatable & Sendable, Key: Hashable>(
        _ path: String?, file: String, kind: InputKind, settings: IngestSettings, rejects: RejectLog,
        keyColumn: String, bind: (Header) throws -> (CSVRecord) throws(Fault) -> Row, key: (Row) -> Key,
        crossCheck: ((Row, [Row], CSVRecord) -> Fault?)? = nil
    ) throws -> Loaded<Row> {
        let loop = RecordLoop(file: file, rejects: rejects)
        var validate: ((CSVRecord) throws(Fault) -> Row)?
        var rows: [Row] = []
        var byKey: [Key: Int] = [:]
        var keyPosition = 0
        try loop.run(
            path: path, settings: settings,
            onHeader: { header in
                validate = try bind(header)
                keyPosition = try header.require(keyColumn)
                return Set(kind.requiredColumns + kind.optionalColumns)
            },
            onRecord: { record in
                guard let validate else { return }
                let row: Row
                do throws(Fault) { row = try validate(record) } catch {
                    try loop.reject(error, line: record.line)
                    return
                }
                let k = key(row)
                if let earlier = byKey[k] {
                    if rows[earlier] == row {
                        loop.balance.merged += 1
                    } else {
                        try loop.reject(Fault(.conflictingDuplicate, in: record, at: keyPosition), line: record.line)
                    }
                    return
                }
                if let fault = crossCheck?(row, rows, record) {
                    try loop.reject(fault, line: record.line)
                    return
                }
                byKey[k] = rows.count
                rows.append(row)
                loop.balance.kept += 1
            })
        return Loaded(rows: rows, report: loop.report)
    }
}

/// Remembers the statements kept per enterprise-year by digest, to tell identical repeats
/// (merged) from differing ones (kept; the panel treats that year as missing).
struct StatementDeduplicator {
    enum Outcome: Equatable { case first, identical, differing }

    private var first: [UInt64: UInt64] = [:]
    private var more: [UInt64: [UInt64]] = [:]

    mutating func insert(_ statement: Statement) -> Outcome {
        let key = statement.enterpriseYear
        let digest = statement.digest
        guard let existing = first[key] else {
            first[key] = digest
            return .first
        }
        if existing == digest { return .identical }
        if more[key, default: []].contains(digest) { return .identical }
        more[key, default: []].append(digest)
        return .differing
    }
}
