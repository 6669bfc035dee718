import GSLKit
import Values

/// The three series of index_series.csv.
public enum SeriesKind: String, CaseIterable, Sendable {
    case cluster
    case benchmark
    case benchmarkCorrected = "benchmark_corrected"
}

/// One year of a series: its level, its index against the base year, and (cluster only) the
/// bootstrap interval.
public struct IndexPoint: Equatable, Sendable {
    public let year: Int
    /// Panel size (cluster, benchmark_corrected) or corporations summed (benchmark).
    public let enterprises: Int64
    public let total: Double
    public let index: Double
    public let interval: ClosedRange<Double>?

    public init(year: Int, enterprises: Int64, total: Double, index: Double, interval: ClosedRange<Double>?) {
        self.year = year
        self.enterprises = enterprises
        self.total = total
        self.index = index
        self.interval = interval
    }
}

/// One series of one measure over its window.
public struct IndexSeries: Equatable, Sendable {
    public let kind: SeriesKind
    public let measure: Measure
    public let points: [IndexPoint]
    /// `ok`, or the primary rule that withholds a national series (SPEC 11): its writers then
    /// leave total, index and interval empty, and readers see placeholders they must not show.
    public let status: ProjectStatus

    public init(kind: SeriesKind, measure: Measure, points: [IndexPoint], status: ProjectStatus = .ok) {
        self.kind = kind
        self.measure = measure
        self.points = points
        self.status = status
    }

    /// The same series marked withheld with `status`.
    public func withheld(_ status: ProjectStatus) -> IndexSeries {
        IndexSeries(kind: kind, measure: measure, points: points, status: status)
    }

    /// Whether its numbers may be shown.
    public var isPublished: Bool { !status.isSuppressed }

    /// Indexes `totals` (one per year from `first`) against `baseYear`; a base total <= 0 is an
    /// `.impossible` error naming the series, measure and year.
    public static func make(
        kind: SeriesKind, measure: Measure, first: Int, baseYear: Int, totals: [Double], enterprises: [Int64],
        intervals: [ClosedRange<Double>?]? = nil
    ) throws -> IndexSeries {
        let base = totals[baseYear - first]
        guard base > 0 else {
            throw PipelineError.impossible(
                "\(kind.rawValue) \(measure.rawValue): base-year total for FY\(baseYear) is \(NumberFormat.plain(base)), not positive: no index can be formed")
        }
        let points = totals.indices.map { k in
            IndexPoint(
                year: first + k, enterprises: enterprises[k], total: totals[k], index: totals[k] / base,
                interval: intervals?[k])
        }
        return IndexSeries(kind: kind, measure: measure, points: points)
    }
}

/// The series of SPEC 3.2–3.3 from a panel and the benchmark.
public enum IndexComputation {
    /// An empty panel is exit 65 naming the measure, its window and where the reasons are.
    public static func requireMembers(_ panel: Panel) throws {
        guard panel.members.isEmpty else { return }
        throw PipelineError.impossible(
            "cluster \(panel.measure.rawValue): the panel is empty: no participant has a usable \(panel.measure.rawValue) in every year FY\(panel.window.first)-FY\(panel.window.last) (panel_log.csv gives each participant's reason): no index can be formed")
    }

    /// cluster: C(t) = Σ X_e(t), index C(t)/C(B), with the bootstrap interval.
    public static func cluster(_ panel: Panel, config: RunConfig) throws -> IndexSeries {
        try requireMembers(panel)
        let totals = try panel.totals().map(Double.init)
        let n = Int64(panel.members.count)
        let intervals = try Bootstrap.percentileIntervals(panel, config: config)
        return try IndexSeries.make(
            kind: .cluster, measure: panel.measure, first: panel.window.first, baseYear: config.baseYear,
            totals: totals, enterprises: Array(repeating: n, count: totals.count), intervals: intervals)
    }

    /// benchmark: Σ_i B_i(t) over every category not excluded.
    public static func benchmark(_ levels: BenchmarkLevels, config: RunConfig) throws -> IndexSeries {
        try IndexSeries.make(
            kind: .benchmark, measure: levels.window.measure, first: levels.window.first, baseYear: config.baseYear,
            totals: try levels.totals().map(Double.init), enterprises: levels.corporations)
    }

    /// benchmark_corrected: the shift-share total*(t).
    public static func corrected(_ panel: Panel, levels: BenchmarkLevels, config: RunConfig) throws -> IndexSeries {
        // The correction weighs the benchmark by the panel's industry mix: with no panel there
        // is no mix, and the cause to name is the empty panel, not the corrected series.
        try requireMembers(panel)
        let totals = try ShiftShare.correctedTotals(
            panel: panel, levels: levels, weights: config.weights, baseYear: config.baseYear)
        let n = Int64(panel.members.count)
        return try IndexSeries.make(
            kind: .benchmarkCorrected, measure: panel.measure, first: panel.window.first, baseYear: config.baseYear,
            totals: totals, enterprises: Array(repeating: n, count: totals.count))
    }
}
