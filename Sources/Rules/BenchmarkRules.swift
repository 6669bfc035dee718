import CSVKit
import Values

/// benchmark.csv: the national statistics by fiscal year, category and capital class.
public struct BenchmarkRules: Sendable {
    enum Column: Sendable {
        case fiscalYear, category, sizeClass, capitalMin, capitalMax, corporations, sales, netIncome, employees
    }

    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]
    let capitalMax: Int

    public init(header: Header) throws {
        order = try header.order([
            (.fiscalYear, "fiscal_year"), (.category, "category"), (.sizeClass, "size_class"),
            (.capitalMin, "capital_min"), (.capitalMax, "capital_max"), (.corporations, "corporations"),
            (.sales, "sales"), (.netIncome, "net_income"), (.employees, "employees"),
        ])
        capitalMax = try header.require("capital_max")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> BenchmarkCell {
        var year = 0, category = "", sizeClass = ""
        var low: Int64 = 0
        var high: Int64? = nil
        var corporations: Int64?, sales: Int64?, netIncome: Int64?, employees: Int64?
        for (column, position) in order {
            switch column {
            case .fiscalYear:
                let v = try r.integer(position, required: true) ?? 0
                guard YearMonth.acceptedYears.contains(Int(v)) else { throw Fault(.invalidInteger, in: r, at: position) }
                year = Int(v)
            case .category: category = try r.code(position)
            case .sizeClass: sizeClass = try r.checkedText(position, required: true)
            case .capitalMin: low = try r.integer(position, required: true) ?? 0
            case .capitalMax: high = try r.integer(position)
            case .corporations: corporations = try r.integer(position)
            case .sales: sales = try r.integer(position)
            case .netIncome: netIncome = try r.integer(position, allowNegative: true)
            case .employees: employees = try r.integer(position)
            }
        }
        if let high, high < low { throw Fault(.invalidCapitalRange, in: r, at: capitalMax) }
        return BenchmarkCell(
            fiscalYear: year, category: category, sizeClass: sizeClass, capitalMin: low, capitalMax: high,
            corporations: corporations, sales: sales, netIncome: netIncome, employees: employees)
    }

    public static func key(_ row: BenchmarkCell) -> CompositeKey {
        CompositeKey([String(row.fiscalYear), row.category, row.sizeClass])
    }
}
