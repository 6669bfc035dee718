import GSLKit
import Values

/// Builds the balanced panel of each measure from the participants' statements (SPEC 3.2),
/// giving every participant one reason in the order of SPEC 1.2.
public struct PanelBuilder: Sendable {
    public let config: RunConfig
    public let industries: IndustryTable
    /// SME definitions by sector.
    public let criteria: [String: SMECriterion]
    /// EXCLUDE_CATEGORIES as a set: one look-up per participant, however long the list.
    let excluded: Set<String>

    public init(config: RunConfig, industries: IndustryTable, criteria: [SMECriterion]) {
        self.config = config
        self.industries = industries
        var bySector: [String: SMECriterion] = [:]
        for c in criteria { bySector[c.sector] = c }
        self.criteria = bySector
        self.excluded = Set(config.excludeCategories)
    }

    /// One panel per measure of MEASURES, in that order. Statements of enterprises that are not
    /// participants are ignored; identical statements count once.
    public func build(participants: [CorporateNumber], statements: [Statement]) -> [Panel] {
        build(participants: IDSet(participants.map(\.value)), statements: statements)
    }

    /// The same with the participants as a set (the frame's, built once by the stage).
    public func build(participants: IDSet, statements: [Statement]) -> [Panel] {
        // Each participant's statements in a group of its own, found through an IDMap (one
        // multiply per statement, where a Dictionary of Dictionaries hashed twice).
        var groupOf = IDMap()
        var groups: [YearGroups] = []
        var numbers: [UInt64] = []
        for s in statements where participants.contains(s.enterprise.value) {
            if let k = groupOf[s.enterprise.value] {
                groups[Int(k)].keep(s)
            } else {
                groupOf.set(s.enterprise.value, UInt64(groups.count))
                var group = YearGroups()
                group.keep(s)
                groups.append(group)
                numbers.append(s.enterprise.value)
            }
        }
        // Only participants with statements need classifying, in number order; every other
        // participant is `not_in_statements`.
        numbers.sort()
        let reasons = PanelReason.allCases
        return config.measures.map { window in
            var counts = [Int](repeating: 0, count: reasons.count)
            var members: [PanelMember] = []
            for number in numbers {
                guard let k = groupOf[number] else { continue }
                let enterprise = CorporateNumber(uncheckedValue: number)
                let (reason, member) = classify(groups[Int(k)], enterprise: enterprise, window: window)
                counts[reason.position] += 1
                if let member { members.append(member) }
            }
            counts[PanelReason.notInStatements.position] += participants.count - numbers.count
            var log: [PanelReason: Int] = [:]
            for (reason, count) in zip(reasons, counts) where count > 0 { log[reason] = count }
            return Panel(window: window, members: members, log: log)
        }
    }

    /// The first reason of SPEC 1.2 that applies, and the member when it is `in_panel`.
    func classify(_ years: borrowing YearGroups, enterprise: CorporateNumber, window: MeasureWindow)
        -> (PanelReason, PanelMember?)
    {
        if years.isEmpty { return (.notInStatements, nil) }
        // Each test over every year of the window before the next test (SPEC 1.2's order).
        for year in window.years where years.twelveMonths(year).count > 1 { return (.conflictingDuplicate, nil) }
        for year in window.years where years.twelveMonths(year).count == 0 && years.has(year) {
            return (.irregularPeriod, nil)
        }
        var values: [Int64] = []
        values.reserveCapacity(window.years.count)
        for year in window.years {
            guard let statement = years.twelveMonths(year).first, let value = statement.value(of: window.measure) else {
                return (.missingYear, nil)
            }
            values.append(value)
        }
        guard let base = years.twelveMonths(config.baseYear).first else { return (.missingYear, nil) }
        let industry = industries[base.industry]
        if excluded.contains(industry.category) { return (.excludedCategory, nil) }
        switch isSME(base, sector: industry.sector) {
        case .some(false): return (.notSME, nil)
        case .none: return (.smeUndecidable, nil)
        case .some(true):
            return (.inPanel, PanelMember(enterprise: enterprise, category: industry.category, values: values))
        }
    }

    /// SME Basic Act: capital <= max OR employees <= max. nil when a missing value (or a sector
    /// without criteria) leaves the answer open.
    func isSME(_ s: Statement, sector: String) -> Bool? {
        guard let rule = criteria[sector] else { return nil }
        if let capital = s.capital, capital <= rule.maxCapital { return true }
        if let employees = s.employees, employees <= rule.maxEmployees { return true }
        if s.capital == nil || s.employees == nil { return nil }
        return false
    }
}

/// One enterprise's statements by fiscal year, as classifying needs them (a few years: a
/// short list searched in order beats a dictionary).
struct YearGroups {
    private var years: [Int] = []
    private var kept: [[Statement]] = []

    /// No statement at all.
    var isEmpty: Bool { kept.allSatisfy(\.isEmpty) }

    /// Whether `year` has any statement kept.
    func has(_ year: Int) -> Bool {
        guard let k = years.firstIndex(of: year) else { return false }
        return !kept[k].isEmpty
    }

    /// How many 12-month statements `year` has kept (at most 2: two mean a conflict), and the
    /// first of them.
    func twelveMonths(_ year: Int) -> (count: Int, first: Statement?) {
        guard let k = years.firstIndex(of: year) else { return (0, nil) }
        var count = 0
        var first: Statement?
        for s in kept[k] where s.isTwelveMonths {
            if first == nil { first = s }
            count += 1
        }
        return (count, first)
    }

    mutating func keep(_ s: Statement) {
        if let k = years.firstIndex(of: s.fiscalYear) {
            kept[k].keepForPanel(s)
        } else {
            years.append(s.fiscalYear)
            kept.append([s])
        }
    }
}

extension Array where Element == Statement {
    /// Keeps what classifying a year needs, in place: up to two distinct 12-month statements
    /// (two mean a conflict; the first gives the value) and one irregular one. Constant time
    /// per statement, however many statements one enterprise-year has (SPEC 7.9).
    mutating func keepForPanel(_ s: Statement) {
        var sameKind = 0
        for kept in self where kept.isTwelveMonths == s.isTwelveMonths {
            if kept == s { return }
            sameKind += 1
        }
        if sameKind < (s.isTwelveMonths ? 2 : 1) { append(s) }
    }
}
