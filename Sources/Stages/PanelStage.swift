import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The panel stage as its executable runs it.
public enum PanelStage {
    /// Reads the participants' statements (normalised or raw), builds each measure's panel and
    /// writes it to `outputPath` (as a `WorkFile` with `workFile`), the log to `logPath`. Returns the panels and the statements'
    /// ingest report (records the rules rejected are counted there, not listed: ingest lists them).
    /// The run.conf keys the panel uses (checked against its inputs' settings files).
    public static let keys: [RunConfig.Key] = [.baseYear, .measures, .excludeCategories]

    public static func run(
        statementsPath: String?, label: String, participantsPath: String, industriesPath: String,
        criteriaPath: String, config: RunConfig, outputPath: String?, logPath: String?, workFile: Bool = false,
        membersPath: String? = nil, progress: ProgressLine? = nil
    ) throws -> (panels: [Panel], report: IngestReport) {
        let provenance = try SettingsFile.check(
            inputs: [statementsPath, participantsPath, industriesPath, criteriaPath], config: config, uses: keys)
        // Normalised files are UTF-8; raw ones are detected (ENCODING= applies to ingest).
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        let quiet = try RejectLog(writer: nil)
        let criteria = try Ingest.smeCriteria(criteriaPath, file: Files.baseName(criteriaPath), settings: settings, rejects: quiet)
        let industries = IndustryTable(
            try Ingest.industries(
                industriesPath, file: Files.baseName(industriesPath), sectors: Set(criteria.rows.map(\.sector)),
                settings: settings, rejects: quiet
            ).rows)
        try quiet.requireNone(in: Files.baseName(criteriaPath))
        try quiet.requireNone(in: Files.baseName(industriesPath))
        progress?.step("reading the participants")
        // The audit trail needs every participant's project; the panel alone only the numbers.
        let fullFrame = membersPath == nil ? nil : try WorkInputs.frame(participantsPath)
        let frame = try fullFrame?.ids ?? WorkInputs.frameIDs(participantsPath)
        var statements: [Statement] = []
        progress?.file(label, at: statementsPath)
        var reading = settings
        reading.progress = progress?.callback
        let report = try Ingest.statements(
            statementsPath, file: label, industries: industries, frame: frame, settings: reading,
            rejects: quiet
        ) { statements.append($0) }
        progress?.step("building the panels from \(statements.count) statements")
        // The participants in number order with their projects, sorted together once (a look-up
        // per participant in the frame's table would cost a cache miss each).
        let everyone = fullFrame.map { f in zip(f.numbers, f.ranks).sorted { $0.0 < $1.0 } }
        let (panels, audit) = PanelBuilder(config: config, industries: industries, criteria: criteria.rows)
            .build(participants: frame, statements: statements, auditing: everyone?.map(\.0))
        progress?.step("writing the panels")
        defer { progress?.clear() }
        if workFile, let outputPath {
            try WorkFile.write(panels, to: outputPath)
        } else {
            let out = try CSVWriter(path: outputPath)
            try PanelCSV.write(panels, to: out)
            try out.close()
        }
        if let logPath {
            let log = try CSVWriter(path: logPath)
            try PanelCSV.writeLog(panels, to: log)
            try log.close()
        }
        if let membersPath, let fullFrame, let audit {
            let out = try CSVWriter(path: membersPath)
            try PanelCSV.writeMembers(
                audit, measures: config.measures.map(\.measure), projects: fullFrame.projects,
                projectOf: (everyone ?? []).map { Int($0.1) }, to: out)
            try out.close()
        }
        try provenance.write(beside: outputPath, stage: "cluster-panel")
        try provenance.write(beside: logPath, stage: "cluster-panel")
        try provenance.write(beside: membersPath, stage: "cluster-panel")
        return (panels, report)
    }

    /// `sales: 2001 participants, 1532 in panel`, one line per measure.
    public static func summary(_ panels: [Panel]) -> [String] {
        panels.map { "\($0.measure.rawValue): \($0.participants) participants, \($0.members.count) in panel" }
    }
}
