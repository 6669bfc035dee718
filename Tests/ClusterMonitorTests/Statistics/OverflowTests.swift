import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 7.5: sums of input values that pass Int64 are exit 65 naming measure, year and the
/// value's owner — never a trap (Swift's `+`) nor a silent wrap (`&+`).
@Suite struct OverflowTests {
    typealias S = PanelFixtures
    let window = MeasureWindow(measure: .sales, first: 2000, last: 2001)

    /// In 2001 5100000000002 has Int64.max − 5 (a wrong unit) and 6100000000001 has 10. Members
    /// sort by number, so the running sum passes the limit at 6100000000001, whose value is
    /// fine: the message names the largest value that year, 5100000000002's.
    @Test func panelTotalOverflowNamesMeasureYearEnterprise() {
        let panel = Panel(
            window: window,
            members: [
                PanelMember(enterprise: S.id(100_000_000_001), category: "food", values: [1, 10]),
                PanelMember(enterprise: S.id(100_000_000_002), category: "food", values: [1, Int64.max - 5]),
            ], log: [.inPanel: 2])
        #expect {
            try panel.totals()
        } throws: { error in
            guard let e = error as? PipelineError, e.exitStatus == .dataError else { return false }
            return e.description.contains("sales") && e.description.contains("FY2001")
                && e.description.contains("enterprise 5100000000002's (\(Int64.max - 5))")
        }
    }

    /// Just below the limit is exact: Int64.max − 1 + 1 = Int64.max.
    @Test func panelTotalAtTheLimit() throws {
        let panel = Panel(
            window: window,
            members: [
                PanelMember(enterprise: S.id(100_000_000_001), category: "food", values: [1, Int64.max - 1]),
                PanelMember(enterprise: S.id(100_000_000_002), category: "food", values: [1, 1]),
            ], log: [.inPanel: 2])
        #expect(try panel.totals() == [2, Int64.max])
    }

    /// A resample of one enterprise worth Int64.max / 2 + 1 drawn twice (it is the only row, so
    /// every draw is it) passes Int64 in its first replicate: the wrapper reports the column.
    @Test func bootstrapSumsAreChecked() throws {
        let random = try GSLRandom(seed: 1)
        #expect(throws: GSLRandom.SumOverflow.self) {
            // rows 2: both rows huge in column 1, so any two draws overflow.
            try random.resampledColumnSums([1, Int64.max / 2 + 1, 1, Int64.max / 2 + 1], rows: 2, columns: 2, replicates: 3)
        }
        // The same with small values: every replicate sums two draws of 1 in column 0.
        let sums = try random.resampledColumnSums([1, 5, 1, 5], rows: 2, columns: 2, replicates: 3)
        #expect(sums == [2, 10, 2, 10, 2, 10])
    }

    /// Through the cluster series: exit 65 naming the measure, never a negative interval.
    @Test func clusterSeriesWithHugeValuesFails() {
        let big = Int64.max / 3
        let panel = Panel(
            window: window,
            members: (1...2).map { k in
                PanelMember(enterprise: S.id(100_000_000_000 + UInt64(k)), category: "food", values: [big, big])
            }, log: [.inPanel: 2])
        var config = RunConfig()
        config.bootstrap = 50
        config.measures = [window]
        // C(t) = 2·big fits; a resample drawing one enterprise twice sums 2·big too (fits);
        // all replicates fit: the interval is the point 1.
        #expect(throws: Never.self) { try IndexComputation.cluster(panel, config: config) }
        let three = Panel(
            window: window,
            members: (1...3).map { k in
                PanelMember(enterprise: S.id(100_000_000_000 + UInt64(k)), category: "food", values: [1, big + 1])
            }, log: [.inPanel: 3])
        // C(2001) = 3·(big + 1) > Int64.max: exit 65, before any resampling.
        #expect {
            try IndexComputation.cluster(three, config: config)
        } throws: { error in
            (error as? PipelineError)?.exitStatus == .dataError
        }
    }
}
