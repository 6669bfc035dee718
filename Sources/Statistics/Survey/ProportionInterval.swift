import GSLKit
import Values

/// Confidence intervals for a proportion (SPEC 3.1), in 0…1.
public enum ProportionInterval {
    /// Wilson's score interval for proportion `p` from an (effective) sample of `n`.
    public static func wilson(p: Double, n: Double, confidence: Double) throws -> ClosedRange<Double> {
        let z = try GSL.normalQuantile(1 - (1 - confidence) / 2)
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return max(0, center - half)...min(1, center + half)
    }

    /// Clopper–Pearson's exact interval from beta quantiles, with x = p·n and n possibly
    /// fractional (weights): lower = B⁻¹(α/2; x, n−x+1), upper = B⁻¹(1−α/2; x+1, n−x); the
    /// bound at a boundary (x = 0 or x = n) is the exact one-sided 0 or 1.
    public static func clopperPearson(p: Double, n: Double, confidence: Double) throws -> ClosedRange<Double> {
        let alpha = 1 - confidence
        let x = p * n
        // x within a rounding error of 0 or n is that boundary (weights make x fractional).
        let tolerance = 1e-9 * max(1, n)
        let lower = x <= tolerance ? 0 : try GSL.betaQuantile(alpha / 2, a: x, b: n - x + 1)
        let upper = n - x <= tolerance ? 1 : try GSL.betaQuantile(1 - alpha / 2, a: x + 1, b: n - x)
        return lower...upper
    }

    public static func interval(method: IntervalMethod, p: Double, n: Double, confidence: Double) throws
        -> ClosedRange<Double>
    {
        switch method {
        case .wilson: return try wilson(p: p, n: n, confidence: confidence)
        case .clopperPearson: return try clopperPearson(p: p, n: n, confidence: confidence)
        }
    }
}
