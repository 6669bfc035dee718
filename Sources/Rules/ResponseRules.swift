import CSVKit
import Values

/// responses.csv: questionnaires checked against the codebook and the frame (SPEC 1.1, 6.4).
///
/// A record is validated straight into the compact cells of `ResponseTable` (multi: 0/1;
/// single: the table's `CompactCodes`): no array and no object per questionnaire.
public struct ResponseRules: Sendable {
    enum Kind: Sendable { case respondent, submittedAt, weight, multi, single }

    /// What to read at one position of the record: `cell` is the codebook column, `codes` the
    /// single question's entry in `singles`.
    struct Step: Sendable {
        let position: Int
        let kind: Kind
        let cell: Int
        let codes: Int
    }

    /// A valid questionnaire's own values; its cells went to the caller's array.
    struct Row: Sendable {
        let respondent: UInt64
        /// The respondent's position in the frame (file order).
        let member: UInt32
        let instant: Int64
        /// 1 when the file has no weight column.
        let weight: Double
    }

    let respondentID: Int
    let hasWeight: Bool
    let cellCount: Int
    /// What to read, in file order.
    let steps: [Step]
    let singles: [ResponseTable.CompactCodes]
    let frame: Frame

    public init(header: Header, codebook: Codebook, frame: Frame) throws {
        respondentID = try header.require("respondent_id")
        var steps = [
            Step(position: respondentID, kind: .respondent, cell: 0, codes: 0),
            Step(position: try header.require("submitted_at"), kind: .submittedAt, cell: 0, codes: 0),
        ]
        if let weight = header.position(of: "weight") { steps.append(Step(position: weight, kind: .weight, cell: 0, codes: 0)) }
        hasWeight = header.position(of: "weight") != nil
        var singles: [ResponseTable.CompactCodes] = []
        for (k, (column, lookup)) in zip(codebook.columns, ResponseTable.compactCodes(codebook)).enumerated() {
            let position = try header.require(column)
            if let lookup {
                steps.append(Step(position: position, kind: .single, cell: k, codes: singles.count))
                singles.append(lookup)
            } else {
                steps.append(Step(position: position, kind: .multi, cell: k, codes: 0))
            }
        }
        cellCount = codebook.columns.count
        self.steps = steps.sorted { $0.position < $1.position }
        self.singles = singles
        self.frame = frame
    }

    /// The known columns (for the list of ignored ones).
    public static func knownColumns(_ codebook: Codebook) -> Set<String> {
        Set(["respondent_id", "submitted_at", "weight"] + codebook.columns)
    }

    /// Validates `r`, writing its compact cells to `cells[base..<base + cellCount]`; on a
    /// fault those cells are left half written (the caller drops them).
    func validate(_ r: CSVRecord, cells: inout [UInt16], at base: Int) throws(Fault) -> Row {
        var id: UInt64?
        var member: UInt32 = 0
        var time: Int64?
        var w = 1.0
        for step in steps {
            let position = step.position
            // A field that did not decode is never read as a value (SPEC 6.2).
            try r.checkDecodable(position)
            switch step.kind {
            case .multi:
                guard let selected = AnswerCellParser.multi(r.bytes, r.range(position)) else {
                    throw Fault(.invalidMultiCell, in: r, at: position)
                }
                cells[base + step.cell] = selected ? 1 : 0
            case .single:
                // nil: no code of the question (or no code at all).
                let slot: UInt16?
                switch AnswerCellParser.single(r.bytes, r.range(position)) {
                case .missing: slot = 0
                case .value(let code):
                    let found = singles[step.codes].position(of: code)
                    slot = found == 0 ? nil : found
                case .invalid: slot = nil
                }
                guard let slot else {
                    throw Fault(.invalidSingleCode, in: r, at: position)
                }
                cells[base + step.cell] = slot
            case .respondent:
                let number = try r.corporateNumber(position)
                guard let found = frame.position(number.value) else { throw Fault(.notInFrame, in: r, at: position) }
                id = number.value
                member = UInt32(truncatingIfNeeded: found)
            case .submittedAt:
                guard let t = TimestampParser.parse(r.bytes, r.range(position)) else {
                    throw Fault(r.isBlank(position) ? .missingValue : .invalidTimestamp, in: r, at: position)
                }
                time = t.epochNanoseconds
            case .weight:
                guard let v = DecimalParser.parse(r.field(position)), v > 0 else {
                    throw Fault(.invalidWeight, in: r, at: position)
                }
                w = v
            }
        }
        guard let id, let time else { throw Fault(.missingValue, in: r, at: respondentID) }
        return Row(respondent: id, member: member, instant: time, weight: w)
    }
}

/// The valid questionnaires of one chunk, column by column as `ResponseTable` keeps them,
/// with the chunk's faults; merged into the table in file order (`Ingest.responseTable`).
final class ResponseChunk: ValidatedChunk {
    let rules: ResponseRules
    let shape: FieldShape
    private(set) var lines: [Int] = []
    private(set) var respondents: [UInt64] = []
    /// Each row's respondent as a position in the frame.
    private(set) var members: [UInt32] = []
    private(set) var instants: [Int64] = []
    private(set) var weights: [Double] = []
    /// `rules.cellCount` compact cells per row, row after row.
    private(set) var cells: [UInt16] = []
    private(set) var faults: [(line: Int, fault: Fault)] = []
    private(set) var read = 0
    let filtered = 0

    init(rules: ResponseRules, shape: FieldShape) {
        self.rules = rules
        self.shape = shape
    }

    var rowCount: Int { lines.count }
    func line(ofRow i: Int) -> Int { lines[i] }

    /// Row `i`'s cells.
    func cells(ofRow i: Int) -> ArraySlice<UInt16> {
        cells[(i * rules.cellCount)..<((i + 1) * rules.cellCount)]
    }

    func consume(_ record: CSVRecord) {
        read += 1
        if let fault = RecordFaults.fault(record, shape: shape) {
            faults.append((record.line, fault))
            return
        }
        let base = cells.count
        cells.append(contentsOf: repeatElement(0, count: rules.cellCount))
        do throws(Fault) {
            let row = try rules.validate(record, cells: &cells, at: base)
            lines.append(record.line)
            respondents.append(row.respondent)
            members.append(row.member)
            instants.append(row.instant)
            weights.append(row.weight)
        } catch {
            cells.removeLast(rules.cellCount)
            faults.append((record.line, error))
        }
    }

    func consume(_ malformed: MalformedRecord) {
        read += 1
        faults.append((malformed.line, RecordFaults.fault(malformed)))
    }
}
