import Values

/// Why a published cell is withheld (SPEC 11): the primary rule it failed, or `secondary` when
/// it was withheld so that a primary cell cannot be worked out from what is published.
public enum DisclosureRule: String, CaseIterable, Sendable, Comparable {
    case frequency
    case dominance
    case p
    case secondary

    /// The status a withheld row carries: `suppressed_frequency`, `suppressed_dominance`,
    /// `suppressed_p`, `suppressed_secondary`.
    public var status: String { "suppressed_" + rawValue }

    public static func < (a: DisclosureRule, b: DisclosureRule) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// The primary rules for magnitude tables (SPEC 11), applied to the contributions of the
/// enterprises behind a total: minimum frequency, (n, k) dominance and the p% rule, each
/// contribution taken by its absolute value (a loss is as telling as a profit).
public enum PrimaryRules {
    /// The first rule a total fails, in the order frequency, dominance, p%, or nil when it may be
    /// published. `years` holds, for each year of the series, every enterprise's contribution
    /// (the same enterprises every year); a rule fails when it fails in any year, so that a
    /// series is withheld or published whole. Exact in 128-bit integers except the p% rule's
    /// comparison with a decimal p (double precision).
    public static func judge(enterprises: Int, years: [[Int64]], config: RunConfig) -> DisclosureRule? {
        guard enterprises >= config.minFrequency else { return .frequency }
        for values in years where dominated(values, rule: config.dominance) { return .dominance }
        if let p = config.pPercent {
            for values in years where failsP(values, p: p) { return .p }
        }
        return nil
    }

    /// (n, k) dominance: the n largest |x| sum to more than k % of Σ|x| (an all-zero total is not
    /// dominated).
    public static func dominated(_ values: [Int64], rule: DominanceRule) -> Bool {
        let (total, top) = magnitudes(values, largest: rule.n)
        let leading = top.reduce(Int128(0), +)
        return leading * 100 > total * Int128(rule.k)
    }

    /// The p% rule: the second largest contributor could estimate the largest to within p %
    /// when Σ|x| − |x1| − |x2| < p/100 × |x1|.
    public static func failsP(_ values: [Int64], p: Double) -> Bool {
        let (total, top) = magnitudes(values, largest: 2)
        guard let first = top.first, first > 0 else { return false }
        let rest = total - top.reduce(Int128(0), +)
        return Double(rest) * 100 < p * Double(first)
    }

    /// Σ|x| and the `largest` greatest |x| (fewer when there are fewer values), in Int128: an
    /// Int64 magnitude and a sum of up to 2^63 of them fit.
    static func magnitudes(_ values: [Int64], largest: Int) -> (total: Int128, top: [Int128]) {
        var total = Int128(0)
        var top: [Int128] = []
        for v in values {
            let m = Int128(v).magnitude
            let x = Int128(m)
            total += x
            if top.count < largest {
                top.append(x)
                top.sort(by: >)
            } else if let last = top.last, x > last {
                top[top.count - 1] = x
                top.sort(by: >)
            }
        }
        return (total, top)
    }
}
