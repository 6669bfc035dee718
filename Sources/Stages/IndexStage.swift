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
    public static let keys: [RunConfig.Key] = [
        .baseYear, .measures, .confidence, .bootstrap, .seed, .minFrequency, .dominance, .pPercent, .protection,
    ]

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
        panelPath: String?, totalsPath: String, config: RunConfig, outputPath: String?, byProject: ByProject? = nil,
        auditPath: String? = nil
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
        let result = try compute(panels: panels, benchmark: benchmark, projects: projects, config: config)
        let (series, rows) = (result.series, result.rows)
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
        if let auditPath {
            let out = try CSVWriter(path: auditPath)
            try DisclosureAuditCSV.write(result.audit, to: out)
            try out.close()
        }
        try DisclosureAuditCSV.check(result.audit, writtenTo: auditPath)
    }

    /// What the stage computes: index_series.csv's series, index_by_project.csv's rows and the
    /// disclosure audit (SPEC 11) of both.
    public struct Result: Sendable {
        public let series: [IndexSeries]
        public let rows: [ProjectIndexRow]
        public let audit: [AuditRow]
    }

    /// Disclosure control first (the national series' primary rules; with `projects`, every
    /// project's rules and the complements of each measure), then every bootstrap of what is
    /// published as one list of independent jobs (each its own seeded generator), run side by
    /// side: the measures' national series and each published project and measure.
    static func compute(
        panels: [Panel], benchmark: [IndexSeries], projects: (frame: Frame, levels: [BenchmarkLevels])?,
        config: RunConfig
    ) throws -> Result {
        enum Output: Sendable {
            case series(IndexSeries)
            case rows([ProjectIndexRow])
        }
        // A panel without members keeps SPEC 3.3's failure (C(base) <= 0) rather than a
        // suppressed series: there is nothing to publish or protect.
        let nationalRules = panels.map { $0.members.isEmpty ? nil : ProjectIndex.primaryRule($0, config: config) }
        var jobs: [@Sendable () throws -> Output] = []
        for (m, panel) in panels.enumerated() {
            if let rule = nationalRules[m] {
                let totals = try panel.totals().map(Double.init)
                let series = IndexSeries(
                    kind: .cluster, measure: panel.measure,
                    points: totals.enumerated().map { k, t in
                        IndexPoint(year: panel.window.first + k, enterprises: Int64(panel.members.count), total: t, index: 0, interval: nil)
                    }, status: ProjectStatus(withheldBy: rule))
                jobs.append { .series(series) }
            } else {
                jobs.append { .series(try IndexComputation.cluster(panel, config: config)) }
            }
        }
        // Disclosure control per measure: the national series with, when there are projects,
        // each project's split of the panel (once), then a job per published project and measure.
        var audit: [AuditRow] = []
        let codes = projects?.frame.projects ?? []
        var decided = [[(ProjectIndex.Prepared, DisclosureRule?)]](repeating: [], count: codes.count)
        for (m, panel) in panels.enumerated() {
            var prepared: [ProjectIndex.Prepared] = []
            if let projects {
                let parts = ProjectIndex.split(panel, projects: codes, project: projects.frame.projectIndex)
                prepared = try zip(codes, parts).map { code, part in
                    try ProjectIndex.prepare(project: code, part: part, levels: projects.levels[m], config: config)
                }
            }
            let national = (
                cluster: try panel.totals().map(Double.init),
                corrected: benchmark.first { $0.kind == .benchmarkCorrected && $0.measure == panel.measure }?.points.map(\.total)
                    ?? [],
                rule: nationalRules[m])
            let decision = try IndexDisclosure.decide(
                window: panel.window, national: national, projects: prepared, levels: projects?.levels[m], config: config)
            for (p, pair) in zip(prepared, decision.rules).enumerated() { decided[p].append(pair) }
            audit += decision.findings.map { AuditRow($0, in: decision.tables) }
        }
        for parts in decided {
            for (prepared, rule) in parts {
                jobs.append { .rows(try ProjectIndex.rows(prepared, withheld: rule, config: config)) }
            }
        }
        var series: [IndexSeries] = []
        var rows: [ProjectIndexRow] = []
        for result in ParallelMap.map(jobs, { try $0() }) {
            switch try result.get() {
            case .series(let cluster):
                series.append(cluster)
                for kind in [SeriesKind.benchmark, .benchmarkCorrected] {
                    if let s = benchmark.first(where: { $0.kind == kind && $0.measure == cluster.measure }) {
                        series.append(kind == .benchmarkCorrected && !cluster.isPublished ? s.withheld(cluster.status) : s)
                    }
                }
            case .rows(let r): rows += r
            }
        }
        return Result(series: series, rows: rows, audit: audit)
    }

    /// All three series of every measure in the order of index_series.csv.
    public static func allSeries(panels: [Panel], benchmark: [IndexSeries], config: RunConfig) throws -> [IndexSeries] {
        try compute(panels: panels, benchmark: benchmark, projects: nil, config: config).series
    }

    /// index_by_project.csv's rows: projects in code-point order, then measures in MEASURES
    /// order, then cluster and benchmark_corrected.
    public static func projectRows(
        panels: [Panel], levels: [BenchmarkLevels], frame: Frame, config: RunConfig, benchmark: [IndexSeries] = []
    ) throws -> [ProjectIndexRow] {
        try compute(panels: panels, benchmark: benchmark, projects: (frame, levels), config: config).rows
    }
}
