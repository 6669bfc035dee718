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

    /// The keys the index per project uses besides (the correction's).
    public static let projectKeys: [RunConfig.Key] = keys + [.excludeCategories, .benchmarkMaxCapital, .weights]

    /// What the index per project (SPEC 10) reads besides the panel: the frame (each member's
    /// project) and benchmark.csv (each category's levels).
    public struct ByProject: Sendable {
        public let outputPath: String
        public let participantsPath: String
        public let benchmarkPath: String

        public init(outputPath: String, participantsPath: String, benchmarkPath: String) {
            self.outputPath = outputPath
            self.participantsPath = participantsPath
            self.benchmarkPath = benchmarkPath
        }
    }

    public static func run(
        panelPath: String?, totalsPath: String, config: RunConfig, outputPath: String?, byProject: ByProject? = nil
    ) throws {
        let inputs = [panelPath, totalsPath] + (byProject.map { [$0.participantsPath, $0.benchmarkPath] } ?? [])
        let provenance = try SettingsFile.check(inputs: inputs, config: config, uses: byProject == nil ? keys : projectKeys)
        let panels = try WorkInputs.panels(panelPath, config: config)
        let benchmark = try IndexCSV.readTotals(totalsPath, file: Files.baseName(totalsPath), config: config)
        let series = try allSeries(panels: panels, benchmark: benchmark, config: config)
        let out = try CSVWriter(path: outputPath)
        try IndexCSV.write(series, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-index")
        if let byProject {
            let frame = try WorkInputs.frame(byProject.participantsPath)
            let levels = try CorrectStage.levels(panels: panels, benchmarkPath: byProject.benchmarkPath, config: config)
            let rows = try projectRows(panels: panels, levels: levels, frame: frame, config: config)
            let out = try CSVWriter(path: byProject.outputPath)
            try ProjectIndexCSV.write(rows, to: out)
            try out.close()
            try provenance.write(beside: byProject.outputPath, stage: "cluster-index")
        }
    }

    /// index_by_project.csv's rows: projects in code-point order, then measures in MEASURES
    /// order, then cluster and benchmark_corrected. Each project's bootstrap has its own seed, so
    /// the projects are computed side by side.
    public static func projectRows(panels: [Panel], levels: [BenchmarkLevels], frame: Frame, config: RunConfig) throws
        -> [ProjectIndexRow]
    {
        let parts = panels.map { ProjectIndex.split($0, projects: frame.projects, project: frame.projectIndex) }
        let jobs = frame.projects.indices.flatMap { p in panels.indices.map { (p, $0) } }
        let results = ParallelMap.map(jobs) { job in
            try ProjectIndex.rows(
                project: frame.projects[job.0], part: parts[job.1][job.0], levels: levels[job.1], config: config)
        }
        return try results.flatMap { try $0.get() }
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
