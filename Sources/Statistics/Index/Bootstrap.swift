import GSLKit
import Values

/// The bootstrap interval of the cluster index (SPEC 3.2): panel enterprises resampled with
/// replacement BOOTSTRAP times from GSL's mt19937 seeded with SEED, percentile interval at
/// CONFIDENCE (GSL quantiles of the sorted replicates).
///
/// Each measure draws from its own generator seeded with SEED, so a measure's interval does not
/// depend on which other measures are run. A replicate whose base-year total is not positive
/// has no index and is left out; a year whose replicates are all left out has no interval.
public enum Bootstrap {
    public static func percentileIntervals(_ panel: Panel, config: RunConfig) throws -> [ClosedRange<Double>?] {
        let years = panel.window.years.count
        let n = panel.members.count
        guard n > 0 else { return Array(repeating: nil, count: years) }
        let base = config.baseYear - panel.window.first
        let random = try GSLRandom(seed: config.seed)
        // The members' values flat, member-major: no reference counting in the resampling loop.
        var values = [Int64](repeating: 0, count: n * years)
        for (i, member) in panel.members.enumerated() {
            for k in 0..<years { values[i * years + k] = member.values[k] }
        }
        let sums: [Int64]
        do {
            sums = try random.resampledColumnSums(values, rows: n, columns: years, replicates: config.bootstrap)
        } catch {
            throw PipelineError.impossible(
                "\(panel.measure.rawValue): FY\(panel.window.first + error.column): a bootstrap resample's total exceeds 64-bit integers (the panel's values are too large to resample; check their unit)")
        }
        var replicates = [[Double]](repeating: [], count: years)
        for k in replicates.indices { replicates[k].reserveCapacity(config.bootstrap) }
        for r in 0..<config.bootstrap {
            let baseSum = sums[r * years + base]
            guard baseSum > 0 else { continue }
            for k in 0..<years { replicates[k].append(Double(sums[r * years + k]) / Double(baseSum)) }
        }
        let alpha = 1 - config.confidence
        return replicates.map { values in
            let sorted = GSL.sorted(values)
            guard let low = GSL.quantile(sorted: sorted, alpha / 2),
                let high = GSL.quantile(sorted: sorted, 1 - alpha / 2)
            else { return nil }
            return low...high
        }
    }
}
