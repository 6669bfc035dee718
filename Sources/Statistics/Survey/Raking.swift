import Values

/// Raking (iterative proportional fitting, SPEC 9): the weights of a sample adjusted, one
/// margin after the other, until the weights of every category of every margin add up to that
/// category's target.
///
/// A round adjusts each margin in the order given: every unit of category c has its weight
/// multiplied by target(c) / Σ weights of c. After each round every category of every margin is
/// compared with its target; the weights are returned when each is within `tolerance` relative
/// (|Σ − target| <= tolerance · target). A single margin converges in one round.
///
/// The weights are first scaled by a power of two so that the largest lies in [1, 2): raking is
/// unchanged by a common factor (the first adjustment brings the weights to the targets' scale)
/// and power-of-two scaling is exact, so weights near 1e308 or 1e-320 neither overflow nor
/// underflow the sums.
public enum Raking {
    /// One margin: each unit's category (an index into `targets`) and each category's target.
    public struct Margin: Sendable {
        public let categories: [Int]
        public let targets: [Double]

        public init(categories: [Int], targets: [Double]) {
            self.categories = categories
            self.targets = targets
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        /// Category `category` of margin `margin` has a positive target but no unit with a
        /// positive weight: no factor can reach it.
        case emptyCategory(margin: Int, category: Int)
        /// After `rounds` rounds category `category` of margin `margin` still sums to
        /// `achieved` against `target`.
        case noConvergence(rounds: Int, margin: Int, category: Int, achieved: Double, target: Double)
        /// A factor or a weight left the finite numbers (weights spanning more than the range
        /// of binary64).
        case notFinite(margin: Int, category: Int)
        /// Unit `unit` (of category `category` of margin `margin`) came in with a positive weight
        /// and its weight became 0: the weights span more than binary64 holds (about 1e308 to
        /// 1e-323), so the unit would silently count for nothing.
        case underflow(margin: Int, category: Int, unit: Int)
    }

    public struct Result: Equatable, Sendable {
        public let weights: [Double]
        /// The rounds it took (1 for a single margin).
        public let rounds: Int
    }

    /// Rakes `weights` (finite, positive) to `margins` (each with one category per unit, in
    /// range, and finite non-negative targets).
    public static func rake(
        _ weights: [Double], margins: [Margin], tolerance: Double = 1e-9, maxRounds: Int = 1000
    ) throws(Failure) -> Result {
        var w = weights
        guard !margins.isEmpty, !w.isEmpty else { return Result(weights: weights, rounds: 0) }
        let largest = w.reduce(0) { max($0, $1) }
        if largest > 0 && largest.isFinite {
            let e = largest.exponent
            for i in w.indices where w[i] > 0 {
                w[i] = Double(sign: .plus, exponent: w[i].exponent - e, significand: w[i].significand)
                if w[i] == 0 { throw .underflow(margin: 0, category: margins[0].categories[i], unit: i) }
            }
        }
        for (m, margin) in margins.enumerated() {
            let sums = categorySums(w, margin)
            for (c, target) in margin.targets.enumerated() where target > 0 && !(sums[c] > 0) {
                throw .emptyCategory(margin: m, category: c)
            }
        }
        var rounds = 0
        while true {
            rounds += 1
            for (m, margin) in margins.enumerated() {
                let sums = categorySums(w, margin)
                var factors = [Double](repeating: 1, count: margin.targets.count)
                for c in factors.indices where sums[c] > 0 {
                    factors[c] = margin.targets[c] / sums[c]
                    guard factors[c].isFinite else { throw .notFinite(margin: m, category: c) }
                }
                for i in w.indices {
                    let before = w[i]
                    w[i] *= factors[margin.categories[i]]
                    guard w[i].isFinite else { throw .notFinite(margin: m, category: margin.categories[i]) }
                    if w[i] == 0 && before > 0 { throw .underflow(margin: m, category: margin.categories[i], unit: i) }
                }
            }
            // The category furthest from its target, relative to it.
            var worst: (margin: Int, category: Int, achieved: Double, target: Double)?
            var worstGap = 0.0
            for (m, margin) in margins.enumerated() {
                let sums = categorySums(w, margin)
                for (c, target) in margin.targets.enumerated() {
                    let gap = abs(sums[c] - target)
                    guard gap > tolerance * target else { continue }
                    let relative = target > 0 ? gap / target : .infinity
                    if worst == nil || relative > worstGap {
                        worst = (m, c, sums[c], target)
                        worstGap = relative
                    }
                }
            }
            guard let worst else { return Result(weights: w, rounds: rounds) }
            if rounds >= maxRounds {
                throw .noConvergence(
                    rounds: rounds, margin: worst.margin, category: worst.category, achieved: worst.achieved,
                    target: worst.target)
            }
        }
    }

    /// Σ weights per category of `margin`, each by Neumaier's compensated sum in unit order.
    static func categorySums(_ w: [Double], _ margin: Margin) -> [Double] {
        var sums = [Double](repeating: 0, count: margin.targets.count)
        var compensation = [Double](repeating: 0, count: margin.targets.count)
        for (i, c) in margin.categories.enumerated() {
            let v = w[i]
            let t = sums[c] + v
            if abs(sums[c]) >= abs(v) {
                compensation[c] += (sums[c] - t) + v
            } else {
                compensation[c] += (v - t) + sums[c]
            }
            sums[c] = t
        }
        return zip(sums, compensation).map { $0 + $1 }
    }
}

/// What the weights of a survey look like: spread and Kish's design effect of unequal weights.
public struct WeightSummary: Equatable, Sendable {
    public let count: Int
    public let sum: Double
    public let min: Double
    public let max: Double
    /// Coefficient of variation: population standard deviation / mean.
    public let cv: Double

    public init(_ weights: [Double]) {
        count = weights.count
        sum = CompensatedSum.sum(weights)
        min = weights.min() ?? 0
        max = weights.max() ?? 0
        let mean = count > 0 ? sum / Double(count) : 0
        let squares = CompensatedSum.sum(weights.map { ($0 - mean) * ($0 - mean) })
        cv = count > 0 && mean > 0 ? (squares / Double(count)).squareRoot() / mean : 0
    }

    /// max / min (0 when there is no positive weight).
    public var ratio: Double { min > 0 ? max / min : 0 }
    /// Kish's design effect of unequal weights, 1 + CV² (= n Σw² / (Σw)²).
    public var designEffect: Double { 1 + cv * cv }
}
