import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The index stage as its executable runs it: the three series of every measure from the
/// panel and cluster-correct's totals.
public enum IndexStage {
    /// The run.conf keys the index uses (checked against its inputs' settings files).
    public static let keys: [RunConfig.Key] = [.baseYear, .measures, .confidence, .bootstrap, .seed]

    public static func run(panelPath: String?, totalsPath: String, config: RunConfig, outputPath: String?) throws {
        let provenance = try SettingsFile.check(inputs: [panelPath, totalsPath], config: config, uses: keys)
        let panels = try WorkInputs.panels(panelPath, config: config)
        let benchmark = try IndexCSV.readTotals(totalsPath, file: Files.baseName(totalsPath), config: config)
        let series = try allSeries(panels: panels, benchmark: benchmark, config: config)
        let out = try CSVWriter(path: outputPath)
        try IndexCSV.write(series, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-index")
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
