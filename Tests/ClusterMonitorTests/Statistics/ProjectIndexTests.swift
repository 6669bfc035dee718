import Testing

@testable import Values
@testable import GSLKit
@testable import Statistics
@testable import Stages

/// SPEC 10: the index per cluster project, its disclosure control and its seeds.
@Suite struct ProjectIndexTests {
    typealias S = PanelFixtures
    static let window = MeasureWindow(measure: .sales, first: 2000, last: 2002)

    static func member(_ base: UInt64, _ values: [Int64], category: String = "food") -> PanelMember {
        PanelMember(enterprise: S.id(base), category: category, values: values)
    }

    /// The hand-computed panel of PanelFixtures (A, B food; C, D metal; C(t) = 1000 1250 1300)
    /// with A and C in TAMA, B and D in HOKKAIDO, and an empty project OKINAWA:
    /// TAMA 100+200 = 300, 450, 500; HOKKAIDO 300+400 = 700, 800, 800; OKINAWA 0 0 0.
    /// Before suppression the projects' totals add up to the national C(t) in every year.
    @Test func projectTotalsAddUpToTheNationalTotal() throws {
        let members = S.handSales.map { e, industry, values in
            PanelMember(enterprise: e, category: industry == S.food ? "food" : "metal", values: values)
        }
        let panel = Panel(window: Self.window, members: members, log: [.inPanel: 4])
        let projects = ["HOKKAIDO", "OKINAWA", "TAMA"]
        let of: [UInt64: Int] = [S.a.value: 2, S.b.value: 0, S.c.value: 2, S.d.value: 0]
        let parts = ProjectIndex.split(panel, projects: projects, project: { of[$0] })
        let totals: [[Int64]] = try parts.map { try $0.totals() }
        #expect(totals == [[700, 800, 800], [0, 0, 0], [300, 450, 500]])
        var sum = [Int64](repeating: 0, count: 3)
        for part in parts { for (k, v) in try part.totals().enumerated() { sum[k] += v } }
        #expect(sum == (try panel.totals()))
        #expect(sum == [1000, 1250, 1300])
    }

    /// The same on the synthetic FY2005 panels' scale: 300 members spread over 7 projects by
    /// number; each year's project totals sum to C(t).
    @Test func projectTotalsAddUpOnALargerPanel() throws {
        let members: [PanelMember] = (1...300).map { (k: Int) -> PanelMember in
            let v = Int64(k)
            let values: [Int64] = [v * 1000, v * 997, -v]
            return Self.member(500_000_000_000 + UInt64(k), values, category: k % 2 == 0 ? "food" : "metal")
        }
        let panel = Panel(window: Self.window, members: members, log: [.inPanel: 300])
        let projects = (0..<7).map { "P\($0)" }
        let parts = ProjectIndex.split(panel, projects: projects, project: { Int($0 % 7) })
        var sum = [Int64](repeating: 0, count: 3)
        for part in parts { for (k, v) in try part.totals().enumerated() { sum[k] += v } }
        #expect(sum == (try panel.totals()))
        let counts: [Int] = parts.map { $0.members.count }
        #expect(counts.reduce(0, +) == 300)
    }

    /// Disclosure control with the defaults (MIN_FREQUENCY 3, DOMINANCE 1,85), every year the
    /// same values: no member → empty; 2 enterprises → suppressed_frequency; 3 with the largest
    /// exactly 85 % of Σ|x| (85 of 100) → ok, the rule being "more than 85 %"; 86 of 100 →
    /// suppressed_dominance; -5, 2, 1: |−5| = 5 of Σ|x| = 8 is 62.5 %, not dominant, C(B) = −2 <= 0
    /// → undefined; -1, 0, 1: 1 of 2 is 50 %, C(B) = 0 → undefined; -90, 5, 5: a loss of 90 of
    /// Σ|x| = 100 → suppressed_dominance (by absolute value, SPEC 11).
    @Test func disclosureControl() throws {
        func status(_ bases: [Int64]) throws -> ProjectStatus {
            let members = bases.enumerated().map { k, v in Self.member(UInt64(600_000_000_001 + k), [v, v, v]) }
            let part = Panel(window: Self.window, members: members, log: [:])
            let levels = BenchmarkLevels(window: Self.window, levels: ["food": [100, 110, 120]], corporations: [1, 1, 1])
            let prepared = try ProjectIndex.prepare(project: "TAMA", part: part, levels: levels, config: S.config(bootstrap: 20))
            return try ProjectIndex.rows(prepared, withheld: prepared.primary, config: S.config(bootstrap: 20))[0].status
        }
        #expect(try status([]) == .empty)
        #expect(try status([50, 50]) == .suppressedFrequency)
        #expect(try status([85, 10, 5]) == .ok)
        #expect(try status([86, 9, 5]) == .suppressedDominance)
        #expect(try status([-5, 2, 1]) == .undefined)
        #expect(try status([-1, 0, 1]) == .undefined)
        #expect(try status([-90, 5, 5]) == .suppressedDominance)
        // Near Int64's end the rule is still exact (Int128): 86 % of a huge total.
        let big = Int64.max / 4
        #expect(try status([big / 100 * 86, big / 100 * 9, big / 100 * 5]) == .suppressedDominance)
    }

    /// A suppressed project's rows keep the count of enterprises and nothing else.
    @Test func suppressedRowsHaveNoNumbers() throws {
        let part = Panel(window: Self.window, members: [Self.member(600_000_000_001, [10, 20, 30])], log: [:])
        let levels = BenchmarkLevels(window: Self.window, levels: ["food": [100, 110, 120]], corporations: [1, 1, 1])
        let prepared = try ProjectIndex.prepare(project: "TAMA", part: part, levels: levels, config: S.config(bootstrap: 20))
        #expect(prepared.primary == .frequency)
        let rows = try ProjectIndex.rows(prepared, withheld: prepared.primary, config: S.config(bootstrap: 20))
        #expect(rows.count == 6)
        let kinds: [SeriesKind] = rows.map { $0.kind }
        #expect(kinds == [.cluster, .cluster, .cluster, .benchmarkCorrected, .benchmarkCorrected, .benchmarkCorrected])
        for row in rows {
            #expect(row.status == .suppressedFrequency && row.enterprises == 1)
            #expect(row.total == nil && row.index == nil && row.interval == nil)
        }
    }

    /// An ok project: cluster index C(t)/C(B) = (300, 450, 500) / 300; corrected to its own mix
    /// (WEIGHTS=value): food C_food(B) = 100 + 50 = 150 grows like B_food 1000 1250 1500, metal
    /// 200 like B_metal 2000 1500 2500: total* = 150·1.25 + 200·0.75 = 337.5, 150·1.5 + 200·1.25
    /// = 475; index* = 337.5/350, 475/350.
    @Test func okProjectSeries() throws {
        let part = Panel(
            window: Self.window,
            members: [
                Self.member(600_000_000_001, [100, 150, 200]), Self.member(600_000_000_002, [50, 100, 100]),
                Self.member(600_000_000_003, [200, 200, 200], category: "metal"),
            ], log: [:])
        let levels = BenchmarkLevels(
            window: Self.window, levels: ["food": [1000, 1250, 1500], "metal": [2000, 1500, 2500]], corporations: [1, 1, 1])
        let prepared = try ProjectIndex.prepare(project: "TAMA", part: part, levels: levels, config: S.config(bootstrap: 50))
        let rows = try ProjectIndex.rows(prepared, withheld: nil, config: S.config(bootstrap: 50))
        #expect(rows.allSatisfy { $0.status == .ok && $0.enterprises == 3 })
        let cluster = Array(rows.prefix(3)), corrected = Array(rows.suffix(3))
        let clusterTotals: [Double?] = cluster.map { $0.total }
        let clusterIndex: [Double?] = cluster.map { $0.index }
        let correctedTotals: [Double?] = corrected.map { $0.total }
        let correctedIndex: [Double?] = corrected.map { $0.index }
        #expect(clusterTotals == [350, 450, 500])
        #expect(clusterIndex == [1, 450.0 / 350, 500.0 / 350])
        #expect(cluster.allSatisfy { $0.interval != nil })
        #expect(correctedTotals == [350, 337.5, 475])
        #expect(correctedIndex == [1, 337.5 / 350, 475.0 / 350])
        #expect(corrected.allSatisfy { $0.interval == nil })
    }

    /// Seeds: from SEED and the project code only (FNV-1a of "20051231", U+001F, the code),
    /// within mt19937's 1 … 2^32 − 1, different per project; and a project's rows are the same
    /// whether it is computed alone or among others, in any order.
    @Test func seedsAreOrderIndependent() throws {
        let tama = ProjectIndex.seed(20_051_231, project: "TAMA")
        #expect(tama == ProjectIndex.seed(20_051_231, project: "TAMA"))
        #expect(tama != ProjectIndex.seed(20_051_231, project: "HOKKAIDO"))
        #expect(tama != ProjectIndex.seed(20_051_232, project: "TAMA"))
        for project in ["TAMA", "HOKKAIDO", "", "北海道"] {
            #expect(RunConfig.seedRange.contains(ProjectIndex.seed(20_051_231, project: project)))
        }
        let members: [PanelMember] = (1...12).map { (k: Int) -> PanelMember in
            let v = Int64(k)
            let values: [Int64] = [100 + v, 100 + 3 * v, 90 + 7 * v]
            return Self.member(700_000_000_000 + UInt64(k), values)
        }
        let panel = Panel(window: Self.window, members: members, log: [.inPanel: 12])
        let levels = BenchmarkLevels(window: Self.window, levels: ["food": [1000, 1100, 1200]], corporations: [1, 1, 1])
        let config = S.config(bootstrap: 200)
        func rows(_ projects: [String], _ of: @escaping (UInt64) -> String) throws -> [ProjectIndexRow] {
            let sorted = projects.sorted()
            let frame = Frame(members.map { ($0.enterprise.value, of($0.enterprise.value)) })
            #expect(frame.projects == sorted)
            return try IndexStage.projectRows(panels: [panel], levels: [levels], frame: frame, config: config)
        }
        let alone = try rows(["TAMA"]) { _ in "TAMA" }
        let among = try rows(["AOMORI", "TAMA", "ZAO"]) { id in
            let k = id % 1_000_000_000_000 % 3  // by the 12-digit base k: 3 6 9 12 in TAMA
            return k == 0 ? "TAMA" : k == 1 ? "AOMORI" : "ZAO"
        }
        // TAMA alone has all 12 members; among others the 4 with base ≡ 0 (mod 3):
        // compare each with a direct computation under the project's own seed.
        var seeded = config
        seeded.seed = ProjectIndex.seed(config.seed, project: "TAMA")
        let direct = try IndexComputation.cluster(panel, config: seeded)
        let aloneIntervals: [ClosedRange<Double>?] = alone.prefix(3).map { $0.interval }
        let directIntervals: [ClosedRange<Double>?] = direct.points.map { $0.interval }
        #expect(aloneIntervals == directIntervals)
        let tamaPart = Panel(window: Self.window, members: members.filter { $0.enterprise.value % 1_000_000_000_000 % 3 == 0 }, log: [:])
        let directPart = try IndexComputation.cluster(tamaPart, config: seeded)
        let tamaAmong = among.filter { $0.project == "TAMA" && $0.kind == .cluster }
        let amongIntervals: [ClosedRange<Double>?] = tamaAmong.map { $0.interval }
        let partIntervals: [ClosedRange<Double>?] = directPart.points.map { $0.interval }
        #expect(amongIntervals == partIntervals)
    }
}
