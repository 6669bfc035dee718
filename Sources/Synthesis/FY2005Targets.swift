import CSVKit
import Values

/// The values the synthetic year must reproduce: the published chart values, and plausible
/// ones where the chart is illegible (these are marked `plausible` in the generator's notes).
struct FY2005Targets {
    /// Q1 item → percent of the `all` domain.
    var survey: [Int: Double] = [:]
    /// Q1 item → the label printed in the chart.
    var surveyLabels: [Int: String] = [:]
    /// Measure → index by fiscal year, for the cluster series and the corrected benchmark.
    var cluster: [Measure: [Int: Double]] = [:]
    var corrected: [Measure: [Int: Double]] = [:]
    /// (series, measure, year) filled in because the chart does not show it legibly.
    var plausible: [String] = []

    static let years = 2000...2004
    static let windows: [Measure: ClosedRange<Int>] = [.sales: 2000...2004, .netIncome: 2000...2004, .employees: 2000...2003]

    /// Plausible paths (2000 = 1) used where the published chart has no legible value.
    static let fallbackCluster: [Measure: [Double]] = [
        .sales: [1, 0.998, 0.947, 0.950, 1.063], .netIncome: [1, 0.913, 0.772, 1.128, 1.968],
        .employees: [1, 0.992, 0.991, 0.985],
    ]
    static let fallbackCorrected: [Measure: [Double]] = [
        .sales: [1, 0.950, 0.848, 0.844, 0.880], .netIncome: [1, 0.442, 0.324, 0.847, 1.31],
        .employees: [1, 0.950, 0.895, 0.883],
    ]

    init(published: [PublishedValue]) {
        for p in published {
            guard let value = Double(p.value) else { continue }
            if p.figure == "survey1", p.series == "all", let item = Int(p.key) {
                survey[item] = value
                surveyLabels[item] = p.label
            } else if p.figure == "survey2", let measure = Measure(rawValue: p.measure), let year = Int(p.key) {
                if p.series == "cluster" { cluster[measure, default: [:]][year] = value }
                if p.series == "benchmark_corrected" { corrected[measure, default: [:]][year] = value }
            }
        }
        for (measure, window) in Self.windows {
            for (k, year) in window.enumerated() {
                if cluster[measure]?[year] == nil {
                    cluster[measure, default: [:]][year] = Self.fallbackCluster[measure]?[k] ?? 1
                    plausible.append("cluster \(measure.rawValue) \(year)")
                }
                if corrected[measure]?[year] == nil {
                    corrected[measure, default: [:]][year] = Self.fallbackCorrected[measure]?[k] ?? 1
                    plausible.append("benchmark_corrected \(measure.rawValue) \(year)")
                }
            }
        }
    }
}
