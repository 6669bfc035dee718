import GSLKit
import Values

/// The national statistics of one measure reduced to what the correction needs (SPEC 3.3):
/// B_i(t), the measure summed over the SME size classes (capital_max not empty and <=
/// BENCHMARK_MAX_CAPITAL) of each category not excluded, and the corporations of those cells.
public struct BenchmarkLevels: Equatable, Sendable {
    public let window: MeasureWindow
    /// Category → B_i(t) for each year of the window (index = year − first).
    public let levels: [String: [Int64]]
    /// Corporations of the same cells, summed over the categories, per year.
    public let corporations: [Int64]

    /// Every non-excluded category of `cells` needs, in every year of the window, at least one
    /// SME cell and the measure (and corporations) in each of them; anything else is an
    /// `.impossible` error naming measure, category and year.
    public static func compute(cells: [BenchmarkCell], window: MeasureWindow, config: RunConfig) throws
        -> BenchmarkLevels
    {
        let excluded = Set(config.excludeCategories)
        let years = Array(window.years)
        var levels: [String: [Int64]] = [:]
        var corporations = [Int64](repeating: 0, count: years.count)
        var seen: [String: [Bool]] = [:]
        let categories = Set(cells.map(\.category)).subtracting(excluded)
        for category in categories {
            levels[category] = Array(repeating: 0, count: years.count)
            seen[category] = Array(repeating: false, count: years.count)
        }
        for cell in cells where categories.contains(cell.category) && window.years.contains(cell.fiscalYear) {
            guard let high = cell.capitalMax, high <= config.benchmarkMaxCapital else { continue }
            let k = cell.fiscalYear - window.first
            seen[cell.category]?[k] = true
            guard let value = cell.value(of: window.measure) else {
                throw PipelineError.impossible(
                    "benchmark.csv: \(window.measure.rawValue): category \(cell.category), FY\(cell.fiscalYear), size class \(cell.sizeClass) has no value")
            }
            guard let corps = cell.corporations else {
                throw PipelineError.impossible(
                    "benchmark.csv: \(window.measure.rawValue): category \(cell.category), FY\(cell.fiscalYear), size class \(cell.sizeClass) has no corporations")
            }
            let (level, levelOverflow) = (levels[cell.category]?[k] ?? 0).addingReportingOverflow(value)
            let (count, countOverflow) = corporations[k].addingReportingOverflow(corps)
            if levelOverflow || countOverflow {
                throw PipelineError.impossible(
                    "benchmark.csv: \(window.measure.rawValue): category \(cell.category), FY\(cell.fiscalYear): the sum of \(levelOverflow ? window.measure.rawValue : "corporations") over the SME classes exceeds 64-bit integers (at size class \(cell.sizeClass))")
            }
            levels[cell.category]?[k] = level
            corporations[k] = count
        }
        for category in categories.sorted() {
            if let k = seen[category]?.firstIndex(of: false) {
                throw PipelineError.impossible(
                    "benchmark.csv: \(window.measure.rawValue): category \(category) has no SME-class row for FY\(years[k])")
            }
        }
        return BenchmarkLevels(window: window, levels: levels, corporations: corporations)
    }

    /// Σ_i B_i(t) for each year; past Int64 is exit 65 naming measure, category and year.
    public func totals() throws -> [Int64] {
        try CheckedSums.columns(levels.keys.sorted(), width: window.years.count, values: { levels[$0] ?? [] }) {
            category, k in
            PipelineError.impossible(
                "benchmark.csv: \(window.measure.rawValue): FY\(window.first + k): the benchmark total exceeds 64-bit integers; the largest level is category \(category)'s (\(levels[category]?[k] ?? 0))")
        }
    }
}

extension BenchmarkCell {
    /// The value of `measure` in this cell, if present.
    public func value(of measure: Measure) -> Int64? {
        switch measure {
        case .sales: return sales
        case .netIncome: return netIncome
        case .employees: return employees
        }
    }
}
