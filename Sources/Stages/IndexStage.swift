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
        var projects: (frame: Frame, levels: [BenchmarkLevels])?
        if let byProject {
            projects = (
                try WorkInputs.frame(byProject.participantsPath),
                try CorrectStage.levels(panels: panels, benchmarkPath: byProject.benchmarkPath, config: config)
            )
        }
        let (series, rows) = try compute(panels: panels, benchmark: benchmark, projects: projects, config: config)
        let out = try CSVWriter(path: outputPath)
        try IndexCSV.write(series, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-index")
        if let byProject {
            let out = try CSVWriter(path: byProject.outputPath)
            try ProjectIndexCSV.write(rows, to: out)
            try out.close()
            try provenance.write(beside: byProject.outputPath, stage: "cluster-index")
        }
    }

    /// Every bootstrap of the stage as one list of independent jobs (each its own seeded
    /// generator), run side by side: the measures' national series and, with `projects`, each
    /// project and measure (so that both cores stay busy to the end).
    static func compute(
        panels: [Panel], benchmark: [IndexSeries], projects: (frame: Frame, levels: [BenchmarkLevels])?,
        config: RunConfig
    ) throws -> (series: [IndexSeries], rows: [ProjectIndexRow]) {
        enum Output: Sendable {
            case series(IndexSeries)
            case rows([ProjectIndexRow])
        }
        var jobs: [@Sendable () throws -> Output] = panels.map { panel in
            { .series(try IndexComputation.cluster(panel, config: config)) }
        }
        if let projects {
            // Each measure's panel split by project once; then a job per project and measure.
            let parts = panels.map { ProjectIndex.split($0, projects: projects.frame.projects, project: projects.frame.projectIndex) }
            for (p, project) in projects.frame.projects.enumerated() {
                for m in panels.indices {
                    let part = parts[m][p]
                    let levels = projects.levels[m]
                    jobs.append { .rows(try ProjectIndex.rows(project: project, part: part, levels: levels, config: config)) }
                }
            }
        }
        var series: [IndexSeries] = []
        var rows: [ProjectIndexRow] = []
        for result in ParallelMap.map(jobs, { try $0() }) {
            switch try result.get() {
            case .series(let cluster):
                series.append(cluster)
                for kind in [SeriesKind.benchmark, .benchmarkCorrected] {
                    if let s = benchmark.first(where: { $0.kind == kind && $0.measure == cluster.measure }) { series.append(s) }
                }
            case .rows(let r): rows += r
            }
        }
        return (series, rows)
    }

    /// All three series of every measure in the order of index_series.csv.
    public static func allSeries(panels: [Panel], benchmark: [IndexSeries], config: RunConfig) throws -> [IndexSeries] {
        try compute(panels: panels, benchmark: benchmark, projects: nil, config: config).series
    }

    /// index_by_project.csv's rows: projects in code-point order, then measures in MEASURES
    /// order, then cluster and benchmark_corrected.
    public static func projectRows(panels: [Panel], levels: [BenchmarkLevels], frame: Frame, config: RunConfig) throws
        -> [ProjectIndexRow]
    {
        try compute(panels: panels, benchmark: [], projects: (frame, levels), config: config).rows
    }
}
