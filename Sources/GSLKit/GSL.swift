import Values
import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// The only door to GSL. Turns GSL's abort-on-error handler off before any call, so that a
/// domain error comes back as a status code and is turned into a Swift error here.
public enum GSL {
    private static let handlerOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Makes sure the abort handler is off; cheap after the first call.
    @inline(__always)
    static func prepare() { _ = handlerOff }

    /// The p-quantile of the standard normal distribution.
    public static func normalQuantile(_ p: Double) throws -> Double {
        prepare()
        guard p > 0, p < 1 else {
            throw PipelineError.library(name: "GSL", message: "normal quantile needs 0 < p < 1, got \(p)")
        }
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The p-quantile of the Beta(a, b) distribution.
    public static func betaQuantile(_ p: Double, a: Double, b: Double) throws -> Double {
        prepare()
        guard (0...1).contains(p), a > 0, b > 0 else {
            throw PipelineError.library(name: "GSL", message: "beta quantile needs 0 <= p <= 1, a, b > 0")
        }
        // Closed forms where GSL's inversion struggles (one parameter 1, the other huge):
        // Beta(1, b): 1 − (1 − p)^(1/b); Beta(a, 1): p^(1/a).
        if a == 1 { return -expm1(log1p(-p) / b) }
        if b == 1 { return exp(log(p) / a) }
        // GSL's Newton inversion: fast and exact for moderate parameters, but it can fail (NaN)
        // and, past a + b of a few 10^5, take minutes; there the distribution function is bisected.
        if a + b <= 100_000 {
            let q = gsl_cdf_beta_Pinv(p, a, b)
            if q.isFinite && (0...1).contains(q) { return q }
        }
        var low = 0.0
        var high = 1.0
        for _ in 0..<200 {
            let mid = (low + high) / 2
            let f = gsl_cdf_beta_P(mid, a, b)
            guard f.isFinite else { return normalApproximation(p, a: a, b: b) }
            if f < p { low = mid } else { high = mid }
            if high - low <= 1e-15 * max(mid, 1e-300) { break }
        }
        return (low + high) / 2
    }
}

extension GSL {
    /// For parameters so large that GSL's incomplete beta function gives up (a and b both in the
    /// millions): the normal distribution with the beta's mean and variance, whose error there
    /// is far below the precision any report shows.
    static func normalApproximation(_ p: Double, a: Double, b: Double) -> Double {
        let mean = a / (a + b)
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        return min(1, max(0, mean + sd * gsl_cdf_ugaussian_Pinv(p)))
    }

    /// `values` sorted ascending by `gsl_sort`.
    public static func sorted(_ values: [Double]) -> [Double] {
        prepare()
        var copy = values
        copy.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { gsl_sort(base, 1, buffer.count) }
        }
        return copy
    }

    /// The f-quantile of ascending `sorted` data (GSL's linear interpolation between order
    /// statistics, Hyndman–Fan type 7); nil for no data.
    public static func quantile(sorted: [Double], _ f: Double) -> Double? {
        prepare()
        guard !sorted.isEmpty, (0...1).contains(f) else { return nil }
        return sorted.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { gsl_stats_quantile_from_sorted_data($0, 1, buffer.count, f) }
        }
    }
}

/// A seeded Mersenne Twister stream: GSL's `gsl_rng_mt19937` word for word (`MT19937`), the
/// same seed giving the same draws.
public final class GSLRandom {
    private let generator: MT19937

    public init(seed: UInt64) throws {
        GSL.prepare()
        generator = MT19937(seed: UInt(truncatingIfNeeded: seed))
    }

    /// Column sums of `replicates` bootstrap resamples of the rows of a row-major matrix
    /// (`rows` × `columns`): each resample draws `rows` rows with replacement by
    /// `gsl_rng_uniform_int`. Returns replicates × columns sums, replicate-major, or throws
    /// `SumOverflow` with the first column whose sum passed Int64 (checked, never wrapped).
    public func resampledColumnSums(_ matrix: [Int64], rows: Int, columns: Int, replicates: Int) throws(SumOverflow) -> [Int64] {
        var sums = [Int64](repeating: 0, count: replicates * columns)
        guard rows > 0, columns > 0 else { return sums }
        // When every column's largest magnitude times `rows` fits in Int64, no resample sum can
        // overflow and the additions need no check (the fy2005 and national panels are all such).
        var bound = 0 as UInt64
        for v in matrix { bound = max(bound, v.magnitude) }
        let (reach, past) = bound.multipliedReportingOverflow(by: UInt64(rows))
        let checked = past || reach > UInt64(Int64.max)
        var overflowColumn: Int?
        matrix.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { out in
                guard let v = values.baseAddress, let o = out.baseAddress else { return }
                let draw = UniformIndex(generator, below: rows)
                if !checked {
                    // Each resample as a count per row (random increments into an array that
                    // stays in cache), then every column summed as counts times values in one
                    // pass down the matrix, column by column: no random loads of the matrix.
                    // Integer sums, so the same totals as adding the drawn rows one by one.
                    var transposed = [Int64](repeating: 0, count: rows * columns)
                    for i in 0..<rows {
                        for c in 0..<columns { transposed[c * rows + i] = v[i * columns + c] }
                    }
                    var counts = [UInt32](repeating: 0, count: rows)
                    transposed.withUnsafeBufferPointer { byColumn in
                        counts.withUnsafeMutableBufferPointer { tally in
                            guard let t = byColumn.baseAddress, let n = tally.baseAddress else { return }
                            for r in 0..<replicates {
                                draw.tally(into: n, draws: rows)
                                let target = o + r * columns
                                for c in 0..<columns {
                                    let column = t + c * rows
                                    var sum: Int64 = 0
                                    for i in 0..<rows { sum &+= Int64(n[i]) &* column[i] }
                                    target[c] = sum
                                }
                                for i in 0..<rows { n[i] = 0 }
                            }
                        }
                    }
                    return
                }
                for r in 0..<replicates {
                    let target = o + r * columns
                    for _ in 0..<rows {
                        let row = v + draw.next() * columns
                        if checked {
                            for c in 0..<columns {
                                let (sum, overflow) = target[c].addingReportingOverflow(row[c])
                                target[c] = sum
                                if overflow && overflowColumn == nil { overflowColumn = c }
                            }
                        } else {
                            for c in 0..<columns { target[c] &+= row[c] }
                        }
                    }
                    if overflowColumn != nil { return }
                }
            }
        }
        if let overflowColumn { throw SumOverflow(column: overflowColumn) }
        return sums
    }

    /// `gsl_rng_uniform_int(generator, n)` for mt19937 (min 0, max 2^32 - 1), drawn in the
    /// caller's loop: GSL's arithmetic (scale = range / n; k = word / scale, drawn again while
    /// k >= n) with the division by the constant scale done as a multiplication by its
    /// reciprocal, which is exact for every 32-bit word. An `n` GSL refuses (0, or above the
    /// range) gives 0 without a draw, as GSL does with its error handler off.
    struct UniformIndex {
        let generator: MT19937
        let n: UInt64
        /// floor(2^64 / scale) + 1, or nil when scale is 1 (no division).
        let reciprocal: UInt64?
        let valid: Bool

        init(_ generator: MT19937, below n: Int) {
            self.generator = generator
            self.n = UInt64(max(0, n))
            let range = UInt64(UInt32.max)
            valid = n > 0 && UInt64(n) <= range
            let scale = valid ? range / UInt64(n) : 1
            reciprocal = scale > 1 ? UInt64.max / scale + 1 : nil
        }

        /// GSL's k for a word: word / scale (n or more: draw again).
        @inline(__always)
        func index(of word: UInt64) -> UInt64 {
            if let reciprocal { return word.multipliedFullWidth(by: reciprocal).high }
            return word
        }

        @inline(__always)
        func next() -> Int {
            guard valid else { return 0 }
            var k: UInt64
            repeat { k = index(of: UInt64(generator.next())) } while k >= n
            return Int(k)
        }

        /// Adds 1 to `counts[next()]` for each of `draws` draws, in one loop over the
        /// generator's block (`MT19937.tally`).
        func tally(into counts: UnsafeMutablePointer<UInt32>, draws: Int) {
            guard valid else {
                counts[0] &+= UInt32(truncatingIfNeeded: draws)
                return
            }
            generator.tally(into: counts, draws: draws, by: self)
        }
    }

    /// A resampled column sum that does not fit in Int64.
    public struct SumOverflow: Error, Sendable {
        public let column: Int
    }
}
