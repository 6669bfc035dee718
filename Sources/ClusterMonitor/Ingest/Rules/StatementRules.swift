/// statements.csv: financial statements (SPEC 1.1, 6.5). The hot path of a national
/// database: every field is read from its bytes, no `String` is made for a valid row.
public struct StatementRules: Sendable {
    enum Column: Sendable { case enterpriseID, periodEnd, periodMonths, industry, capital, employees, sales, netIncome }

    let positions: [Column: Int]
    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]
    public let industries: IndustryTable

    public init(header: Header, industries: IndustryTable) throws {
        let names: [(Column, String)] = [
            (.enterpriseID, "enterprise_id"), (.periodEnd, "period_end"), (.periodMonths, "period_months"),
            (.industry, "industry"), (.capital, "capital"), (.employees, "employees"), (.sales, "sales"),
            (.netIncome, "net_income"),
        ]
        var positions: [Column: Int] = [:]
        for (column, name) in names { positions[column] = try header.require(name) }
        self.positions = positions
        self.order = positions.map { ($0.key, $0.value) }.sorted { $0.1 < $1.1 }
        self.industries = industries
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> Statement {
        var id = CorporateNumber.zero
        var end = YearMonth(year: 0, month: 0)
        var months = 0
        var industry: Int32 = 0
        var capital: Int64?, employees: Int64?, sales: Int64?, netIncome: Int64?
        for (column, position) in order {
            switch column {
            case .enterpriseID: id = try r.corporateNumber(position)
            case .periodEnd:
                guard let parsed = PeriodEndParser.parse(r.field(position)) else {
                    try r.checkDecodable(position)
                    throw Fault(r.isBlank(position) ? .missingValue : .invalidDate, in: r, at: position)
                }
                end = parsed
            case .periodMonths:
                switch IntegerParser.parse(r.field(position)) {
                case .value(let v) where v >= 1 && v <= 24: months = Int(v)
                case .missing: throw Fault(.missingValue, in: r, at: position)
                default:
                    try r.checkDecodable(position)
                    throw Fault(.invalidPeriodMonths, in: r, at: position)
                }
            case .industry:
                guard let index = industries.index(of: r.field(position)) else {
                    try r.checkDecodable(position)
                    throw Fault(r.isBlank(position) ? .missingValue : .unknownIndustry, in: r, at: position)
                }
                industry = index
            case .capital: capital = try r.integer(position)
            case .employees: employees = try r.integer(position)
            case .sales: sales = try r.integer(position)
            case .netIncome: netIncome = try r.integer(position, allowNegative: true)
            }
        }
        return Statement(
            enterprise: id, periodEnd: end, periodMonths: months, industry: industry, capital: capital,
            employees: employees, sales: sales, netIncome: netIncome)
    }
}

extension CorporateNumber {
    /// A placeholder that no valid record keeps (0 is not a valid corporate number).
    static let zero = CorporateNumber(uncheckedValue: 0)

    init(uncheckedValue: UInt64) { self.value = uncheckedValue }
}
