import CSVKit
import Values

/// The records of one enterprise in one input, each with what the input's rules made of it:
/// what cluster-explain tells about one corporate number (README, "Why is my firm not in the
/// panel?"). The records are found by the 13 digits of their number column alone (a record
/// whose number is not 13 digits is nobody's; one whose check digit is wrong is found), then
/// validated by the file's own rules, so that a record rejected for any column is found with
/// its reason.
public enum Explain {
    /// A record of the enterprise: its line, and its row or the reject the rules gave it.
    public struct Found<Row: Sendable>: Sendable {
        public let line: Int
        public let result: Result<Row, RejectedRecord>
    }

    /// A reject as rejects.csv lists it.
    public struct RejectedRecord: Error, Sendable {
        public let reject: Reject
    }

    /// The rules of `Inner` applied only to the records whose `column` holds `id`; the others
    /// are passed over (counted as filtered, never validated).
    struct Matching<Inner: RecordRules>: RecordRules {
        let inner: Inner
        let position: Int
        let id: UInt64

        func validate(_ r: CSVRecord) throws(Fault) -> (line: Int, row: Inner.Row)? {
            guard r.count > position, r.isDecodable(position) else { return nil }
            // The 13 digits the record names, its check digit right or not (a mistyped number's
            // records are found, each rejected by the rules); anything else is nobody's.
            guard CorporateNumber.digits(r.field(position)) == id else { return nil }
            return (r.line, try inner.validate(r))
        }

        func keep(_ row: (line: Int, row: Inner.Row)?) -> Bool { row != nil }
    }

    /// Every record of `path` whose `column` names `id`, in line order.
    static func records<Rules: RecordRules>(
        _ path: String, file: String, column: String, id: UInt64, settings: IngestSettings,
        bind: @escaping (Header) throws -> Rules
    ) throws -> (found: [Found<Rules.Row>], report: IngestReport) {
        let rejects = try RejectLog.keepingAll()
        var rows: [(line: Int, row: Rules.Row)] = []
        let report = try RecordLoop.run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                let matching = Matching(inner: try bind(header), position: try header.require(column), id: id)
                return (matching, Set(header.names))
            },
            accept: { _, row in
                if let row { rows.append(row) }
                return .kept
            })
        // A record of the wrong shape (field count, quotes) is rejected before any rule reads its
        // number, whoever's it is: such rejects name no column and are nobody's here. Every other
        // reject came from the rules of a record with the enterprise's number.
        var found = rows.map { Found(line: $0.line, result: .success($0.row)) }
        found += rejects.kept.filter { !$0.column.isEmpty }.map {
            Found<Rules.Row>(line: $0.line, result: .failure(RejectedRecord(reject: $0)))
        }
        return (found.sorted { $0.line < $1.line }, report)
    }

    /// participants.csv's records of `id`.
    public static func participants(_ path: String, id: UInt64, settings: IngestSettings) throws
        -> [Found<Participant>]
    {
        try records(path, file: Files.baseName(path), column: "enterprise_id", id: id, settings: settings) {
            try ParticipantRules(header: $0)
        }.found
    }

    /// responses.csv's records of `id`: each valid one with its submission instant.
    public static func responses(
        _ path: String, id: UInt64, codebook: Codebook, frame: Frame, settings: IngestSettings
    ) throws -> [Found<Timestamp>] {
        try records(path, file: Files.baseName(path), column: "respondent_id", id: id, settings: settings) {
            ResponseInstantRules(rules: try ResponseRules(header: $0, codebook: codebook, frame: frame))
        }.found
    }

    /// statements.csv's records of `id`.
    public static func statements(_ path: String, id: UInt64, industries: IndustryTable, settings: IngestSettings)
        throws -> [Found<Statement>]
    {
        try records(path, file: Files.baseName(path), column: "enterprise_id", id: id, settings: settings) {
            try StatementRules(header: $0, industries: industries)
        }.found
    }
}

/// A questionnaire's validation reduced to its instant (the cells are checked, not kept).
struct ResponseInstantRules: RecordRules {
    let rules: ResponseRules

    func validate(_ r: CSVRecord) throws(Fault) -> Timestamp {
        var cells = [UInt16](repeating: 0, count: rules.cellCount)
        return Timestamp(epochNanoseconds: try rules.validate(r, cells: &cells, at: 0).instant)
    }
}
