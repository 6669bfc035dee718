import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

@Suite struct GSLTests {
    /// z_{0.975} = 1.959963984540054 (standard normal tables; e.g. Abramowitz & Stegun 26.2).
    @Test func normalQuantile() throws {
        #expect(abs(try GSL.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }

    /// Beta(1, 1) is uniform: its p-quantile is p.
    @Test func betaQuantileOfTheUniform() throws {
        #expect(abs(try GSL.betaQuantile(0.3, a: 1, b: 1) - 0.3) < 1e-12)
    }

    /// Out-of-domain arguments come back as Swift errors, not a GSL abort.
    @Test func domainErrorsThrow() {
        #expect(throws: PipelineError.self) { try GSL.normalQuantile(1.5) }
        #expect(throws: PipelineError.self) { try GSL.betaQuantile(0.5, a: -1, b: 2) }
    }
}
