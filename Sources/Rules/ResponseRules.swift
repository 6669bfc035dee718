import CSVKit
import Values

/// responses.csv: questionnaires checked against the codebook and the frame (SPEC 1.1, 6.4).
public struct ResponseRules: Sendable {
    enum Cell: Sendable {
        case multi
        case single(Set<Int64>)
    }

    enum Action: Sendable {
        case respondent, submittedAt, weight
        case cell(Int, Cell)
    }

    let respondentID: Int
    let hasWeight: Bool
    let cellCount: Int
    /// What to read at each position, in file order.
    let order: [(position: Int, action: Action)]
    let frame: IDSet

    public init(header: Header, codebook: Codebook, frame: IDSet) throws {
        respondentID = try header.require("respondent_id")
        var order: [(Int, Action)] = [(respondentID, .respondent), (try header.require("submitted_at"), .submittedAt)]
        if let weight = header.position(of: "weight") { order.append((weight, .weight)) }
        hasWeight = header.position(of: "weight") != nil
        for (k, column) in codebook.columns.enumerated() {
            let position = try header.require(column)
            let question = codebook.question(ofColumn: column)
            if let question, question.type == .single {
                order.append((position, .cell(k, .single(Set(question.items.map { Int64($0.item) })))))
            } else {
                order.append((position, .cell(k, .multi)))
            }
        }
        cellCount = codebook.columns.count
        self.order = order.sorted { $0.0 < $1.0 }
        self.frame = frame
    }

    /// The known columns (for the list of ignored ones).
    public static func knownColumns(_ codebook: Codebook) -> Set<String> {
        Set(["respondent_id", "submitted_at", "weight"] + codebook.columns)
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> Response {
        var id: CorporateNumber?
        var time: Timestamp?
        var w: Double?
        var values = [Int32](repeating: 0, count: cellCount)
        for (position, action) in order {
            switch action {
            case .respondent:
                let number = try r.corporateNumber(position)
                guard frame.contains(number.value) else { throw Fault(.notInFrame, in: r, at: position) }
                id = number
            case .submittedAt:
                guard let t = TimestampParser.parse(r.field(position)) else {
                    try r.checkDecodable(position)
                    throw Fault(r.isBlank(position) ? .missingValue : .invalidTimestamp, in: r, at: position)
                }
                time = t
            case .weight:
                guard let v = DecimalParser.parse(r.field(position)), v > 0 else {
                    try r.checkDecodable(position)
                    throw Fault(.invalidWeight, in: r, at: position)
                }
                w = v
            case .cell(let k, .multi):
                guard let selected = AnswerCellParser.multi(r.bytes, r.range(position)) else {
                    try r.checkDecodable(position)
                    throw Fault(.invalidMultiCell, in: r, at: position)
                }
                values[k] = selected ? 1 : 0
            case .cell(let k, .single(let codes)):
                switch AnswerCellParser.single(r.bytes, r.range(position)) {
                case .missing: values[k] = Response.noAnswer
                case .value(let code) where codes.contains(code): values[k] = Int32(code)
                default:
                    try r.checkDecodable(position)
                    throw Fault(.invalidSingleCode, in: r, at: position)
                }
            }
        }
        guard let id, let time else { throw Fault(.missingValue, in: r, at: respondentID) }
        return Response(respondent: id, submittedAt: time, weight: hasWeight ? w : nil, cells: values)
    }
}
