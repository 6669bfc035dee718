/// The panel stage as its executable runs it.
public enum PanelStage {
    /// Reads the participants' statements (normalised or raw), builds each measure's panel and
    /// writes it to `outputPath`, the log to `logPath`. Returns the panels and the statements'
    /// ingest report (records the rules rejected are counted there, not listed: ingest lists them).
    public static func run(
        statementsPath: String?, label: String, participantsPath: String, industriesPath: String,
        criteriaPath: String, config: RunConfig, outputPath: String?, logPath: String?
    ) throws -> (panels: [Panel], report: IngestReport) {
        // Normalised files are UTF-8; raw ones are detected (ENCODING= applies to ingest).
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        let quiet = try RejectLog(writer: nil)
        let criteria = try Ingest.smeCriteria(criteriaPath, file: Files.baseName(criteriaPath), settings: settings, rejects: quiet)
        let industries = IndustryTable(
            try Ingest.industries(
                industriesPath, file: Files.baseName(industriesPath), sectors: Set(criteria.rows.map(\.sector)),
                settings: settings, rejects: quiet
            ).rows)
        let (frame, _) = try Ingest.frame(
            participantsPath, file: Files.baseName(participantsPath), settings: settings, rejects: quiet)
        var statements: [Statement] = []
        let report = try Ingest.statements(
            statementsPath, file: label, industries: industries, frame: frame.ids, settings: settings,
            rejects: quiet
        ) { statements.append($0) }
        let panels = PanelBuilder(config: config, industries: industries, criteria: criteria.rows)
            .build(participants: frame.members, statements: statements)
        let out = try CSVWriter(path: outputPath)
        try PanelCSV.write(panels, to: out)
        try out.close()
        if let logPath {
            let log = try CSVWriter(path: logPath)
            try PanelCSV.writeLog(panels, to: log)
            try log.close()
        }
        return (panels, report)
    }

    /// `sales: 2001 participants, 1532 in panel`, one line per measure.
    public static func summary(_ panels: [Panel]) -> [String] {
        panels.map { "\($0.measure.rawValue): \($0.participants) participants, \($0.members.count) in panel" }
    }
}

/// The correct and index stages as their executables run them.
public enum IndexStage {
    /// The benchmark and benchmark_corrected series of every measure (SPEC 3.3).
    public static func benchmarkSeries(panels: [Panel], benchmarkPath: String, config: RunConfig) throws -> [IndexSeries] {
        let cells = try Ingest.benchmark(
            benchmarkPath, file: Files.baseName(benchmarkPath),
            settings: IngestSettings(encoding: .auto, maxRejectRate: 1), rejects: try RejectLog(writer: nil)
        ).rows
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
