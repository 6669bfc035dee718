import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 3.1: Wilson score and Clopper–Pearson intervals for a proportion, in 0…1.
///
/// Reference values, two independent sources:
/// - Newcombe, R. G. (1998) "Two-sided confidence intervals for the single proportion:
///   comparison of seven methods", Statistics in Medicine 17, 857–872, Table I: method 3
///   (score, no continuity correction = Wilson) and method 5 (exact = Clopper–Pearson), printed
///   to 4 decimals; checked here to ±0.00005.
/// - scipy 1.17.1, `scipy.stats.binomtest(k, n).proportion_ci(0.95, "wilson" | "exact")`, which
///   agrees with `norm.ppf` / `beta.ppf(α/2, x, n−x+1)`, `beta.ppf(1−α/2, x+1, n−x)` to 1e-12;
///   printed with 15 significant digits; checked here to ±1e-9.
@Suite struct ProportionIntervalTests {
    static let tight = 1e-9
    static let printed = 0.00005

    struct Case: Sendable, CustomTestStringConvertible {
        let x: Int
        let n: Int
        let wilson: (Double, Double)
        let exact: (Double, Double)
        var testDescription: String { "\(x)/\(n)" }
    }

    /// Newcombe (1998) Table I, 95%: methods 3 (Wilson) and 5 (Clopper–Pearson), 4 decimals.
    static let newcombe: [Case] = [
        Case(x: 81, n: 263, wilson: (0.2553, 0.3662), exact: (0.2527, 0.3676)),
        Case(x: 15, n: 148, wilson: (0.0624, 0.1605), exact: (0.0578, 0.1617)),
        Case(x: 0, n: 20, wilson: (0.0000, 0.1611), exact: (0.0000, 0.1684)),
        Case(x: 1, n: 29, wilson: (0.0061, 0.1718), exact: (0.0009, 0.1776)),
    ]

    /// scipy 1.17.1: `r = binomtest(k, n); r.proportion_ci(0.95, 'wilson')`, `… 'exact')`.
    static let scipy: [Case] = [
        Case(x: 81, n: 263, wilson: (0.255288519878274, 0.3662095769828), exact: (0.252736745585043, 0.367621922601347)),
        Case(x: 15, n: 148, wilson: (0.0623863995307363, 0.160487241723308), exact: (0.057844010083448, 0.161650490349479)),
        Case(x: 0, n: 20, wilson: (0, 0.161125158052819), exact: (0, 0.168433470983085)),
        Case(x: 1, n: 29, wilson: (0.00611321429276267, 0.171755218793203), exact: (0.000872646883597107, 0.177644295488415)),
        Case(x: 0, n: 10, wilson: (0, 0.277532799862889), exact: (0, 0.308497107818763)),
        Case(x: 1, n: 10, wilson: (0.0178762130950729, 0.404150026795238), exact: (0.00252857854446257, 0.445016117028195)),
        Case(x: 10, n: 10, wilson: (0.722467200137111, 1), exact: (0.691502892181237, 1)),
        Case(x: 0, n: 100, wilson: (0, 0.0369934982069857), exact: (0, 0.0362166926451905)),
        Case(x: 1, n: 100, wilson: (0.00176743206414065, 0.0544861961787053), exact: (0.000253146032681893, 0.0544593853920807)),
        Case(x: 100, n: 100, wilson: (0.963006501793014, 1), exact: (0.963783307354809, 1)),
    ]

    @Test(arguments: newcombe)
    func newcombeTableI(_ c: Case) throws {
        let p = Double(c.x) / Double(c.n)
        let w = try ProportionInterval.wilson(p: p, n: Double(c.n), confidence: 0.95)
        let e = try ProportionInterval.clopperPearson(p: p, n: Double(c.n), confidence: 0.95)
        #expect(abs(w.lowerBound - c.wilson.0) <= Self.printed, "Wilson lower \(w.lowerBound)")
        #expect(abs(w.upperBound - c.wilson.1) <= Self.printed, "Wilson upper \(w.upperBound)")
        #expect(abs(e.lowerBound - c.exact.0) <= Self.printed, "CP lower \(e.lowerBound)")
        #expect(abs(e.upperBound - c.exact.1) <= Self.printed, "CP upper \(e.upperBound)")
    }

    @Test(arguments: scipy)
    func scipyReference(_ c: Case) throws {
        let p = Double(c.x) / Double(c.n)
        let w = try ProportionInterval.wilson(p: p, n: Double(c.n), confidence: 0.95)
        let e = try ProportionInterval.clopperPearson(p: p, n: Double(c.n), confidence: 0.95)
        #expect(abs(w.lowerBound - c.wilson.0) <= Self.tight, "Wilson lower \(w.lowerBound)")
        #expect(abs(w.upperBound - c.wilson.1) <= Self.tight, "Wilson upper \(w.upperBound)")
        #expect(abs(e.lowerBound - c.exact.0) <= Self.tight, "CP lower \(e.lowerBound)")
        #expect(abs(e.upperBound - c.exact.1) <= Self.tight, "CP upper \(e.upperBound)")
    }

    /// x = 0: Clopper–Pearson is the exact one-sided interval [0, 1 − (α/2)^(1/n)];
    /// x = n: [(α/2)^(1/n), 1] (closed form: the Beta(1, n) / Beta(n, 1) quantiles).
    @Test(arguments: [1, 2, 10, 29, 100, 1000])
    func clopperPearsonBoundariesAreExactOneSided(_ n: Int) throws {
        let alpha = 0.05
        let nn = Double(n)
        let zero = try ProportionInterval.clopperPearson(p: 0, n: nn, confidence: 0.95)
        #expect(zero.lowerBound == 0)
        #expect(abs(zero.upperBound - (1 - pow(alpha / 2, 1 / nn))) <= 1e-12)
        let all = try ProportionInterval.clopperPearson(p: 1, n: nn, confidence: 0.95)
        #expect(all.upperBound == 1)
        #expect(abs(all.lowerBound - pow(alpha / 2, 1 / nn)) <= 1e-12)
    }

    /// 1 − 0.025^(1/10) = 0.308497107818761 and 1 − 0.025^(1/100) = 0.0362166926451765
    /// (python3: `1 - 0.025**(1/n)`), the figures quoted in the scipy table above.
    @Test func clopperPearsonZeroOfTenAndOfHundred() throws {
        #expect(abs(try ProportionInterval.clopperPearson(p: 0, n: 10, confidence: 0.95).upperBound - 0.308497107818761) <= 1e-12)
        #expect(abs(try ProportionInterval.clopperPearson(p: 0, n: 100, confidence: 0.95).upperBound - 0.0362166926451765) <= 1e-12)
        #expect(try ProportionInterval.clopperPearson(p: 1, n: 10, confidence: 0.95).lowerBound.isApproximately(0.691502892181239, 1e-12))
    }

    /// Wilson at p = 0 has lower bound 0 and at p = 1 upper bound 1 (mathematically exact;
    /// allowed a rounding error of 1e-15), both inside [0, 1].
    @Test(arguments: [1.0, 2.5, 10, 100, 1e6])
    func wilsonBoundaries(_ n: Double) throws {
        let zero = try ProportionInterval.wilson(p: 0, n: n, confidence: 0.95)
        #expect(zero.lowerBound >= 0 && zero.lowerBound <= 1e-15)
        #expect(zero.upperBound > 0 && zero.upperBound < 1)
        let all = try ProportionInterval.wilson(p: 1, n: n, confidence: 0.95)
        #expect(all.upperBound <= 1 && all.upperBound >= 1 - 1e-15)
        #expect(all.lowerBound > 0 && all.lowerBound < 1)
        // symmetry: the interval for 1 − p mirrors the one for p
        #expect(abs(zero.upperBound - (1 - all.lowerBound)) <= 1e-12)
    }

    /// No NaN and bounds in 0…1 for every method at the edges, also with fractional (weighted)
    /// effective n below 1, large n, and x within a rounding error of 0 or n. (Values at large n: see
    /// `clopperPearsonLargeEffectiveN`.)
    @Test(arguments: [IntervalMethod.wilson, .clopperPearson])
    func neverNaN(_ method: IntervalMethod) {
        for n in [0.5, 1, 1.5, 2, 3.3333333333333335, 10, 100, 1e4, 1e6, 1e7] {
            for p in [0, 1e-17, 1e-12, 0.5, 1 - 1e-12, 1 - 1e-16, 1] {
                do {
                    let ci = try ProportionInterval.interval(method: method, p: p, n: n, confidence: 0.95)
                    #expect(!ci.lowerBound.isNaN && !ci.upperBound.isNaN, "p=\(p) n=\(n)")
                    #expect(ci.lowerBound >= 0 && ci.upperBound <= 1, "p=\(p) n=\(n): \(ci)")
                    #expect(ci.lowerBound <= p + 1e-12 && ci.upperBound >= p - 1e-12, "p=\(p) n=\(n): \(ci)")
                } catch {
                    Issue.record("p=\(p) n=\(n): \(error)")
                }
            }
        }
    }

    /// SPEC 3.1 puts no bound on n: survey bases of 10^5–10^7 (the benchmark has 10^6
    /// respondents) must still get their Clopper–Pearson interval. scipy 1.17.1:
    /// `beta.ppf(0.025, x, n−x+1)`, `beta.ppf(0.975, x+1, n−x)` with x = p·n; x = 0: 1 − 0.025^(1/n).
    static let largeN: [(n: Double, p: Double, low: Double, high: Double)] = [
        (2e5, 0.001, 0.000866260211698066, 0.00114852454428167),
        (2e5, 0.3, 0.297992044567433, 0.302013753560036),
        (1e6, 0.001, 0.000939001207950096, 0.00106391810731523),
        (1.5e6, 0.9, 0.899518802992615, 0.900479651957101),
        (1e7, 0, 0, 3.68887877372244e-07),
        (1e7, 0.5, 0.499690052521371, 0.500309947478629),
    ]

    @Test func clopperPearsonLargeEffectiveN() {
        for c in Self.largeN {
            do {
                let ci = try ProportionInterval.clopperPearson(p: c.p, n: c.n, confidence: 0.95)
                #expect(abs(ci.lowerBound - c.low) <= 1e-9 && abs(ci.upperBound - c.high) <= 1e-9, "p=\(c.p) n=\(c.n): \(ci)")
            } catch {
                Issue.record("p=\(c.p) n=\(c.n): \(error)")
            }
        }
    }

    /// Weighted Clopper–Pearson (SPEC 3.1: x = p·n_eff, n = n_eff): p = 0.4, n_eff = 10/3, so
    /// x = 4/3. scipy: `beta.ppf(0.025, 4/3, 3)` = 0.0231607096940867,
    /// `beta.ppf(0.975, 7/3, 2)` = 0.916713237295673. Wilson with n = 10/3 (formula with
    /// z = norm.ppf(0.975)): 0.0910977327414875, 0.815984360738748.
    @Test func fractionalEffectiveN() throws {
        let n = 100.0 / 30.0
        let e = try ProportionInterval.clopperPearson(p: 0.4, n: n, confidence: 0.95)
        #expect(abs(e.lowerBound - 0.0231607096940867) <= 1e-9)
        #expect(abs(e.upperBound - 0.916713237295673) <= 1e-9)
        let w = try ProportionInterval.wilson(p: 0.4, n: n, confidence: 0.95)
        #expect(abs(w.lowerBound - 0.0910977327414875) <= 1e-9)
        #expect(abs(w.upperBound - 0.815984360738748) <= 1e-9)
    }

    /// CONFIDENCE is honoured: 81/263 at 90% and 99% (scipy binomtest(81, 263).proportion_ci).
    @Test func otherConfidenceLevels() throws {
        let p = 81.0 / 263.0
        let w90 = try ProportionInterval.wilson(p: p, n: 263, confidence: 0.90)
        let e99 = try ProportionInterval.clopperPearson(p: p, n: 263, confidence: 0.99)
        #expect(abs(w90.lowerBound - Self.w90.0) <= 1e-9 && abs(w90.upperBound - Self.w90.1) <= 1e-9, "\(w90)")
        #expect(abs(e99.lowerBound - Self.e99.0) <= 1e-9 && abs(e99.upperBound - Self.e99.1) <= 1e-9, "\(e99)")
    }
    /// scipy: binomtest(81, 263).proportion_ci(0.90, 'wilson') and (0.99, 'exact').
    static let w90 = (0.263313617188481, 0.356566349608488)
    static let e99 = (0.236837358165538, 0.386258325669941)
}

extension Double {
    fileprivate func isApproximately(_ other: Double, _ tolerance: Double) -> Bool { abs(self - other) <= tolerance }
}
