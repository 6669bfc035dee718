import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The correct stage as its executable runs it: the benchmark and benchmark_corrected levels
/// of every measure (SPEC 3.3), which `cluster-index --totals` reads.
public enum CorrectStage {
    /// The run.conf keys the correction uses (checked against its inputs' settings files).
    public static let keys: [RunConfig.Key] = [.baseYear, .measures, .excludeCategories, .benchmarkMaxCapital, .weights]

    public static func run(panelPath: String?, benchmarkPath: String, config: RunConfig, outputPath: String?) throws {
        let provenance = try SettingsFile.check(inputs: [panelPath, benchmarkPath], config: config, uses: keys)
        let panels = try WorkInputs.panels(panelPath, config: config)
        let series = try benchmarkSeries(panels: panels, benchmarkPath: benchmarkPath, config: config)
        let out = try CSVWriter(path: outputPath)
        try IndexCSV.writeTotals(series, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-correct")
    }

    /// The benchmark and benchmark_corrected series of every measure.
    public static func benchmarkSeries(panels: [Panel], benchmarkPath: String, config: RunConfig) throws -> [IndexSeries] {
        var series: [IndexSeries] = []
        for (panel, levels) in zip(panels, try levels(panels: panels, benchmarkPath: benchmarkPath, config: config)) {
            series.append(try IndexComputation.benchmark(levels, config: config))
            series.append(try IndexComputation.corrected(panel, levels: levels, config: config))
        }
        return series
    }

    /// The benchmark levels B_i(t) of each panel's measure (SPEC 3.3), from benchmark.csv.
    public static func levels(panels: [Panel], benchmarkPath: String, config: RunConfig) throws -> [BenchmarkLevels] {
        let quiet = try RejectLog(writer: nil)
        let cells = try Ingest.benchmark(
            benchmarkPath, file: Files.baseName(benchmarkPath),
            settings: IngestSettings(encoding: .auto, maxRejectRate: 1), rejects: quiet
        ).rows
        try quiet.requireNone(in: Files.baseName(benchmarkPath))
        return try panels.map { try BenchmarkLevels.compute(cells: cells, window: $0.window, config: config) }
    }
}
