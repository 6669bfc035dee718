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
        // Every column is in `order` (`header.order` requires each one).
        var position: [Column: Int] = [:]
        for (column, p) in order { position[column] = p }
        at = Positions(
            id: position[.enterpriseID] ?? 0, end: position[.periodEnd] ?? 0, months: position[.periodMonths] ?? 0,
            industry: position[.industry] ?? 0, capital: position[.capital] ?? 0, employees: position[.employees] ?? 0,
            sales: position[.sales] ?? 0, netIncome: position[.netIncome] ?? 0)
    }

    public func keep(_ row: Statement) -> Bool {
        frame?.contains(row.enterprise.value) ?? true
    }

    /// Where each column is, for `validFast`.
    struct Positions: Sendable {
        let id, end, months, industry, capital, employees, sales, netIncome: Int
    }
    let at: Positions

    public func validate(_ r: CSVRecord) throws(Fault) -> Statement {
        if let valid = validFast(r) { return valid }
        return try validateInOrder(r)
    }

    /// The statement when every field is valid, read field by field without the column loop;
    /// nil when any is not (then `validateInOrder` finds the first fault in column order). The
    /// same parsers and the same rules, so the same statement.
    @inline(__always)
    func validFast(_ r: CSVRecord) -> Statement? {
        let b = r.bytes
        guard !r.hasUndecodable, let id = CorporateNumber.parse(b, r.range(at.id)),
            let end = PeriodEndParser.parse(b, r.range(at.end)),
            case .value(let months) = IntegerParser.parse(b, r.range(at.months)), months >= 1 && months <= 24,
            let industry = industries.index(in: b, r.range(at.industry))
        else { return nil }
        @inline(__always) func amount(_ position: Int, negative: Bool) -> Int64?? {
            switch IntegerParser.parse(b, r.range(position)) {
            case .missing: return .some(nil)
            case .value(let v): return v < 0 && !negative ? nil : .some(v)
            case .invalid: return nil
            }
        }
        guard let capital = amount(at.capital, negative: false), let employees = amount(at.employees, negative: false),
            let sales = amount(at.sales, negative: false), let netIncome = amount(at.netIncome, negative: true)
        else { return nil }
        return Statement(
            enterprise: id, periodEnd: end, periodMonths: Int(months), industry: industry, capital: capital,
            employees: employees, sales: sales, netIncome: netIncome)
    }

    func validateInOrder(_ r: CSVRecord) throws(Fault) -> Statement {
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
                try r.checkDecodable(position)
                guard let index = industries.index(in: r.bytes, r.range(position)) else {
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
