import GSLKit
import Values

/// SplitMix64: a small, fast, seeded generator. The same seed gives the same data set.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300)
        let v = uniform()
        return (-2 * CMath.log(u)).squareRoot() * CMath.cos(2 * Double.pi * v)
    }

    mutating func logNormal(median: Double, sigma: Double) -> Double { median * CMath.exp(sigma * normal()) }

    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// Index drawn with the given weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var u = uniform() * total
        for (k, w) in weights.enumerated() {
            if u < w { return k }
            u -= w
        }
        return weights.count - 1
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        if out.count < 2 { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            out.swapAt(i, j)
        }
        return out
    }

    /// A valid corporate number not seen before.
    mutating func corporateNumber(avoiding used: inout Set<UInt64>) -> UInt64 {
        while true {
            let base = 100_000_000_000 + next() % 900_000_000_000
            let value = CorporateNumber.checkDigit(base: base) * 1_000_000_000_000 + base
            if used.insert(value).inserted { return value }
        }
    }
}

