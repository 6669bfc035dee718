import CSVKit
import Values

/// What a participant is in the synthetic year, which decides the panels it belongs to.
enum Role: CaseIterable {
    /// Complete, clean SME outside the excluded category: in every panel.
    case core
    /// Like core, with one year written twice identically (in another format): merged.
    case mergedDuplicate
    /// Like core, with a 3-month statement beside the 12-month one in one year.
    case twelvePlusShort
    /// Like core, with the base-year industry in a kept category and a later one electrical.
    case leavesElectrical
    /// Like core but no FY2004 statement: in the employees panel (2000–2003) only.
    case employeesOnly
    /// Like core but net_income empty in FY2002: in the sales and employees panels.
    case netIncomeGap
    /// Complete SME of the electrical category (or electrical in the base year): excluded.
    case electrical
    /// Complete, not an SME (capital and employees above the sector's limits).
    case large
    /// Base-year capital empty and employees above the limit: undecidable.
    case undecidable
    /// One year only as a 6-month statement.
    case irregular
    /// Two differing 12-month statements in FY2003.
    case conflicting
    /// Some year without a statement.
    case missingYears
    /// No statement at all.
    case absent
    /// Not a participant (the rest of the corporate database).
    case outsider

    /// In the panel of `measure` by construction.
    func inPanel(_ measure: Measure) -> Bool {
        switch self {
        case .core, .mergedDuplicate, .twelvePlusShort, .leavesElectrical: return true
        case .employeesOnly: return measure == .employees
        case .netIncomeGap: return measure != .netIncome
        default: return false
        }
    }
}

/// One enterprise of the synthetic corporate database.
struct Firm {
    let id: UInt64
    let role: Role
    /// Index into `FY2005.industries`, per fiscal year (an industry may change).
    var industry: [Int]
    /// Month of the fiscal year-end.
    let yearEnd: Int
    var capital: [Int64?]
    var employees: [Int64?]
    var sales: [Int64?]
    var netIncome: [Int64?]
    /// Fiscal years (index 0 = 2000) that have a 12-month statement.
    var present: [Bool]

    func values(_ measure: Measure) -> [Int64?] {
        switch measure {
        case .sales: return sales
        case .netIncome: return netIncome
        case .employees: return employees
        }
    }

    mutating func set(_ measure: Measure, year k: Int, _ value: Int64) {
        switch measure {
        case .sales: sales[k] = value
        case .netIncome: netIncome[k] = value
        case .employees: employees[k] = value
        }
    }
}
