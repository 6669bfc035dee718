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

/// A seeded Mersenne Twister stream (`gsl_rng_mt19937`): the same seed gives the same draws.
public final class GSLRandom {
    private let generator: UnsafeMutablePointer<gsl_rng>

    public init(seed: UInt64) throws {
        GSL.prepare()
        guard let generator = gsl_rng_alloc(cgsl_mt19937()) else {
            throw PipelineError.library(name: "GSL", message: "cannot allocate a random number generator")
        }
        gsl_rng_set(generator, UInt(truncatingIfNeeded: seed))
        self.generator = generator
    }

    deinit { gsl_rng_free(generator) }

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
                    // Draws in batches, then each column summed over the batch in a register:
                    // the rows' loads no longer wait on the generator's calls or on each other.
                    var picks = [Int](repeating: 0, count: 512)
                    picks.withUnsafeMutableBufferPointer { batch in
                        guard let p = batch.baseAddress else { return }
                        for r in 0..<replicates {
                            let target = o + r * columns
                            var left = rows
                            while left > 0 {
                                let size = min(left, batch.count)
                                for i in 0..<size { p[i] = draw.next() * columns }
                                for c in 0..<columns {
                                    var sum: Int64 = 0
                                    for i in 0..<size { sum &+= v[p[i] + c] }
                                    target[c] &+= sum
                                }
                                left -= size
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

    /// `gsl_rng_uniform_int(generator, n)`, drawn in the caller's loop: GSL's own arithmetic
    /// (scale = range / n; k = (get - min) / scale, drawn again while k >= n) with the division
    /// by the constant scale done as a multiplication by its reciprocal, which is exact for
    /// every 32-bit draw. The same numbers as GSL's function, a few times faster (the
    /// bootstrap draws tens of millions). Falls back to the function for generators wider
    /// than 32 bits or an `n` it would refuse.
    struct UniformIndex {
        let generator: UnsafeMutablePointer<gsl_rng>
        let n: UInt
        let offset: UInt
        /// floor(2^64 / scale) + 1, or nil: divide by GSL (scale 1 needs no division either).
        let reciprocal: UInt64?
        let scale: UInt
        let fast: Bool

        init(_ generator: UnsafeMutablePointer<gsl_rng>, below n: Int) {
            self.generator = generator
            self.n = UInt(n)
            offset = gsl_rng_min(generator)
            let range = gsl_rng_max(generator) - offset
            fast = n > 0 && UInt(n) <= range && range <= UInt(UInt32.max)
            scale = fast ? range / UInt(n) : 1
            reciprocal = scale > 1 ? UInt64.max / UInt64(scale) + 1 : nil
        }

        @inline(__always)
        func next() -> Int {
            guard fast else { return Int(gsl_rng_uniform_int(generator, n)) }
            var k: UInt
            repeat {
                let r = UInt64(gsl_rng_get(generator) - offset)
                if let reciprocal { k = UInt(r.multipliedFullWidth(by: reciprocal).high) } else { k = UInt(r) }
            } while k >= n
            return Int(k)
        }
    }

    /// A resampled column sum that does not fit in Int64.
    public struct SumOverflow: Error, Sendable {
        public let column: Int
    }
}
