import Testing

@testable import Statistics
@testable import Values

/// SPEC 11: the primary rules, the audit by linear programming and the choice of complements,
/// on tables small enough to work out by hand (each expectation's derivation in its comment).
@Suite struct DisclosureTests {
    static func config(minFrequency: Int = 3, n: Int = 1, k: Int = 85, p: Double? = nil, protection: Double = 10) -> RunConfig {
        var c = RunConfig()
        c.minFrequency = minFrequency
        c.dominance = DominanceRule(n: n, k: k)
        c.pPercent = p
        c.protection = protection
        return c
    }

    // MARK: primary rules

    /// Frequency: 2 enterprises < 3 → frequency; 3 pass it.
    /// (1,85): 86 of 100 → 8600 > 8500 dominated; 85 of 100 → 8500 > 8500 is false.
    /// Absolute values: −90, 5, 5 → 90 of Σ|x| = 100 dominated (the signed sum −80 would hide it).
    /// (2,90): 50 + 45 = 95 of 100 > 90 dominated; with (1,85) the same values pass (50 %).
    @Test func frequencyAndDominance() {
        let c = Self.config()
        #expect(PrimaryRules.judge(enterprises: 2, years: [[50, 50]], config: c) == .frequency)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[86, 9, 5]], config: c) == .dominance)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[85, 10, 5]], config: c) == nil)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[-90, 5, 5]], config: c) == .dominance)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[50, 45, 5]], config: Self.config(n: 2, k: 90)) == .dominance)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[50, 45, 5]], config: c) == nil)
        // All zero: nothing dominates (0 > 0 is false).
        #expect(PrimaryRules.judge(enterprises: 3, years: [[0, 0, 0]], config: c) == nil)
    }

    /// Every year counts: fine in the first year (40 of 100), dominated in the second (90 of 100).
    @Test func anyYearFailsTheSeries() {
        #expect(PrimaryRules.judge(enterprises: 3, years: [[40, 30, 30], [90, 5, 5]], config: Self.config()) == .dominance)
    }

    /// p% with p = 10: 100, 50, 4 → the rest 4 < 10 % of 100 → fails; 100, 50, 11 → 11 is not
    /// below 10 → passes; 100, 50, 10 → 10 < 10 is false → passes. Off by default.
    @Test func pPercentRule() {
        let c = Self.config(k: 100, p: 10)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[100, 50, 4]], config: c) == .p)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[100, 50, 11]], config: c) == nil)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[100, 50, 10]], config: c) == nil)
        #expect(PrimaryRules.judge(enterprises: 3, years: [[100, 50, 4]], config: Self.config(k: 100)) == nil)
        // A loss as the largest: |−100|, 50, 4 → fails the same way.
        #expect(PrimaryRules.judge(enterprises: 3, years: [[-100, 50, 4]], config: c) == .p)
    }

    // MARK: the audit

    /// A total T = a + b + c with a = 30, b = 20, c = 50, all non-negative, T = 100 published.
    static func sumTable() -> (LinkedTables, total: Int, parts: [Int]) {
        var t = LinkedTables()
        let total = t.add(.init(table: "t", key: "T", value: 100, lower: 0, upper: nil))
        let parts = [30.0, 20, 50].enumerated().map { k, v in t.add(.init(table: "t", key: "p\(k)", value: v, lower: 0, upper: nil)) }
        t.relations = [.init(terms: [(total, 1)] + parts.map { ($0, -1) })]
        return (t, total, parts)
    }

    /// a alone withheld: a = 100 − 20 − 50 = 30 exactly → exposed. a and b withheld: each in
    /// [0, 50] (a + b = 50, both >= 0); ±10 % of 30 is [27, 33] and of 20 [18, 22]: protected.
    @Test func subtractionIsCaught() throws {
        let (t, _, parts) = Self.sumTable()
        let one = try t.audit(hidden: [parts[0]: .frequency], protection: [parts[0]: 3])
        #expect(one.map(\.verdict) == [.exposed])
        #expect(abs((one[0].lower ?? 0) - 30) < 1e-6 && abs((one[0].upper ?? 0) - 30) < 1e-6)
        let two = try t.audit(hidden: [parts[0]: .frequency, parts[1]: .secondary], protection: [parts[0]: 3, parts[1]: 2])
        #expect(two.map(\.verdict) == [.protected, .protected])
        #expect(two.map(\.lower) == [0, 0])
        #expect(two.map { ($0.upper ?? 0).rounded() } == [50, 50])
    }

    /// Net income: no bound below 0, so a and b withheld are unbounded both ways (nil ends).
    @Test func unboundedWithoutSign() throws {
        var t = LinkedTables()
        let total = t.add(.init(table: "t", key: "T", value: 10, lower: nil, upper: nil))
        let a = t.add(.init(table: "t", key: "a", value: -40, lower: nil, upper: nil))
        let b = t.add(.init(table: "t", key: "b", value: 50, lower: nil, upper: nil))
        t.relations = [.init(terms: [(total, 1), (a, -1), (b, -1)])]
        let found = try t.audit(hidden: [a: .dominance, b: .secondary], protection: [a: 4, b: 5])
        #expect(found.map(\.verdict) == [.protected, .protected])
        #expect(found.allSatisfy { $0.lower == nil && $0.upper == nil })
    }

    /// A zero total of non-negative parts: every part is 0 and the published total says so →
    /// zero_total, not a failure.
    @Test func publishedZeroTotal() throws {
        var t = LinkedTables()
        let total = t.add(.init(table: "t", key: "T", value: 0, lower: 0, upper: nil))
        let a = t.add(.init(table: "t", key: "a", value: 0, lower: 0, upper: nil))
        let b = t.add(.init(table: "t", key: "b", value: 0, lower: 0, upper: nil))
        t.relations = [.init(terms: [(total, 1), (a, -1), (b, -1)])]
        let found = try t.audit(hidden: [a: .frequency], protection: [a: 0])
        #expect(found.map(\.verdict) == [.zeroTotal])
    }

    // MARK: the choice of complements

    static func groups(_ t: LinkedTables, _ parts: [Int], primary: Int, costs: [Double]) -> [SecondarySuppression.Group] {
        parts.enumerated().map { k, c in
            .init(cells: [c], primary: k == primary ? .frequency : nil, eligible: true, cost: [costs[k]])
        }
    }

    /// T = 100 = a 30 + b 20 + c 50; a withheld; costs (enterprises) a 2, b 40, c 10: the
    /// cheapest candidate c alone protects a (a in [0, 80], reaching 27 and 33); then c (50) lies
    /// in [0, 80]: reaches 45 and 55 → done. Complement: c only.
    @Test func cheapestProtectingGroup() throws {
        let (t, _, parts) = Self.sumTable()
        let outcome = try SecondarySuppression.protect(t, groups: Self.groups(t, parts, primary: 0, costs: [2, 40, 10])) { c, _ in
            t.cells[c].value * 0.1
        }
        #expect(outcome.rules == [.frequency, nil, .secondary])
        #expect(outcome.exposed == nil)
    }

    /// A complement too small to protect is passed over: T = 100 = a 10 + d 0.5 + c 89.5, a
    /// withheld; d is cheapest (cost 1) but a + d = 10.5 leaves a in [0, 10.5], short of 11;
    /// c (cost 20) alone gives a in [0, 99.5] → c. Then c (89.5) in [0, 99.5]: reaches 80.55 and
    /// 98.45 → done; d stays published.
    @Test func tooSmallComplementIsPassedOver() throws {
        var t = LinkedTables()
        let total = t.add(.init(table: "t", key: "T", value: 100, lower: 0, upper: nil))
        let parts = [10.0, 0.5, 89.5].enumerated().map { k, v in t.add(.init(table: "t", key: "p\(k)", value: v, lower: 0, upper: nil)) }
        t.relations = [.init(terms: [(total, 1)] + parts.map { ($0, -1) })]
        let outcome = try SecondarySuppression.protect(t, groups: Self.groups(t, parts, primary: 0, costs: [3, 1, 20])) { c, _ in
            t.cells[c].value * 0.1
        }
        #expect(outcome.rules == [.frequency, nil, .secondary])
        #expect(outcome.findings.allSatisfy { $0.verdict == .protected })
    }

    /// A large complement needs a second one: T = 1000 = a 2 + b 100 + c 100 + d 798, a withheld,
    /// costs b 1, c 2, d 3. b alone: a in [0, 102] protects a, but then b in [0, 102] stops 2
    /// above its value (needs 110): exposed → the cheapest group that alone protects b is c
    /// (b in [0, 202]). With a, b, c: a, b, c in [0, 202]: all protected. d stays published.
    @Test func secondComplementProtectsTheFirst() throws {
        var t = LinkedTables()
        let total = t.add(.init(table: "t", key: "T", value: 1000, lower: 0, upper: nil))
        let parts = [2.0, 100, 100, 798].enumerated().map { k, v in t.add(.init(table: "t", key: "p\(k)", value: v, lower: 0, upper: nil)) }
        t.relations = [.init(terms: [(total, 1)] + parts.map { ($0, -1) })]
        let outcome = try SecondarySuppression.protect(t, groups: Self.groups(t, parts, primary: 0, costs: [9, 1, 2, 3])) { c, _ in
            t.cells[c].value * 0.1
        }
        #expect(outcome.rules == [.frequency, .secondary, .secondary, nil])
        #expect(outcome.exposed == nil)
        #expect(outcome.findings.map { ($0.upper ?? 0).rounded() } == [202, 202, 202])
    }

    /// Nothing left to withhold: T = 10 = a 9 + b 1 (b not eligible): a stays exposed and the
    /// outcome names it.
    @Test func unprotectableIsReported() throws {
        var t = LinkedTables()
        let total = t.add(.init(table: "t", key: "T", value: 10, lower: 0, upper: nil))
        let a = t.add(.init(table: "t", key: "a", value: 9, lower: 0, upper: nil))
        let b = t.add(.init(table: "t", key: "b", value: 1, lower: 0, upper: nil))
        t.relations = [.init(terms: [(total, 1), (a, -1), (b, -1)])]
        let groups: [SecondarySuppression.Group] = [
            .init(cells: [a], primary: .frequency, eligible: true, cost: [1]),
            .init(cells: [b], primary: nil, eligible: false, cost: [1]),
        ]
        let outcome = try SecondarySuppression.protect(t, groups: groups) { c, _ in t.cells[c].value * 0.1 }
        #expect(outcome.exposed?.cell == a)
    }

    /// Bounded work: 601 withheld cells (each a part of one total) exceed the 600 the audit takes
    /// on; that is exit 65 naming the table before any program is solved. 600 are audited (each
    /// part in [0, 600], the sum of the withheld parts).
    @Test func tooManyWithheldGroups() throws {
        func table(_ n: Int) -> (LinkedTables, [SecondarySuppression.Group]) {
            var t = LinkedTables()
            let total = t.add(.init(table: "t", key: "T", value: Double(n + 100), lower: 0, upper: nil))
            let parts = (0..<n).map { t.add(.init(table: "t", key: "p\($0)", value: 1, lower: 0, upper: nil)) }
            let rest = t.add(.init(table: "t", key: "rest", value: 100, lower: 0, upper: nil))
            t.relations = [.init(terms: [(total, 1), (rest, -1)] + parts.map { ($0, -1) })]
            return (t, parts.map { .init(cells: [$0], primary: .frequency, eligible: true, cost: [1]) })
        }
        let (big, bigGroups) = table(SecondarySuppression.maximumWithheld + 1)
        #expect {
            try SecondarySuppression.protect(big, groups: bigGroups, table: "t.csv (sales)") { _, _ in 0.1 }
        } throws: { error in
            guard let e = error as? PipelineError, case .impossible(let message) = e else { return false }
            return e.exitStatus == .dataError && message.contains("t.csv (sales)") && message.contains("601 cells")
        }
        let (fits, groups) = table(SecondarySuppression.maximumWithheld)
        let outcome = try SecondarySuppression.protect(fits, groups: groups) { _, _ in 0.1 }
        #expect(outcome.findings.count == 600 && outcome.exposed == nil)
        #expect(outcome.findings.allSatisfy { $0.lower == 0 && abs(($0.upper ?? 0) - 600) < 1e-6 })
    }

    // MARK: survey tables

    /// A single question with codes 1, 2 over domains all, A, B, C (MIN_BASE 5):
    ///   all: base 42 = 15 + 27;  A: 2 = 2 + 0 (suppressed_frequency);  B: 10 = 4 + 6;  C: 30 = 9 + 21.
    /// A alone withheld: its base 42 − 10 − 30 = 2 is exact → exposed. Cheapest complement B
    /// (base 10) alone protects A's base (A + B bases = 12: A in [0, 12]) → B. Then B's code 2:
    /// a2 + b2 = 27 − 21 = 6 with a2 >= 0 gives b2 <= 6 = its value, short of 6.6 → exposed; the
    /// only candidate left, C, is withheld. With A, B, C withheld every cell lies between 0 and the
    /// all-total of its row (codes: 15 and 27; bases: 42): all protected.
    @Test func surveyComplements() throws {
        func row(_ d: String, _ item: Int, _ base: Double, _ sel: Double, _ status: EstimateStatus) -> SurveyItemEstimate {
            SurveyItemEstimate(
                domain: d, question: "Q2", item: item, label: "\(item)", respondents: base, selected: sel,
                percent: 100 * sel / base, interval: 0...100, effectiveN: base, status: status)
        }
        let rows = [
            row("all", 1, 42, 15, .ok), row("all", 2, 42, 27, .ok),
            row("A", 1, 2, 2, .suppressedFrequency), row("A", 2, 2, 0, .suppressedFrequency),
            row("B", 1, 10, 4, .lowReliability), row("B", 2, 10, 6, .lowReliability),
            row("C", 1, 30, 9, .ok), row("C", 2, 30, 21, .ok),
        ]
        var c = RunConfig()
        c.minBase = 5
        let (published, audit) = try SurveyDisclosure.protect(rows, table: "survey_single.csv", type: .single, config: c)
        #expect(
            published.map(\.status) == [
                .ok, .ok, .suppressedFrequency, .suppressedFrequency, .suppressedSecondary, .suppressedSecondary,
                .suppressedSecondary, .suppressedSecondary,
            ])
        #expect(published.dropFirst(2).allSatisfy { $0.selected == nil && $0.percent == nil && $0.publishedRespondents == nil })
        #expect(published[0].selected == 15 && published[1].publishedRespondents == 42)
        // 3 domains × (base + 2 codes) withheld, all protected.
        #expect(audit.count == 9)
        #expect(audit.allSatisfy { $0.verdict == .protected })
        #expect(audit.filter { $0.cell.hasSuffix("/respondents") }.map { ($0.upper ?? 0).rounded() } == [42, 42, 42])
    }

    /// Nothing suppressed: the rows come back as they are, with no audit (and no solver run).
    @Test func nothingToProtect() throws {
        let rows = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: "a", respondents: 4, selected: 2, percent: 50, interval: 10...90, effectiveN: 4)
        ]
        let (published, audit) = try SurveyDisclosure.protect(rows, table: "survey_items.csv", type: .multi, config: RunConfig())
        #expect(published == rows && audit.isEmpty)
    }
}

/// The index tables of one measure (SPEC 11) through IndexDisclosure: projects add up to the
/// national total in both series, benchmark_corrected(B) = cluster(B), and each project's
/// corrected series is an unknown non-negative mix of the categories' public growth.
@Suite struct IndexDisclosureTests {
    static let window = MeasureWindow(measure: .sales, first: 2000, last: 2001)

    /// Projects TINY (2 members: 10 → 12), MID (3 members of 30 → 33: 90 → 99) and BIG (4 members
    /// of 250 → 275: 1000 → 1100), one category "food" growing 1.0 → 1.5 (so each corrected
    /// series is its base-year total × 1, 1.5). TINY fails MIN_FREQUENCY. Cheapest complement by
    /// enterprises: MID (3) alone protects TINY (TINY + MID = 1100 − 1000 = 100 in 2000: TINY in
    /// [0, 100]); then MID lies in [0, 100] in 2000 (reaching 81 and 99), [0, 111] in 2001
    /// (reaching 89.1 and 108.9), [0, 100] and [0, 150] corrected (reaching 99 and 148.5): MID is
    /// the only complement, BIG stays published. (Had MID been 300, MID in [0, 310] would stop
    /// short of 330 and BIG would be needed too.) The category weights are unknowns of the
    /// programs, never rows of the audit.
    @Test func complementAndMix() throws {
        func member(_ k: UInt64, _ values: [Int64]) -> PanelMember {
            PanelMember(enterprise: PanelFixtures.id(800_000_000_000 + k), category: "food", values: values)
        }
        func part(_ members: [PanelMember]) -> Panel { Panel(window: Self.window, members: members, log: [:]) }
        let levels = BenchmarkLevels(window: Self.window, levels: ["food": [1000, 1500]], corporations: [1, 1])
        var config = RunConfig()
        config.measures = [Self.window]
        let parts = [
            ("BIG", part((1...4).map { member($0, [250, 275]) })),
            ("MID", part((5...7).map { member($0, [30, 33]) })),
            ("TINY", part([member(8, [4, 5]), member(9, [6, 7])])),
        ]
        let prepared = try parts.map { try ProjectIndex.prepare(project: $0.0, part: $0.1, levels: levels, config: config) }
        #expect(prepared.map(\.primary) == [nil, nil, .frequency])
        #expect(prepared.map(\.corrected) == [[1000, 1500], [90, 135], [10, 15]])
        let national = (cluster: [1100.0, 1211], corrected: [1100.0, 1650], rule: DisclosureRule?.none)
        let decision = try IndexDisclosure.decide(
            window: Self.window, national: national, projects: prepared, levels: levels, config: config)
        #expect(decision.rules == [nil, .secondary, .frequency])
        let audited = decision.findings.map { decision.tables.cells[$0.cell].key }
        #expect(audited.count == 8)
        #expect(audited.allSatisfy { !$0.contains("/weight/") })
        #expect(decision.findings.allSatisfy { $0.verdict == .protected })
        // TINY's 2000 cluster total: 1100 − 1000 (BIG) = 100 for TINY + MID.
        let tiny2000 = decision.findings.first { decision.tables.cells[$0.cell].key == "TINY/cluster/sales/2000" }
        #expect(tiny2000?.lower == 0 && abs((tiny2000?.upper ?? 0) - 100) < 1e-6)
    }
}
