import GSLKit
import Values

/// Why a participant is or is not in the panel of a measure (SPEC 1.2, panel_log.csv), in the
/// order the reasons are tried: each participant counts once, under the first that applies.
public enum PanelReason: String, CaseIterable, Sendable {
    /// No valid statement at all.
    case notInStatements = "not_in_statements"
    /// Some year of the window has differing 12-month statements.
    case conflictingDuplicate = "conflicting_duplicate"
    /// Some year of the window has only a statement of another length.
    case irregularPeriod = "irregular_period"
    /// Some year of the window has no statement, or the measure is empty in it.
    case missingYear = "missing_year"
    /// The base-year industry's category is excluded (EXCLUDE_CATEGORIES).
    case excludedCategory = "excluded_category"
    /// Not an SME by the base-year statement.
    case notSME = "not_sme"
    /// The SME test needs a value the base-year statement lacks.
    case smeUndecidable = "sme_undecidable"
    case inPanel = "in_panel"

    /// The reason's place in `allCases` (an array index for counting).
    var position: Int {
        switch self {
        case .notInStatements: 0
        case .conflictingDuplicate: 1
        case .irregularPeriod: 2
        case .missingYear: 3
        case .excludedCategory: 4
        case .notSME: 5
        case .smeUndecidable: 6
        case .inPanel: 7
        }
    }
}

/// One participant of the audit trail of a measure (SPEC 10): its reason, and the benchmark
/// category of its base-year 12-month statement (the first, when there are several; empty when
/// there is none).
public struct PanelAuditEntry: Equatable, Sendable {
    public let enterprise: UInt64
    public let reason: PanelReason
    public let category: String

    public init(enterprise: UInt64, reason: PanelReason, category: String) {
        self.enterprise = enterprise
        self.reason = reason
        self.category = category
    }
}

/// The audit trail of every measure (SPEC 10, panel_members.csv), compact: every participant
/// in number order with its row of the builder's table (none: no statement), each row's
/// base-year industry and, per measure, each row's reason.
public struct PanelAudit: Sendable {
    /// Every participant's number, ascending.
    public let numbers: [UInt64]
    /// Per participant: its row, -1 for a participant without statements.
    let rows: [Int32]
    /// Per row: the industry (index in `categories`) of the base-year 12-month statement, -1 none.
    let industryOfRow: [Int32]
    /// Each industry's benchmark category.
    public let categories: [String]
    /// Per measure (MEASURES order), per row: the reason's position in `PanelReason.allCases`.
    let reasons: [[UInt8]]

    public var count: Int { numbers.count }
    public var measures: Int { reasons.count }

    /// Participant `i` (in number order) in measure `m`.
    public func entry(measure m: Int, at i: Int) -> PanelAuditEntry {
        let (reason, industry) = codes(measure: m, at: i)
        return PanelAuditEntry(
            enterprise: numbers[i], reason: PanelReason.allCases[reason], category: industry >= 0 ? categories[industry] : "")
    }

    /// Participant `i` in measure `m` as positions: its reason in `PanelReason.allCases` and its
    /// base-year industry in `categories` (-1: none).
    @inline(__always)
    public func codes(measure m: Int, at i: Int) -> (reason: Int, industry: Int) {
        let row = Int(rows[i])
        guard row >= 0 else { return (PanelReason.notInStatements.position, -1) }
        return (Int(reasons[m][row]), Int(industryOfRow[row]))
    }

    /// Every participant of measure `m`, in number order.
    public func entries(measure m: Int) -> [PanelAuditEntry] { (0..<count).map { entry(measure: m, at: $0) } }
}

/// One enterprise of a measure's panel: its base-year category and its value in each year of
/// the window.
public struct PanelMember: Equatable, Sendable {
    public let enterprise: CorporateNumber
    public let category: String
    /// `values[k]` is the measure in fiscal year `window.first + k`.
    public let values: [Int64]

    public init(enterprise: CorporateNumber, category: String, values: [Int64]) {
        self.enterprise = enterprise
        self.category = category
        self.values = values
    }
}

/// The balanced panel of one measure (SPEC 3.2) with the log of every participant's reason.
public struct Panel: Equatable, Sendable {
    public let window: MeasureWindow
    /// Sorted by corporate number.
    public let members: [PanelMember]
    /// Participants per reason (every reason present, zero included).
    public let log: [PanelReason: Int]

    public init(window: MeasureWindow, members: [PanelMember], log: [PanelReason: Int]) {
        self.window = window
        self.members = members.sorted { $0.enterprise < $1.enterprise }
        var full: [PanelReason: Int] = [:]
        for reason in PanelReason.allCases { full[reason] = log[reason] ?? 0 }
        self.log = full
    }

    public var measure: Measure { window.measure }

    /// The participants the log accounts for.
    public var participants: Int { log.values.reduce(0, +) }

    /// C(t) for each year of the window: the exact integer sum over the members. A sum past
    /// Int64 is exit 65 naming the measure, the year and the enterprise with the largest value
    /// that year (the likeliest wrong unit; SPEC 7.5), never a trap or a wrap.
    public func totals() throws -> [Int64] {
        try CheckedSums.columns(members, width: window.years.count, values: \.values) { member, k in
            PipelineError.impossible(
                "\(measure.rawValue): FY\(window.first + k): the panel total C(t) exceeds 64-bit integers; the largest value is enterprise \(member.enterprise)'s (\(member.values[k])); check that statement's unit")
        }
    }
}

extension Statement {
    /// The value of `measure` in this statement, if present.
    public func value(of measure: Measure) -> Int64? {
        switch measure {
        case .sales: return sales
        case .netIncome: return netIncome
        case .employees: return employees
        }
    }
}
