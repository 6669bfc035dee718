import GSLKit
import Values

/// The industry-composition correction (SPEC 3.3): what the panel's total would have been had
/// each of its categories grown like the national benchmark of that category.
///
///     total*(t) = Σ_i w_i · B_i(t) / B_i(B)
///
/// with w_i = C_i(B), the panel's base-year total of category i (WEIGHTS=value), or n_i, its
/// number of panel enterprises (WEIGHTS=count).
public enum ShiftShare {
    /// total*(t) for each year of the panel's window. A category of the panel without benchmark
    /// levels, or with B_i(B) <= 0, is an `.impossible` error naming measure, category and year.
    public static func correctedTotals(panel: Panel, levels: BenchmarkLevels, weights: CorrectionWeights, baseYear: Int)
        throws -> [Double]
    {
        let window = panel.window
        let base = baseYear - window.first
        var weight: [String: Double] = [:]
        for member in panel.members {
            let w = weights == .value ? Double(member.values[base]) : 1
            weight[member.category, default: 0] += w
        }
        var terms = [[Double]](repeating: [], count: window.years.count)
        for category in weight.keys.sorted() {
            guard let b = levels.levels[category] else {
                throw PipelineError.impossible(
                    "\(window.measure.rawValue): category \(category) has panel members but no benchmark rows for FY\(window.first)-\(window.last)")
            }
            guard b[base] > 0 else {
                throw PipelineError.impossible(
                    "\(window.measure.rawValue): category \(category): benchmark base-year level B_i(\(baseYear)) = \(b[base]) is not positive")
            }
            let w = weight[category] ?? 0
            for k in terms.indices { terms[k].append(w * Double(b[k]) / Double(b[base])) }
        }
        return terms.map(CompensatedSum.sum)
    }
}

/// Neumaier's compensated summation: the sum of doubles without the rounding drift of a
/// running total (and independent of nothing but the order given, which callers fix).
public enum CompensatedSum {
    public static func sum(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for v in values {
            let t = sum + v
            if abs(sum) >= abs(v) {
                compensation += (sum - t) + v
            } else {
                compensation += (v - t) + sum
            }
            sum = t
        }
        return sum + compensation
    }
}
