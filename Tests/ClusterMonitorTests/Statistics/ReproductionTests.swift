import Testing

@testable import Statistics
@testable import Values

/// STRICT_REPRODUCTION's failure (the contract, 1.1): exit 65 naming the first values not
/// reproduced by their row in reproduction.csv, with the published and the computed value.
@Suite struct ReproductionTests {
    private func value(_ key: String, _ printed: String) -> PublishedValue {
        PublishedValue(figure: "survey1", series: "all", measure: "Q1", key: key, value: printed, legibility: "", label: "")
    }

    @Test func noFailureWhenEveryValueMatches() {
        let rows = [ReproducedValue(published: value("1", "69.0"), computed: "69.0")]
        #expect(Reproduction.strictFailure(rows) == nil)
        #expect(Reproduction.strictFailure([]) == nil)
    }

    /// Rows 2 and 4 (1-based, as reproduction.csv's data rows) differ; row 4 has no computed
    /// value. By hand: 2 of 4 not reproduced, both shown.
    @Test func namesTheRowsNotReproduced() {
        let rows = [
            ReproducedValue(published: value("1", "69.0"), computed: "69.0"),
            ReproducedValue(published: value("2", "44.1"), computed: "44.2"),
            ReproducedValue(published: value("3", "069.0"), computed: "69.0"),
            ReproducedValue(published: value("4", "1.0"), computed: nil),
        ]
        let failure = Reproduction.strictFailure(rows)
        #expect(
            failure
                == .notReproduced(
                    count: 2, total: 4,
                    first: [
                        "reproduction.csv row 2: survey1 all Q1 2: published 44.1, computed 44.2",
                        "reproduction.csv row 4: survey1 all Q1 4: published 1.0, computed nothing",
                    ]))
        #expect(failure?.exitStatus.rawValue == 65)
    }

    /// Seven values not reproduced: the first five are named, the count says seven.
    @Test func namesTheFirstFive() {
        let rows = (1...7).map { ReproducedValue(published: value("\($0)", "1.0"), computed: "2.0") }
        guard case .notReproduced(let count, let total, let first)? = Reproduction.strictFailure(rows) else {
            Issue.record("no failure")
            return
        }
        #expect(count == 7 && total == 7 && first.count == 5)
        #expect(first.last?.hasPrefix("reproduction.csv row 5:") == true)
        #expect(Reproduction.strictFailure(rows)?.description.hasPrefix(
            "STRICT_REPRODUCTION=yes and 7 of 7 published values not reproduced; the first 5:") == true)
    }
}
