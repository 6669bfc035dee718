import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 3.3 (benchmark levels and the shift-share correction) and 6.8 (benchmark series,
/// base-year sum <= 0).
@Suite struct ShiftShareTests {
    typealias S = PanelFixtures

    private let window = MeasureWindow(measure: .sales, first: 2000, last: 2002)

    private func handPanel(_ config: RunConfig = PanelFixtures.config()) -> Panel {
        S.builder(config).build(participants: S.handParticipants, statements: S.handStatements)[0]
    }

    // MARK: benchmark levels B_i(t)

    /// B_i(t) sums the SME classes only (capital_max not empty and <= BENCHMARK_MAX_CAPITAL =
    /// 100,000; the class at exactly 100,000 is in), of every category not excluded:
    /// food 1000 1250 1500, metal 2000 1500 2500, textile 1000 1250 1000; electrical, the
    /// 1,000,000 class and the open class are out. Corporations: 125, 126, 127.
    @Test func handLevels() throws {
        let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: window, config: S.config())
        #expect(levels.levels["food"] == [1000, 1250, 1500])
        #expect(levels.levels["metal"] == [2000, 1500, 2500])
        #expect(levels.levels["textile"] == [1000, 1250, 1000])
        #expect(levels.levels["electrical"] == nil)
        #expect(levels.levels.count == 3)
        #expect(try levels.totals() == [4000, 4000, 5000])
        #expect(levels.corporations == [125, 126, 127])
    }

    /// BENCHMARK_MAX_CAPITAL = 10,000 keeps only the `small` classes.
    @Test func maxCapitalChoosesTheClasses() throws {
        var config = S.config()
        config.benchmarkMaxCapital = 10_000
        let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: window, config: config)
        #expect(levels.levels["food"] == [400, 500, 600])
        #expect(levels.levels["metal"] == [1200, 900, 1500])
        #expect(levels.corporations == [95, 96, 97])
    }

    // MARK: the hand case (see TestSupport/PanelFixtures.swift for the inputs)

    /// BASE_YEAR = 2000, WEIGHTS=value: C_food(2000) = 100+300 = 400, C_metal(2000) = 200+400 = 600;
    ///   B_food(t)/B_food(B)   = 1000/1000, 1250/1000, 1500/1000 = 1, 1.25, 1.5
    ///   B_metal(t)/B_metal(B) = 2000/2000, 1500/2000, 2500/2000 = 1, 0.75, 1.25
    ///   total*(2000) = 400*1    + 600*1    = 1000
    ///   total*(2001) = 400*1.25 + 600*0.75 = 500 + 450 = 950
    ///   total*(2002) = 400*1.5  + 600*1.25 = 600 + 750 = 1350
    /// WEIGHTS=count: n_food = n_metal = 2;
    ///   total* = 2+2 = 4,  2*1.25 + 2*0.75 = 4,  2*1.5 + 2*1.25 = 5.5
    @Test func handTotalsBase2000() throws {
        let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: window, config: S.config())
        let panel = handPanel()
        let value = try ShiftShare.correctedTotals(panel: panel, levels: levels, weights: .value, baseYear: 2000)
        #expect(value == [1000, 950, 1350])
        let count = try ShiftShare.correctedTotals(panel: panel, levels: levels, weights: .count, baseYear: 2000)
        #expect(count == [4, 4, 5.5])
    }

    /// BASE_YEAR = 2001 (middle of the window), WEIGHTS=value: C_food(2001) = 150+350 = 500,
    /// C_metal(2001) = 300+450 = 750;
    ///   food ratios  1000/1250, 1, 1500/1250 = 0.8, 1, 1.2
    ///   metal ratios 2000/1500, 1, 2500/1500 = 4/3, 1, 5/3
    ///   total*(2000) = 500*0.8 + 750*4/3 = 400 + 1000 = 1400
    ///   total*(2001) = 500     + 750     = 1250
    ///   total*(2002) = 500*1.2 + 750*5/3 = 600 + 1250 = 1850
    /// WEIGHTS=count: 2*0.8 + 2*4/3 = 1.6 + 8/3 = 64/15 = 4.2666…,  4,  2*1.2 + 2*5/3 = 2.4 + 10/3 = 86/15 = 5.7333…
    @Test func handTotalsBase2001() throws {
        let config = S.config(base: 2001)
        let levels = try BenchmarkLevels.compute(cells: S.handBenchmark, window: window, config: config)
        let panel = handPanel(config)
        let value = try ShiftShare.correctedTotals(panel: panel, levels: levels, weights: .value, baseYear: 2001)
        #expect(value.count == 3)
        for (got, want) in zip(value, [1400.0, 1250, 1850]) { #expect(abs(got - want) < 1e-9) }
        let count = try ShiftShare.correctedTotals(panel: panel, levels: levels, weights: .count, baseYear: 2001)
        for (got, want) in zip(count, [64.0 / 15, 4, 86.0 / 15]) { #expect(abs(got - want) < 1e-12) }
    }

    /// If every benchmark category grows exactly like the panel's own category totals
    /// (B_i(t) = k_i * C_i(t)), total*(t) = Σ C_i(B) C_i(t)/C_i(B) = C(t): the corrected series
    /// is the cluster series (WEIGHTS=value), for either base year, to 1e-12.
    @Test(arguments: [2000, 2001, 2002])
    func benchmarkGrowingLikeThePanelGivesTheCluster(base: Int) throws {
        let config = S.config(base: base, bootstrap: 50)
        let panel = S.randomPanel(60, window: window, seed: 11)
        var byCategory: [String: [Int64]] = [:]
        for m in panel.members {
            var sums = byCategory[m.category] ?? [0, 0, 0]
            for k in 0..<3 { sums[k] += m.values[k] }
            byCategory[m.category] = sums
        }
        let scale: [String: Int64] = ["food": 7, "metal": 13]
        var cells: [BenchmarkCell] = []
        for (category, sums) in byCategory {
            for k in 0..<3 {
                cells.append(S.cell(2000 + k, category, "small", max: 10_000, corporations: 1, sales: scale[category]! * sums[k]))
            }
        }
        let levels = try BenchmarkLevels.compute(cells: cells, window: window, config: config)
        let totals = try ShiftShare.correctedTotals(panel: panel, levels: levels, weights: .value, baseYear: base)
        for (got, want) in zip(totals, try panel.totals()) { #expect(abs(got - Double(want)) <= 1e-12 * Double(want)) }
        let corrected = try IndexComputation.corrected(panel, levels: levels, config: config)
        let cluster = try IndexComputation.cluster(panel, config: config)
        for (c, p) in zip(corrected.points, cluster.points) {
            #expect(abs(c.index - p.index) < 1e-12, "year \(c.year)")
        }
    }

    // MARK: CompensatedSum

    /// Neumaier's sum keeps what a running total loses: 1e16 + 1 + 1 - 1e16 = 2.
    @Test func compensatedSum() {
        #expect(CompensatedSum.sum([1e16, 1, 1, -1e16]) == 2)
        #expect(CompensatedSum.sum([]) == 0)
        #expect(CompensatedSum.sum([0.5, 0.25]) == 0.75)
    }

    // MARK: failures (SPEC 3.3: exit 65 naming measure, category and year)

    /// The hand benchmark without food's SME rows of FY2001: food has panel members → fails,
    /// naming sales, food and 2001.
    @Test func categoryWithMembersMissingAYear() {
        let cells = S.handBenchmark.filter { !($0.category == "food" && $0.fiscalYear == 2001 && ($0.capitalMax ?? .max) <= 100_000) }
        S.expectImpossible(naming: ["sales", "food", "2001"]) {
            let levels = try BenchmarkLevels.compute(cells: cells, window: window, config: S.config())
            _ = try ShiftShare.correctedTotals(panel: handPanel(), levels: levels, weights: .value, baseYear: 2000)
        }
    }

    /// Only a non-SME row of food in FY2002 (the SME rows are gone): still no benchmark level.
    @Test func categoryWithMembersOnlyLargeClassInAYear() {
        let cells = S.handBenchmark.filter { !($0.category == "food" && $0.fiscalYear == 2002 && $0.capitalMax == 10_000) }
            .filter { !($0.category == "food" && $0.fiscalYear == 2002 && $0.capitalMax == 100_000) }
        S.expectImpossible(naming: ["sales", "food", "2002"]) {
            let levels = try BenchmarkLevels.compute(cells: cells, window: window, config: S.config())
            _ = try ShiftShare.correctedTotals(panel: handPanel(), levels: levels, weights: .value, baseYear: 2000)
        }
    }

    /// metal (with panel members) absent from the benchmark altogether: no row for any year;
    /// the message names the measure, the category and (at least) the first year.
    @Test func categoryWithMembersAbsentFromBenchmark() {
        let cells = S.handBenchmark.filter { $0.category != "metal" }
        S.expectImpossible(naming: ["sales", "metal", "2000"]) {
            let levels = try BenchmarkLevels.compute(cells: cells, window: window, config: S.config())
            _ = try ShiftShare.correctedTotals(panel: handPanel(), levels: levels, weights: .value, baseYear: 2000)
        }
    }

    /// B_food(2000) = 0 (both SME classes 0) → fails naming sales, food, 2000; also with
    /// WEIGHTS=count.
    @Test(arguments: [CorrectionWeights.value, .count])
    func baseLevelZero(weights: CorrectionWeights) {
        let cells = S.handBenchmark.map { c in
            c.category == "food" && c.fiscalYear == 2000
                ? S.cell(2000, "food", c.sizeClass, max: c.capitalMax, corporations: c.corporations, sales: 0) : c
        }
        S.expectImpossible(naming: ["sales", "food", "2000"]) {
            let levels = try BenchmarkLevels.compute(cells: cells, window: window, config: S.config())
            _ = try ShiftShare.correctedTotals(panel: handPanel(), levels: levels, weights: weights, baseYear: 2000)
        }
    }

    /// net_income may be negative (SPEC 6.8): B_metal(2001) = -5 with BASE_YEAR 2001 fails
    /// naming net_income, metal and 2001.
    @Test func baseLevelNegative() {
        let netWindow = MeasureWindow(measure: .netIncome, first: 2000, last: 2002)
        let config = S.config(base: 2001, measures: [netWindow])
        let cells = S.handBenchmark.map { c in
            c.category == "metal" && c.fiscalYear == 2001 && c.sizeClass == "small"
                ? S.cell(2001, "metal", "small", max: c.capitalMax, corporations: c.corporations, sales: c.sales, netIncome: -15)
                : c
        }
        S.expectImpossible(naming: ["net_income", "metal", "2001"]) {
            let panel = S.builder(config).build(participants: S.handParticipants, statements: S.handStatements)[0]
            let levels = try BenchmarkLevels.compute(cells: cells, window: netWindow, config: config)
            // metal medium 10 + small -15 = -5
            #expect(levels.levels["metal"]?[1] == -5)
            _ = try ShiftShare.correctedTotals(panel: panel, levels: levels, weights: .value, baseYear: 2001)
        }
    }

    /// A category without panel members may have B_i(B) <= 0 (only the panel's categories are
    /// divided by it) as long as the benchmark sum stays positive.
    @Test func nonPositiveBaseOutsideThePanelIsFine() throws {
        let cells = S.handBenchmark.map { c in
            c.category == "textile" && c.fiscalYear == 2000
                ? S.cell(2000, "textile", "small", max: c.capitalMax, corporations: c.corporations, sales: 0) : c
        }
        let levels = try BenchmarkLevels.compute(cells: cells, window: window, config: S.config())
        #expect(try ShiftShare.correctedTotals(panel: handPanel(), levels: levels, weights: .value, baseYear: 2000) == [1000, 950, 1350])
    }
}
