import Foundation
import Testing

@testable import Values
import Synthesis
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 3.2 (panel), 1.2 (panel_log.csv: reasons, their order and names), 1.1 (statements,
/// SME criteria) and 6.5 (identical / differing / irregular statements).
@Suite struct PanelBuilderTests {
    typealias S = PanelFixtures

    /// Three good 12-month statements (FY2000-2002) of `e`.
    private func good(
        _ e: CorporateNumber, industry: Int32 = PanelFixtures.food, capital: Int64? = 10_000, employees: Int64? = 50,
        sales: [Int64] = [100, 110, 120]
    ) -> [Statement] {
        (0..<3).map { k in
            S.statement(e, fy: 2000 + k, industry: industry, capital: capital, employees: employees, sales: sales[k])
        }
    }

    private func build(
        _ participants: [CorporateNumber], _ statements: [Statement], config: RunConfig = PanelFixtures.config()
    ) -> [Panel] {
        S.builder(config).build(participants: participants, statements: statements)
    }

    /// The reason `e` alone gets for the sales window 2000-2002.
    private func reason(_ e: CorporateNumber, _ statements: [Statement], config: RunConfig = PanelFixtures.config())
        -> PanelReason?
    {
        let panel = build([e], statements, config: config)[0]
        let hits = panel.log.filter { $0.value > 0 }
        #expect(hits.count == 1 && hits.first?.value == 1, "one participant, one reason: \(panel.log)")
        return hits.first?.key
    }

    // MARK: reasons, their names and order (SPEC 1.2)

    @Test func reasonNamesAndOrderAreTheSpecs() {
        #expect(
            PanelReason.allCases.map(\.rawValue) == [
                "not_in_statements", "conflicting_duplicate", "irregular_period", "missing_year",
                "excluded_category", "not_sme", "sme_undecidable", "in_panel",
            ])
    }

    /// Nine participants, one per reason of the sales window (p5 a second missing_year), and an
    /// outsider: p1 no statement, p2 two differing FY2001 statements, p3 FY2001 only 6 months,
    /// p4 no FY2002, p5 sales empty in FY2001, p6 electrical, p7 not an SME, p8 capital empty
    /// and 400 employees, p9 in order.
    private func everyReason() -> (participants: [CorporateNumber], statements: [Statement], config: RunConfig) {
        let p1 = S.id(300_000_000_001), p2 = S.id(300_000_000_002), p3 = S.id(300_000_000_003)
        let p4 = S.id(300_000_000_004), p5 = S.id(300_000_000_005), p6 = S.id(300_000_000_006)
        let p7 = S.id(300_000_000_007), p8 = S.id(300_000_000_008), p9 = S.id(300_000_000_009)
        let outsider = S.id(399_999_999_999)
        var st: [Statement] = []
        // p1: no statement at all → not_in_statements.
        // p2: two different 12-month statements in FY2001 → conflicting_duplicate.
        st += good(p2)
        st.append(S.statement(p2, fy: 2001, sales: 111))
        // p3: FY2001 only a 6-month statement → irregular_period.
        st += good(p3).filter { $0.fiscalYear != 2001 }
        st.append(S.statement(p3, fy: 2001, months: 6, sales: 55, periodEnd: YearMonth(year: 2001, month: 9)))
        // p4: FY2002 absent → missing_year.
        st += good(p4).filter { $0.fiscalYear != 2002 }
        // p5: sales empty in FY2001 (net_income present) → missing_year for sales only.
        st += good(p5).map { s in
            var s = s
            if s.fiscalYear == 2001 { s.sales = nil }
            return s
        }
        // p6: base-year industry electrical (excluded) → excluded_category.
        st += good(p6, industry: S.electrical)
        // p7: capital 500,000 > 300,000 and employees 400 > 300 → not_sme.
        st += good(p7, capital: 500_000, employees: 400)
        // p8: capital empty, employees 400 > 300 → sme_undecidable.
        st += good(p8, capital: nil, employees: 400)
        // p9: everything in order → in_panel.
        st += good(p9)
        // Not a participant: ignored.
        st += good(outsider)

        let participants = [p1, p2, p3, p4, p5, p6, p7, p8, p9]
        let config = S.config(measures: [
            MeasureWindow(measure: .sales, first: 2000, last: 2002),
            MeasureWindow(measure: .netIncome, first: 2000, last: 2002),
            MeasureWindow(measure: .employees, first: 2000, last: 2001),
        ])
        return (participants, st, config)
    }

    /// One participant per reason, all in one frame, for three measures; the log adds up to the
    /// participants for every measure (SPEC 1.2 "The rows of a measure add up to the participants kept").
    @Test func oneParticipantPerReason() {
        let (participants, st, config) = everyReason()
        let p5 = participants[4], p9 = participants[8]
        let panels = build(participants, st, config: config)
        #expect(panels.map(\.measure) == [.sales, .netIncome, .employees])

        let sales = panels[0]
        for reason in PanelReason.allCases {
            #expect(sales.log[reason] == (reason == .missingYear ? 2 : 1), "sales \(reason)")
        }
        #expect(sales.members.map(\.enterprise) == [p9])

        // net_income: p5 has the measure in every year → in panel; p4 still misses FY2002.
        let net = panels[1]
        #expect(net.log[.missingYear] == 1)
        #expect(net.log[.inPanel] == 2)
        #expect(net.members.map(\.enterprise) == [p5, p9].sorted())

        // employees over 2000-2001: p4 now has every year (FY2002 is outside the window); p2's
        // conflict is in FY2001, inside → still conflicting.
        let employees = panels[2]
        #expect(employees.log[.conflictingDuplicate] == 1)
        #expect(employees.log[.missingYear] == 0)
        #expect(employees.log[.inPanel] == 3)

        for panel in panels {
            #expect(panel.participants == participants.count, "\(panel.measure)")
            #expect(panel.log.values.reduce(0, +) == participants.count)
            #expect(Set(panel.log.keys) == Set(PanelReason.allCases))
        }
    }

    /// SPEC 10, panel_members.csv: with every participant's number the builder gives each
    /// measure's audit trail, every participant once with its reason, in number order; its
    /// counts per reason are exactly the log (panel_log.csv); the base-year category is the
    /// base-year 12-month statement's (p6 electrical), empty without one (p1).
    @Test func auditTrailAddsUpToTheLog() {
        let (participants, st, config) = everyReason()
        let (panels, audit) = S.builder(config).build(
            participants: IDSet(participants.map(\.value)), statements: st, auditing: participants.map(\.value))
        let audits = (0..<(audit?.measures ?? 0)).map { audit?.entries(measure: $0) ?? [] }
        #expect(audits.count == panels.count)
        for (panel, audit) in zip(panels, audits) {
            #expect(audit.map(\.enterprise) == participants.map(\.value).sorted())
            var counts: [PanelReason: Int] = [:]
            for entry in audit { counts[entry.reason, default: 0] += 1 }
            for reason in PanelReason.allCases { #expect((counts[reason] ?? 0) == panel.log[reason], "\(panel.measure) \(reason)") }
            #expect(audit.filter { $0.reason == .inPanel }.map(\.enterprise) == panel.members.map(\.enterprise.value))
        }
        let sales = Dictionary(uniqueKeysWithValues: audits[0].map { ($0.enterprise, $0) })
        #expect(sales[participants[0].value]?.reason == .notInStatements)
        #expect(sales[participants[0].value]?.category == "")
        #expect(sales[participants[5].value]?.reason == .excludedCategory)
        #expect(sales[participants[5].value]?.category == "electrical")
        #expect(sales[participants[8].value]?.category == "food")
        // Without the numbers there is no audit (the stage asks for it only with --members).
        #expect(S.builder(config).build(participants: IDSet(participants.map(\.value)), statements: st, auditing: nil).audit == nil)
    }

    @Test func notInStatements() {
        let e = S.id(310_000_000_001)
        #expect(reason(e, [S.statement(S.id(310_000_000_002), fy: 2000, sales: 1)]) == .notInStatements)
    }

    @Test func conflictingDuplicateTwoDifferent12MonthStatements() {
        let e = S.id(310_000_000_003)
        #expect(reason(e, good(e) + [S.statement(e, fy: 2001, sales: 999)]) == .conflictingDuplicate)
        // SPEC 6.5: also with different period ends (2001-12 and 2002-03 are both FY2001).
        let f = S.id(310_000_000_004)
        let other = S.statement(f, fy: 2001, sales: 110, periodEnd: YearMonth(year: 2001, month: 12))
        #expect(reason(f, good(f) + [other]) == .conflictingDuplicate)
    }

    @Test func irregularPeriodOnly6Months() {
        let e = S.id(310_000_000_005)
        let st = good(e).filter { $0.fiscalYear != 2000 } + [S.statement(e, fy: 2000, months: 6, sales: 50)]
        #expect(reason(e, st) == .irregularPeriod)
    }

    @Test func missingYearAbsentOrMeasureEmpty() {
        let e = S.id(310_000_000_006)
        #expect(reason(e, good(e).filter { $0.fiscalYear != 2000 }) == .missingYear)
        let f = S.id(310_000_000_007)
        let st = good(f).map { s -> Statement in
            var s = s
            if s.fiscalYear == 2002 { s.sales = nil }
            return s
        }
        #expect(reason(f, st) == .missingYear)
    }

    @Test func excludedCategory() {
        let e = S.id(310_000_000_008)
        #expect(reason(e, good(e, industry: S.electrical)) == .excludedCategory)
        // With EXCLUDE_CATEGORIES empty the same enterprise is in the panel.
        #expect(reason(e, good(e, industry: S.electrical), config: S.config(exclude: [])) == .inPanel)
    }

    /// "judged on the base-year statement" (SPEC 1.2, 3.2 items 2-3): only the base year's
    /// industry, capital and employees count.
    @Test func judgedOnTheBaseYearStatement() {
        let e = S.id(310_000_000_009)
        // Electrical in FY2000 and FY2002 but food in the base year 2001: in panel, category food.
        var st = good(e, industry: S.electrical)
        st[1].industry = S.food
        let middle = S.config(base: 2001)
        #expect(reason(e, st, config: middle) == .inPanel)
        #expect(build([e], st, config: middle)[0].members.first?.category == "food")
        // The same with base year 2000: excluded.
        #expect(reason(e, st) == .excludedCategory)
        // Large in every year but the base year: SME.
        let f = S.id(310_000_000_010)
        var big = good(f, capital: 500_000, employees: 400)
        big[1].capital = 1000
        #expect(reason(f, big, config: middle) == .inPanel)
        #expect(reason(f, big) == .notSME)
    }

    @Test func notSME() {
        let e = S.id(310_000_000_011)
        #expect(reason(e, good(e, capital: 300_001, employees: 301)) == .notSME)
        // Wholesale limits are 100,000 / 100.
        let w = S.id(310_000_000_012)
        #expect(reason(w, good(w, industry: S.wholesale, capital: 100_001, employees: 101)) == .notSME)
    }

    @Test func smeUndecidable() {
        let e = S.id(310_000_000_013)
        #expect(reason(e, good(e, capital: nil, employees: 400)) == .smeUndecidable)
        let f = S.id(310_000_000_014)
        #expect(reason(f, good(f, capital: 400_000, employees: nil)) == .smeUndecidable)
        let g = S.id(310_000_000_015)
        #expect(reason(g, good(g, capital: nil, employees: nil)) == .smeUndecidable)
    }

    // MARK: precedence (SPEC 1.2: "the first reason that applies, in this order")

    @Test func irregularBeforeMissing() {
        let e = S.id(320_000_000_001)
        // FY2000 only irregular, FY2002 absent.
        let st = [
            S.statement(e, fy: 2000, months: 6, sales: 50),
            S.statement(e, fy: 2001, sales: 110),
        ]
        #expect(reason(e, st) == .irregularPeriod)
        // The order of the years does not matter: FY2000 absent, FY2002 only irregular.
        let f = S.id(320_000_000_002)
        let st2 = [S.statement(f, fy: 2001, sales: 110), S.statement(f, fy: 2002, months: 9, sales: 80)]
        #expect(reason(f, st2) == .irregularPeriod)
    }

    @Test func conflictBeforeExcludedCategory() {
        let e = S.id(320_000_000_003)
        let st = good(e, industry: S.electrical) + [S.statement(e, fy: 2002, industry: S.electrical, sales: 1)]
        #expect(reason(e, st) == .conflictingDuplicate)
    }

    @Test func conflictBeforeIrregularAndMissing() {
        let e = S.id(320_000_000_004)
        // FY2000 irregular, FY2001 missing, FY2002 conflicting.
        let st = [
            S.statement(e, fy: 2000, months: 6, sales: 50),
            S.statement(e, fy: 2002, sales: 120), S.statement(e, fy: 2002, sales: 121),
        ]
        #expect(reason(e, st) == .conflictingDuplicate)
    }

    @Test func missingBeforeExcludedAndSME() {
        let e = S.id(320_000_000_005)
        let st = good(e, industry: S.electrical, capital: 500_000, employees: 400).filter { $0.fiscalYear != 2001 }
        #expect(reason(e, st) == .missingYear)
        let f = S.id(320_000_000_006)
        // Excluded category comes before not_sme and sme_undecidable.
        #expect(reason(f, good(f, industry: S.electrical, capital: 500_000, employees: 400)) == .excludedCategory)
        #expect(reason(f, good(f, industry: S.electrical, capital: nil, employees: 400)) == .excludedCategory)
    }

    /// A conflict, irregular period or gap outside the window does not count.
    @Test func yearsOutsideTheWindowDoNotCount() {
        let e = S.id(320_000_000_007)
        let st = good(e) + [
            S.statement(e, fy: 1999, sales: 1), S.statement(e, fy: 1999, sales: 2),
            S.statement(e, fy: 2003, months: 6, sales: 3),
        ]
        #expect(reason(e, st) == .inPanel)
    }

    // MARK: statements (SPEC 1.1, 6.5)

    /// SPEC 6.5 "A year with a 12-month statement and an irregular one uses the 12-month one".
    @Test func twelveMonthWinsOverIrregular() {
        let e = S.id(330_000_000_001)
        let irregular = S.statement(e, fy: 2001, months: 6, sales: 9999, periodEnd: YearMonth(year: 2001, month: 9))
        for st in [good(e) + [irregular], [irregular] + good(e)] {
            let panel = build([e], st)[0]
            #expect(panel.log[.inPanel] == 1)
            #expect(panel.members.first?.values == [100, 110, 120])
        }
    }

    /// SPEC 1.1 / 6.5: identical statements are merged (counted once), not a conflict.
    @Test func identicalStatementsCountOnce() throws {
        let e = S.id(330_000_000_002)
        let st = good(e) + [good(e)[1], good(e)[1], good(e)[2]]
        let panel = build([e], st)[0]
        #expect(panel.log[.inPanel] == 1)
        #expect(panel.members.first?.values == [100, 110, 120])
        #expect(try panel.totals() == [100, 110, 120])
        // Two identical irregular statements are still only irregular (not a conflict).
        let f = S.id(330_000_000_003)
        let twice = S.statement(f, fy: 2001, months: 6, sales: 5)
        #expect(reason(f, good(f).filter { $0.fiscalYear != 2001 } + [twice, twice]) == .irregularPeriod)
    }

    /// A participant listed twice is one participant (SPEC 1.2 "every participant counted once").
    @Test func participantListedTwiceCountsOnce() {
        let e = S.id(330_000_000_004)
        let panel = build([e, e], good(e))[0]
        #expect(panel.participants == 1)
        #expect(panel.members.count == 1)
    }

    // MARK: SME test (SPEC 1.1 sme_criteria.csv: capital <= max OR employees <= max)

    @Test(arguments: [
        // (capital, employees, in panel?) for manufacturing 300,000 / 300
        (Int64?(10_000), Int64?(1000), true),  // capital alone is enough
        (Int64?(999_999), Int64?(10), true),  // employees alone are enough
        (Int64?(300_000), Int64?(301), true),  // capital at the limit
        (Int64?(300_001), Int64?(300), true),  // employees at the limit
        (Int64?(300_001), Int64?(301), false),  // both above
        (Int64?(nil), Int64?(10), true),  // capital missing, employees decide
        (Int64?(10), Int64?(nil), true),  // employees missing, capital decides
    ])
    func smeEitherSideSuffices(capital: Int64?, employees: Int64?, inPanel: Bool) {
        let e = S.id(340_000_000_001)
        let got = reason(e, good(e, capital: capital, employees: employees))
        #expect(got == (inPanel ? .inPanel : .notSME), "capital \(String(describing: capital)) employees \(String(describing: employees))")
    }

    /// The base-year industry's sector decides the limits: 150,000 capital is an SME in
    /// manufacturing but not in wholesale (when employees are also above 100).
    @Test func sectorOfTheBaseYearIndustry() {
        let e = S.id(340_000_000_002)
        #expect(reason(e, good(e, industry: S.metal, capital: 150_000, employees: 200)) == .inPanel)
        let f = S.id(340_000_000_003)
        #expect(reason(f, good(f, industry: S.wholesale, capital: 150_000, employees: 200)) == .notSME)
    }

    // MARK: the hand case

    /// The four enterprises of `PanelFixtures.handSales`: all in the panel, members sorted by corporate
    /// number with their category, C(t) = 1000, 1250, 1300 (by hand in TestSupport/PanelFixtures.swift).
    @Test func handCasePanel() throws {
        let panel = build(S.handParticipants, S.handStatements)[0]
        #expect(panel.log[.inPanel] == 4)
        #expect(panel.members.map(\.enterprise) == S.handParticipants.sorted())
        // Sorted by corporate number (the check digit leads): D 31…, C 41…, B 51…, A 61….
        #expect(panel.members.map(\.enterprise) == [S.d, S.c, S.b, S.a])
        #expect(panel.members.map(\.category) == ["metal", "metal", "food", "food"])
        #expect(panel.members.map(\.values) == [[400, 450, 500], [200, 300, 300], [300, 350, 300], [100, 150, 200]])
        #expect(try panel.totals() == [1000, 1250, 1300])
        // Base year 2001 builds the same panel (same base-year industries, all SMEs).
        #expect(try build(S.handParticipants, S.handStatements, config: S.config(base: 2001))[0].totals() == [1000, 1250, 1300])
    }

    // MARK: property: the order of the statements does not matter

    /// Shuffling the statements (seeded) changes no panel: members, values and log identical.
    @Test func permutingStatementsChangesNoPanel() {
        let (participants, statements) = Self.mixedStatements()
        let config = S.config(measures: [
            MeasureWindow(measure: .sales, first: 2000, last: 2002),
            MeasureWindow(measure: .netIncome, first: 2000, last: 2002),
        ])
        let reference = build(participants, statements, config: config)
        #expect(reference[0].members.count > 5)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let shuffled = statements.shuffled(using: &rng)
            #expect(build(participants.shuffled(using: &rng), shuffled, config: config) == reference)
        }
    }

    /// 40 participants with a bit of everything: good ones in food and metal, duplicates,
    /// conflicts, irregular years, gaps, excluded and large enterprises; plus non-participants.
    static func mixedStatements() -> ([CorporateNumber], [Statement]) {
        var rng = SplitMix64(seed: 42)
        var participants: [CorporateNumber] = []
        var statements: [Statement] = []
        for i in 0..<40 {
            let e = S.id(350_000_000_000 + UInt64(i) * 7919)
            participants.append(e)
            let industry: Int32 = i % 9 == 0 ? S.electrical : (i % 2 == 0 ? S.food : S.metal)
            let capital: Int64 = i % 11 == 0 ? 900_000 : Int64.random(in: 1000...50_000, using: &rng)
            let employees: Int64 = i % 11 == 0 ? 900 : Int64.random(in: 5...200, using: &rng)
            for fy in 2000...2002 {
                if i % 13 == 5 && fy == 2001 { continue }  // gap
                let sales = Int64.random(in: 500...5000, using: &rng)
                let net = Int64.random(in: -200...400, using: &rng)
                let months = (i % 17 == 3 && fy == 2002) ? 6 : 12
                let s = S.statement(
                    e, fy: fy, months: months, industry: industry, capital: capital, employees: employees,
                    sales: sales, netIncome: net)
                statements.append(s)
                if i % 5 == 0 { statements.append(s) }  // identical repeat
                if i % 19 == 7 && fy == 2000 {  // conflict
                    var other = s
                    other.sales = sales + 1
                    statements.append(other)
                }
                if i % 6 == 1 && fy == 2001 {  // an irregular statement beside the 12-month one
                    statements.append(S.statement(e, fy: fy, months: 3, industry: industry, sales: 7, periodEnd: YearMonth(year: 2001, month: 6)))
                }
            }
        }
        for i in 0..<10 {  // non-participants
            statements.append(S.statement(S.id(390_000_000_000 + UInt64(i)), fy: 2000, sales: 1))
        }
        return (participants, statements)
    }
}
