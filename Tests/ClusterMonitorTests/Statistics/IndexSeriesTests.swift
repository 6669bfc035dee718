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

/// SPEC 3.2 (cluster index, bootstrap), 3.3 (benchmark and benchmark_corrected), 1.2 and 6.9
/// (index_series.csv), 6.8 (benchmark enterprises = corporations; base-year sum <= 0).
@Suite struct IndexSeriesTests {
    typealias S = PanelFixtures

    private let window = MeasureWindow(measure: .sales, first: 2000, last: 2002)

    /// The three series of the hand case for `config`.
    private func handSeries(_ config: RunConfig) throws -> (cluster: IndexSeries, benchmark: IndexSeries, corrected: IndexSeries) {
        let panel = S.builder(config).build(participants: S.handParticipants, statements: S.handStatements)[0]
        let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: panel.window, config: config)
        return (
            try IndexComputation.cluster(panel, config: config),
            try IndexComputation.benchmark(levels, config: config),
            try IndexComputation.corrected(panel, levels: levels, config: config)
        )
    }

    private func expectPoints(
        _ series: IndexSeries, kind: SeriesKind, enterprises: [Int64], totals: [Double], indices: [Double],
        tolerance: Double = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(series.kind == kind, sourceLocation: sourceLocation)
        #expect(series.measure == .sales, sourceLocation: sourceLocation)
        #expect(series.points.map(\.year) == [2000, 2001, 2002], sourceLocation: sourceLocation)
        #expect(series.points.map(\.enterprises) == enterprises, sourceLocation: sourceLocation)
        for (k, p) in series.points.enumerated() {
            #expect(abs(p.total - totals[k]) <= tolerance * abs(totals[k]), "\(kind) total \(p.year): \(p.total)", sourceLocation: sourceLocation)
            #expect(abs(p.index - indices[k]) <= tolerance, "\(kind) index \(p.year): \(p.index)", sourceLocation: sourceLocation)
        }
    }

    // MARK: the hand case (inputs and levels in TestSupport/PanelFixtures.swift and ShiftShareTests.swift)

    /// BASE_YEAR 2000.
    ///   cluster:   C(t) = 1000, 1250, 1300;  index = 1, 1.25, 1.3;  enterprises 4
    ///   benchmark: Σ_i B_i(t) = 4000, 4000, 5000;  index = 1, 1, 1.25;  enterprises = SME
    ///              corporations 125, 126, 127
    ///   benchmark_corrected, WEIGHTS=value: total* = 1000, 950, 1350;  index = 1, 0.95, 1.35
    ///   benchmark_corrected, WEIGHTS=count: total* = 4, 4, 5.5;        index = 1, 1, 1.375
    @Test func handCaseBase2000() throws {
        let value = try handSeries(S.config())
        expectPoints(value.cluster, kind: .cluster, enterprises: [4, 4, 4], totals: [1000, 1250, 1300], indices: [1, 1.25, 1.3])
        expectPoints(value.benchmark, kind: .benchmark, enterprises: [125, 126, 127], totals: [4000, 4000, 5000], indices: [1, 1, 1.25])
        expectPoints(value.corrected, kind: .benchmarkCorrected, enterprises: [4, 4, 4], totals: [1000, 950, 1350], indices: [1, 0.95, 1.35])
        #expect(value.benchmark.points.allSatisfy { $0.interval == nil })
        #expect(value.corrected.points.allSatisfy { $0.interval == nil })
        #expect(value.cluster.points.allSatisfy { $0.interval != nil })

        let count = try handSeries(S.config(weights: .count))
        expectPoints(count.cluster, kind: .cluster, enterprises: [4, 4, 4], totals: [1000, 1250, 1300], indices: [1, 1.25, 1.3])
        expectPoints(count.benchmark, kind: .benchmark, enterprises: [125, 126, 127], totals: [4000, 4000, 5000], indices: [1, 1, 1.25])
        expectPoints(count.corrected, kind: .benchmarkCorrected, enterprises: [4, 4, 4], totals: [4, 4, 5.5], indices: [1, 1, 1.375])
    }

    /// BASE_YEAR 2001 (window 2000-2002).
    ///   cluster:   1000/1250, 1, 1300/1250 = 0.8, 1, 1.04
    ///   benchmark: 4000/4000, 1, 5000/4000 = 1, 1, 1.25
    ///   corrected, value: total* = 1400, 1250, 1850; index = 1.12, 1, 1.48
    ///   corrected, count: total* = 64/15, 4, 86/15;   index = 16/15 = 1.0666…, 1, 43/30 = 1.4333…
    @Test func handCaseBase2001() throws {
        let value = try handSeries(S.config(base: 2001))
        expectPoints(value.cluster, kind: .cluster, enterprises: [4, 4, 4], totals: [1000, 1250, 1300], indices: [0.8, 1, 1.04], tolerance: 1e-12)
        expectPoints(value.benchmark, kind: .benchmark, enterprises: [125, 126, 127], totals: [4000, 4000, 5000], indices: [1, 1, 1.25], tolerance: 1e-12)
        expectPoints(value.corrected, kind: .benchmarkCorrected, enterprises: [4, 4, 4], totals: [1400, 1250, 1850], indices: [1.12, 1, 1.48], tolerance: 1e-12)

        let count = try handSeries(S.config(base: 2001, weights: .count))
        expectPoints(
            count.corrected, kind: .benchmarkCorrected, enterprises: [4, 4, 4], totals: [64.0 / 15, 4, 86.0 / 15],
            indices: [16.0 / 15, 1, 43.0 / 30], tolerance: 1e-12)
    }

    /// IndexSeries.make divides by the base-year total; enterprises and intervals pass through.
    @Test func makeIndexesAgainstTheBaseYear() throws {
        let s = try IndexSeries.make(
            kind: .benchmark, measure: .employees, first: 1999, baseYear: 2000, totals: [50, 200, 300],
            enterprises: [1, 2, 3])
        #expect(s.points.map(\.year) == [1999, 2000, 2001])
        #expect(s.points.map(\.index) == [0.25, 1, 1.5])
        #expect(s.points.map(\.enterprises) == [1, 2, 3])
        #expect(s.points.allSatisfy { $0.interval == nil })
    }

    // MARK: property: index(BASE_YEAR) = 1 for every series

    @Test(arguments: [2000, 2001, 2002])
    func baseYearIndexIsOne(base: Int) throws {
        for weights in [CorrectionWeights.value, .count] {
            let config = S.config(base: base, weights: weights, bootstrap: 100)
            let panel = S.randomPanel(50, window: window, seed: UInt64(base))
            let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: window, config: config)
            let all = [
                try IndexComputation.cluster(panel, config: config),
                try IndexComputation.benchmark(levels, config: config),
                try IndexComputation.corrected(panel, levels: levels, config: config),
            ]
            for series in all {
                let point = series.points.first { $0.year == base }
                #expect(point?.index == 1, "\(series.kind) \(weights)")
            }
            // The cluster interval at the base year is the single point 1 (every replicate is 1).
            let basePoint = all[0].points.first { $0.year == base }
            #expect(basePoint?.interval == 1...1)
        }
    }

    // MARK: property: the order of the statements does not change index_series.csv

    @Test func permutingStatementsChangesNoIndexBytes() throws {
        let (participants, statements) = PanelBuilderTests.mixedStatements()
        let config = S.config(bootstrap: 200)
        func bytes(_ statements: [Statement], _ participants: [CorporateNumber]) throws -> Data {
            let panels = S.builder(config).build(participants: participants, statements: statements)
            let benchmark = try panels.flatMap { panel -> [IndexSeries] in
                let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: panel.window, config: config)
                return [
                    try IndexComputation.benchmark(levels, config: config),
                    try IndexComputation.corrected(panel, levels: levels, config: config),
                ]
            }
            let series = try IndexStage.allSeries(panels: panels, benchmark: benchmark, config: config)
            let path = TestFiles.folder.appendingPathComponent(UUID().uuidString + ".csv").path
            let out = try CSVWriter(path: path)
            try IndexCSV.write(series, to: out)
            try out.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let reference = try bytes(statements, participants)
        #expect(String(decoding: reference, as: UTF8.self).hasPrefix("series,measure,year,enterprises,total,index,ci_low,ci_high,status\n"))
        var rng = SplitMix64(seed: 99)
        for _ in 0..<5 {
            #expect(try bytes(statements.shuffled(using: &rng), participants.shuffled(using: &rng)) == reference)
        }
    }

    // MARK: bootstrap (SPEC 3.2)

    /// The percentile interval contains the point estimate, and a panel of 2000 members drawn
    /// like one of 20 gives a narrower interval in every year but the base year.
    @Test func bootstrapContainsEstimateAndShrinksWithN() throws {
        let config = S.config()
        let small = S.randomPanel(20, window: window, seed: 5)
        let large = S.randomPanel(2000, window: window, seed: 5)
        let s = try IndexComputation.cluster(small, config: config)
        let l = try IndexComputation.cluster(large, config: config)
        for (ps, pl) in zip(s.points, l.points) {
            let i = try #require(ps.interval)
            let j = try #require(pl.interval)
            #expect(i.contains(ps.index), "n=20 year \(ps.year): \(ps.index) not in \(i)")
            #expect(j.contains(pl.index), "n=2000 year \(pl.year): \(pl.index) not in \(j)")
            if ps.year != config.baseYear {
                let ws = i.upperBound - i.lowerBound
                let wl = j.upperBound - j.lowerBound
                #expect(wl > 0)
                #expect(wl < ws, "year \(ps.year): width \(wl) (n=2000) not below \(ws) (n=20)")
            }
        }
    }

    @Test func bootstrapIsSeeded() throws {
        let panel = S.randomPanel(30, window: window, seed: 8)
        let a = try Bootstrap.percentileIntervals(panel, config: S.config(seed: 1234))
        let b = try Bootstrap.percentileIntervals(panel, config: S.config(seed: 1234))
        let c = try Bootstrap.percentileIntervals(panel, config: S.config(seed: 1235))
        #expect(a == b)
        #expect(a != c)
        // Only the non-base years can differ; both have intervals there.
        #expect(a[1] != c[1] || a[2] != c[2])
        #expect(a.allSatisfy { $0 != nil })
    }

    /// The interval depends on CONFIDENCE: 0.5 gives a narrower one than 0.99.
    @Test func bootstrapConfidence() throws {
        let panel = S.randomPanel(30, window: window, seed: 9)
        var narrow = S.config()
        narrow.confidence = 0.5
        var wide = S.config()
        wide.confidence = 0.99
        let n = try #require(try Bootstrap.percentileIntervals(panel, config: narrow)[2])
        let w = try #require(try Bootstrap.percentileIntervals(panel, config: wide)[2])
        #expect(w.lowerBound < n.lowerBound && n.upperBound < w.upperBound)
    }

    // MARK: failures (SPEC 3.3 / 6.8: exit 65 naming measure and year)

    /// C(B) <= 0 for the cluster series: net_income summing to -30 in the base year 2001.
    @Test func clusterBaseTotalNotPositive() {
        let netWindow = MeasureWindow(measure: .netIncome, first: 2000, last: 2002)
        let config = S.config(base: 2001, measures: [netWindow], bootstrap: 50)
        let members = [
            PanelMember(enterprise: S.id(400_000_000_001), category: "food", values: [10, -50, 30]),
            PanelMember(enterprise: S.id(400_000_000_002), category: "metal", values: [10, 20, 30]),
        ]
        let panel = Panel(window: netWindow, members: members, log: [.inPanel: 2])
        S.expectImpossible(naming: ["net_income", "2001"]) {
            _ = try IndexComputation.cluster(panel, config: config)
        }
        // C(B) = 0 exactly.
        let zero = Panel(
            window: netWindow,
            members: [PanelMember(enterprise: S.id(400_000_000_003), category: "food", values: [5, 0, 5])],
            log: [.inPanel: 1])
        S.expectImpossible(naming: ["net_income", "2001"]) {
            _ = try IndexComputation.cluster(zero, config: config)
        }
    }

    /// SPEC 6.8 "A base-year sum <= 0 fails like B_i(B) <= 0": net_income of a category without
    /// participants (textile, -5000) pulls Σ_i B_i(2000) to 20+20+(-5000) < 0.
    @Test func benchmarkBaseSumNotPositive() throws {
        let netWindow = MeasureWindow(measure: .netIncome, first: 2000, last: 2002)
        let config = S.config(measures: [netWindow])
        let cells = S.handBenchmark.map { c in
            c.category == "textile" && c.fiscalYear == 2000
                ? S.cell(2000, "textile", "small", max: c.capitalMax, corporations: c.corporations, sales: c.sales, netIncome: -5000)
                : c
        }
        let levels = try BenchmarkLevels.compute(cells: cells, window: netWindow, config: config)
        #expect(try levels.totals()[0] < 0)
        S.expectImpossible(naming: ["net_income", "2000"]) {
            _ = try IndexComputation.benchmark(levels, config: config)
        }
    }

    // MARK: index_series.csv (SPEC 1.2)

    /// Header, row order (cluster, benchmark, benchmark_corrected; years ascending), plain
    /// numbers, CI only for cluster.
    @Test func indexCSVLayout() throws {
        let config = S.config(bootstrap: 100)
        let (cluster, benchmark, corrected) = try handSeries(config)
        let path = TestFiles.folder.appendingPathComponent(UUID().uuidString + ".csv").path
        let out = try CSVWriter(path: path)
        try IndexCSV.write([cluster, benchmark, corrected], to: out)
        try out.close()
        let lines = TestFiles.read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 11)
        #expect(lines.last == "")
        #expect(lines[0] == "series,measure,year,enterprises,total,index,ci_low,ci_high,status")
        #expect(lines[1].hasPrefix("cluster,sales,2000,4,1000,1,1,1"))
        #expect(lines[2].hasPrefix("cluster,sales,2001,4,1250,1.25,"))
        #expect(lines[3].hasPrefix("cluster,sales,2002,4,1300,1.3,"))
        #expect(Array(lines[4...9]) == [
            "benchmark,sales,2000,125,4000,1,,,ok",
            "benchmark,sales,2001,126,4000,1,,,ok",
            "benchmark,sales,2002,127,5000,1.25,,,ok",
            "benchmark_corrected,sales,2000,4,1000,1,,,ok",
            "benchmark_corrected,sales,2001,4,950,0.95,,,ok",
            "benchmark_corrected,sales,2002,4,1350,1.35,,,ok",
        ])
    }

    /// A national series withheld by a primary rule (SPEC 11): the panel of one enterprise fails
    /// MIN_FREQUENCY 3, so the cluster series and benchmark_corrected are written with their size
    /// and status only, `benchmark` (national statistics) stays; read back, the status returns and
    /// the series is not published. The benchmark row (125 corporations, 4000) and the corrected
    /// series' size 4 are the hand series of indexCSVLayout above, passed through unchanged.
    @Test func withheldNationalSeries() throws {
        let config = S.config(bootstrap: 100)
        let member = PanelMember(enterprise: S.id(600_000_000_001), category: "food", values: [10, 20, 30])
        let panel = Panel(window: MeasureWindow(measure: .sales, first: 2000, last: 2002), members: [member], log: [.inPanel: 1])
        let (_, benchmark, corrected) = try handSeries(config)
        let series = try IndexStage.allSeries(panels: [panel], benchmark: [benchmark, corrected], config: config)
        #expect(series.map(\.status) == [.suppressedFrequency, .ok, .suppressedFrequency])
        let path = TestFiles.folder.appendingPathComponent(UUID().uuidString + ".csv").path
        let out = try CSVWriter(path: path)
        try IndexCSV.write(series, to: out)
        try out.close()
        let lines = TestFiles.read(path).split(separator: "\n").map(String.init)
        #expect(lines[1] == "cluster,sales,2000,1,,,,,suppressed_frequency")
        #expect(lines[4] == "benchmark,sales,2000,125,4000,1,,,ok")
        #expect(lines[7] == "benchmark_corrected,sales,2000,4,,,,,suppressed_frequency")
        let back = try IndexCSV.read(path)
        #expect(back.map(\.status) == [.suppressedFrequency, .ok, .suppressedFrequency])
        #expect(back.map(\.isPublished) == [false, true, false])
    }
}
