import GSLKit
import Values

/// Builds the balanced panel of each measure from the participants' statements (SPEC 3.2),
/// giving every participant one reason in the order of SPEC 1.2.
public struct PanelBuilder: Sendable {
    public let config: RunConfig
    public let industries: IndustryTable
    /// Per industry (by its index in `industries`): whether its category is excluded, and its
    /// sector's criterion (nil: a sector without one). Decided once, not per participant.
    let industryExcluded: [Bool]
    let industryCriterion: [SMECriterion?]

    public init(config: RunConfig, industries: IndustryTable, criteria: [SMECriterion]) {
        self.config = config
        self.industries = industries
        var bySector: [String: SMECriterion] = [:]
        for c in criteria { bySector[c.sector] = c }
        // EXCLUDE_CATEGORIES as a set: one look-up per industry, however long the list.
        let excluded = Set(config.excludeCategories)
        industryExcluded = industries.industries.map { excluded.contains($0.category) }
        industryCriterion = industries.industries.map { bySector[$0.sector] }
    }

    /// One panel per measure of MEASURES, in that order. Statements of enterprises that are not
    /// participants are ignored; identical statements count once.
    public func build(participants: [CorporateNumber], statements: [Statement]) -> [Panel] {
        build(participants: IDSet(participants.map(\.value)), statements: statements)
    }

    /// The same with the participants as a set (the frame's, built once by the stage).
    public func build(participants: IDSet, statements: [Statement]) -> [Panel] {
        build(participants: participants, statements: statements, auditing: nil).panels
    }

    /// The panels, and with `auditing` (every participant's number) the audit trail of every
    /// measure (SPEC 10, panel_members.csv): every participant with its reason and base-year
    /// category, in number order.
    public func build(participants: IDSet, statements: [Statement], auditing everyone: [UInt64]?)
        -> (panels: [Panel], audit: PanelAudit?)
    {
        // Each participant with statements gets a row of the year table, found through an
        // IDMap; the table covers the years the windows span (no array per enterprise or year).
        let firstYear = config.measures.map(\.first).min() ?? config.baseYear
        let lastYear = config.measures.map(\.last).max() ?? config.baseYear
        var years = YearTable(firstYear: firstYear, lastYear: lastYear)
        var rowOf = IDMap()
        var numbers: [UInt64] = []
        for (index, s) in statements.enumerated() where participants.contains(s.enterprise.value) {
            let row: Int
            if let k = rowOf[s.enterprise.value] {
                row = Int(k)
            } else {
                row = numbers.count
                rowOf.set(s.enterprise.value, UInt64(row))
                numbers.append(s.enterprise.value)
                years.addRow()
            }
            years.keep(s, index: index, row: row, in: statements)
        }
        // Only participants with statements need classifying, in the order they first appear
        // (their statements are read in file order, not at random), the members then put in
        // number order; every other participant is `not_in_statements`.
        let reasons = PanelReason.allCases
        var reasonsByRow: [[UInt8]] = []
        let panels = config.measures.map { window in
            var counts = [Int](repeating: 0, count: reasons.count)
            var members: [PanelMember] = []
            var rowReasons: [UInt8] = []
            if everyone != nil { rowReasons.reserveCapacity(numbers.count) }
            for (row, number) in numbers.enumerated() {
                let enterprise = CorporateNumber(uncheckedValue: number)
                let (reason, member) = classify(
                    years, row: row, statements: statements, enterprise: enterprise, window: window)
                counts[reason.position] += 1
                if let member { members.append(member) }
                if everyone != nil { rowReasons.append(UInt8(reason.position)) }
            }
            members.sort { $0.enterprise.value < $1.enterprise.value }
            counts[PanelReason.notInStatements.position] += participants.count - numbers.count
            var log: [PanelReason: Int] = [:]
            for (reason, count) in zip(reasons, counts) where count > 0 { log[reason] = count }
            reasonsByRow.append(rowReasons)
            return Panel(window: window, members: members, log: log)
        }
        guard let everyone else { return (panels, nil) }
        // The audit: every participant in number order with its row (or none), each row's
        // base-year industry once; nothing per participant and measure but one byte.
        let sorted = everyone.sorted()
        let rows = sorted.map { rowOf[$0].map { Int32(truncatingIfNeeded: $0) } ?? -1 }
        let industryOfRow = numbers.indices.map { row in
            years.firstTwelveMonths(row, config.baseYear).map { statements[$0].industry } ?? -1
        }
        let audit = PanelAudit(
            numbers: sorted, rows: rows, industryOfRow: industryOfRow,
            categories: industries.industries.map(\.category), reasons: reasonsByRow)
        return (panels, audit)
    }

    /// The first reason of SPEC 1.2 that applies to the enterprise of `row`, and the member
    /// when it is `in_panel`. The enterprise has at least one statement (it has a row).
    func classify(
        _ years: borrowing YearTable, row: Int, statements: [Statement], enterprise: CorporateNumber,
        window: MeasureWindow
    ) -> (PanelReason, PanelMember?) {
        // Each test over every year of the window before the next test (SPEC 1.2's order).
        for year in window.years where years.twelveMonths(row, year) > 1 { return (.conflictingDuplicate, nil) }
        for year in window.years where years.twelveMonths(row, year) == 0 && years.has(row, year) {
            return (.irregularPeriod, nil)
        }
        var values: [Int64] = []
        values.reserveCapacity(window.years.count)
        for year in window.years {
            guard let first = years.firstTwelveMonths(row, year),
                let value = statements[first].value(of: window.measure)
            else { return (.missingYear, nil) }
            values.append(value)
        }
        guard let baseIndex = years.firstTwelveMonths(row, config.baseYear) else { return (.missingYear, nil) }
        let base = statements[baseIndex]
        let k = Int(base.industry)
        if industryExcluded[k] { return (.excludedCategory, nil) }
        switch isSME(base, criterion: industryCriterion[k]) {
        case .some(false): return (.notSME, nil)
        case .none: return (.smeUndecidable, nil)
        case .some(true):
            return (.inPanel, PanelMember(enterprise: enterprise, category: industries[base.industry].category, values: values))
        }
    }

    /// SME Basic Act: capital <= max OR employees <= max. nil when a missing value (or a sector
    /// without criteria) leaves the answer open.
    func isSME(_ s: Statement, criterion: SMECriterion?) -> Bool? {
        guard let rule = criterion else { return nil }
        if let capital = s.capital, capital <= rule.maxCapital { return true }
        if let employees = s.employees, employees <= rule.maxEmployees { return true }
        if s.capital == nil || s.employees == nil { return nil }
        return false
    }
}

/// Per enterprise (a row) and fiscal year of the windows' span, what classifying needs of the
/// statements kept (SPEC 7.9: constant work per statement): how many distinct 12-month
/// statements (0, 1, or 2 for two or more: a conflict), the first of them, and whether the year
/// has any statement (an irregular one counts). Years outside the span only make an enterprise
/// one with statements. Identical statements count once. Five bytes per enterprise and year of
/// the span (at most 200 years, 1900-2099).
struct YearTable {
    let firstYear: Int
    let span: Int
    /// Per row and year: distinct 12-month statements (0, 1, 2 for two or more) in the low
    /// bits, `anyBit` when any statement was kept.
    private var state: [UInt8] = []
    /// Per row and year: the first 12-month statement's index in the statements, or -1.
    private var first: [Int32] = []
    private static let anyBit: UInt8 = 0x80

    init(firstYear: Int, lastYear: Int) {
        self.firstYear = firstYear
        span = max(0, lastYear - firstYear + 1)
    }

    mutating func addRow() {
        state += repeatElement(0, count: span)
        first += repeatElement(-1, count: span)
    }

    /// Counts `s` (at `index` in `statements`) for its row and fiscal year.
    mutating func keep(_ s: Statement, index: Int, row: Int, in statements: [Statement]) {
        let year = s.fiscalYear - firstYear
        guard year >= 0 && year < span else { return }
        let slot = row * span + year
        state[slot] |= Self.anyBit
        guard s.isTwelveMonths else { return }
        switch state[slot] & ~Self.anyBit {
        case 0:
            state[slot] = Self.anyBit | 1
            first[slot] = Int32(truncatingIfNeeded: index)
        case 1:
            if statements[Int(first[slot])] != s { state[slot] = Self.anyBit | 2 }
        default:
            break
        }
    }

    /// Distinct 12-month statements of `year` (2: two or more).
    func twelveMonths(_ row: Int, _ year: Int) -> Int {
        let k = year - firstYear
        return k >= 0 && k < span ? Int(state[row * span + k] & ~Self.anyBit) : 0
    }

    /// The index of the first 12-month statement of `year`, if any.
    func firstTwelveMonths(_ row: Int, _ year: Int) -> Int? {
        let k = year - firstYear
        guard k >= 0 && k < span, first[row * span + k] >= 0 else { return nil }
        return Int(first[row * span + k])
    }

    /// Whether `year` has any statement.
    func has(_ row: Int, _ year: Int) -> Bool {
        let k = year - firstYear
        return k >= 0 && k < span && state[row * span + k] & Self.anyBit != 0
    }
}
