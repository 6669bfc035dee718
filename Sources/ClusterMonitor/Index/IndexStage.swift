/// The correct and index stages as their executables run them.
public enum IndexStage {
    /// The benchmark and benchmark_corrected series of every measure (SPEC 3.3).
    public static func benchmarkSeries(panels: [Panel], benchmarkPath: String, config: RunConfig) throws -> [IndexSeries] {
        let quiet = try RejectLog(writer: nil)
        let cells = try Ingest.benchmark(
            benchmarkPath, file: Files.baseName(benchmarkPath),
            settings: IngestSettings(encoding: .auto, maxRejectRate: 1), rejects: quiet
        ).rows
        try quiet.requireNone(in: Files.baseName(benchmarkPath))
        var series: [IndexSeries] = []
        for panel in panels {
            let levels = try BenchmarkLevels.compute(cells: cells, window: panel.window, config: config)
            series.append(try IndexComputation.benchmark(levels, config: config))
            series.append(try IndexComputation.corrected(panel, levels: levels, config: config))
        }
        return series
    }

    /// All three series of every measure in the order of index_series.csv.
    public static func allSeries(panels: [Panel], benchmark: [IndexSeries], config: RunConfig) throws -> [IndexSeries] {
        // The measures' bootstraps are independent (each its own seeded generator): run them side by side.
        let clusters = ParallelMap.map(panels) { try IndexComputation.cluster($0, config: config) }
        var series: [IndexSeries] = []
        for (panel, cluster) in zip(panels, clusters) {
            series.append(try cluster.get())
            for kind in [SeriesKind.benchmark, .benchmarkCorrected] {
                if let s = benchmark.first(where: { $0.kind == kind && $0.measure == panel.measure }) { series.append(s) }
            }
        }
        return series
    }
}
