import Testing

@testable import Stages

/// The terminal progress line of ingest and panel (README "The stages"): percent, bytes, rate and
/// time left, each worked out by hand below.
@Suite struct ProgressLineTests {
    /// 148 MB of 330 MB in 0.7 s: 44 % (44.8 rounded down, never 100 % before the end), 211 MB/s
    /// (148 / 0.7 = 211.4), 182 MB left at that rate = 0.86 s, shown rounded up as 0:01.
    @Test func withTheFileSize() {
        #expect(
            ProgressLine.text(stage: "cluster-ingest", file: "statements.csv", bytes: 148_000_000, total: 330_000_000, seconds: 0.7)
                == "cluster-ingest: statements.csv  44% 148 of 330 MB, 211 MB/s, 0:01 left")
    }

    /// Standard input: no size, so no percent and no time left; 12 MB in 0.5 s = 24 MB/s.
    @Test func withoutTheFileSize() {
        #expect(
            ProgressLine.text(stage: "cluster-panel", file: "statements.csv", bytes: 12_000_000, total: nil, seconds: 0.5)
                == "cluster-panel: statements.csv  12 MB, 24 MB/s")
        // A pipe's size reads 0: taken as unknown, not as a division by zero.
        #expect(
            ProgressLine.text(stage: "cluster-panel", file: "-", bytes: 12_000_000, total: 0, seconds: 0.5)
                == "cluster-panel: -  12 MB, 24 MB/s")
    }

    /// In the first tenth of a second the rate means nothing yet and is not shown; at the end
    /// nothing is left, so no time left either.
    @Test func noRateAtTheStartNoTimeLeftAtTheEnd() {
        #expect(
            ProgressLine.text(stage: "s", file: "f", bytes: 1_000_000, total: 10_000_000, seconds: 0.05)
                == "s: f  10% 1 of 10 MB")
        #expect(
            ProgressLine.text(stage: "s", file: "f", bytes: 10_000_000, total: 10_000_000, seconds: 2)
                == "s: f  100% 10 of 10 MB, 5 MB/s")
    }

    @Test func clockTimes() {
        #expect(ProgressLine.clockTime(0.2) == "0:01")
        #expect(ProgressLine.clockTime(59) == "0:59")
        #expect(ProgressLine.clockTime(61) == "1:01")
        #expect(ProgressLine.clockTime(3723) == "1:02:03")
        #expect(ProgressLine.clockTime(.infinity) == "--:--")
        #expect(ProgressLine.clockTime(.nan) == "--:--")
    }
}
