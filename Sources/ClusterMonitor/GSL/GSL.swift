import CGSL

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
        let q = gsl_cdf_beta_Pinv(p, a, b)
        guard q.isFinite else {
            throw PipelineError.library(name: "GSL", message: "beta quantile did not converge for p=\(p) a=\(a) b=\(b)")
        }
        return q
    }
}
