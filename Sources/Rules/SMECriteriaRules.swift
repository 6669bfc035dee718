import CSVKit
import Values

/// sme_criteria.csv: one SME definition per sector.
public struct SMECriteriaRules: Sendable {
    enum Column: Sendable { case sector, maxCapital, maxEmployees }

    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]

    public init(header: Header) throws {
        order = try header.order([
            (.sector, "sector"), (.maxCapital, "max_capital"), (.maxEmployees, "max_employees"),
        ])
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> SMECriterion {
        var sector = "", maxCapital: Int64 = 0, maxEmployees: Int64 = 0
        for (column, position) in order {
            switch column {
            case .sector: sector = try r.code(position)
            case .maxCapital: maxCapital = try r.integer(position, required: true) ?? 0
            case .maxEmployees: maxEmployees = try r.integer(position, required: true) ?? 0
            }
        }
        return SMECriterion(sector: sector, maxCapital: maxCapital, maxEmployees: maxEmployees)
    }

    /// Rows are keyed by sector.
    public static func key(_ row: SMECriterion) -> String { row.sector }
}
