import CSVKit
import Values

/// statements.csv: financial statements (SPEC 1.1, 6.5). The hot path of a national
/// database: every field is read from its bytes, no `String` is made for a valid row.
public struct StatementRules: RecordRules {
    enum Column: Sendable { case enterpriseID, periodEnd, periodMonths, industry, capital, employees, sales, netIncome }

    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]
    public let industries: IndustryTable
    /// When set, statements of other enterprises are validated but not kept.
    let frame: IDSet?

    public init(header: Header, industries: IndustryTable, frame: IDSet? = nil) throws {
        order = try header.order([
            (.enterpriseID, "enterprise_id"), (.periodEnd, "period_end"), (.periodMonths, "period_months"),
            (.industry, "industry"), (.capital, "capital"), (.employees, "employees"), (.sales, "sales"),
            (.netIncome, "net_income"),
        ])
        self.industries = industries
        self.frame = frame
    }

    public func keep(_ row: Statement) -> Bool {
        frame?.contains(row.enterprise.value) ?? true
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
            case .periodEnd: end = try r.periodEnd(position)
            case .periodMonths:
                guard let v = try r.integer(position, required: true) else { break }
                guard v >= 1 && v <= 24 else { throw Fault(.invalidPeriodMonths, in: r, at: position) }
                months = Int(v)
            case .industry:
                guard let index = industries.index(in: r.bytes, r.range(position)) else {
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
