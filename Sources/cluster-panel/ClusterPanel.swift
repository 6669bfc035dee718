import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterPanel: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-panel",
        abstract: "Build the balanced panel of each measure (SPEC 3.2) from the participants' statements.",
        discussion: StageHelp.discussion(
            """
            Reads statements (normalised by cluster-ingest, or raw) from FILE or standard input and \
            writes the panel as measure,enterprise_id,category,fiscal_year,value (MEASURES order, \
            then enterprise, then year; value in thousand yen, employees in persons); --log writes \
            panel_log.csv (SPEC 1.2). The panel sizes go to standard error.
            """,
            examples: [
                "in=Inputs/fy2005 w=$(mktemp -d)",
                "cluster-ingest statements $in/statements.csv -q \\",
                "  --industries $in/industries.csv --participants $in/participants.csv |",
                "cluster-panel --conf $in/run.conf --participants $in/participants.csv \\",
                "  --industries $in/industries.csv --sme-criteria $in/sme_criteria.csv \\",
                "  --log $w/panel_log.csv -o $w/panel.csv",
            ]),
        version: PipelineVersion.shown)

    @OptionGroup var io: FilterOptions

    @OptionGroup var settings: ConfOption

    @Option(help: ArgumentHelp("participants.csv (the frame), or ingest's participants.frame work file.", valueName: "FILE"),
            completion: .file())
    var participants: String

    @Option(help: ArgumentHelp("industries.csv.", valueName: "FILE"), completion: .file())
    var industries: String

    @Option(help: ArgumentHelp("sme_criteria.csv.", valueName: "FILE"), completion: .file())
    var smeCriteria: String

    @Option(help: ArgumentHelp("Write panel_log.csv to FILE. (default: not written)", valueName: "FILE"), completion: .file())
    var log: String?

    @Option(
        help: ArgumentHelp(
            "Write panel_members.csv to FILE (SPEC 10): every participant per measure with its reason. (default: not written)",
            valueName: "FILE"),
        completion: .file())
    var members: String?

    @Flag(help: """
        Write the panel (-o FILE) as a binary work file for cluster-correct and cluster-index of \
        the same run (the annual run), not as CSV; not an interface.
        """)
    var workFile = false

    func validate() throws {
        if workFile && (io.output == nil || io.output == "-") { throw ValidationError("--work-file needs -o FILE") }
    }

    func run() throws {
        try StageHelp.run("cluster-panel") {
            try Files.checkOutputs(
                [io.output, log, members], notAmong: [io.file, settings.conf, participants, industries, smeCriteria])
            io.announceStandardInput("cluster-panel")
            let (panels, report) = try PanelStage.run(
                statementsPath: io.file, label: io.label("statements.csv"),
                participantsPath: participants, industriesPath: industries, criteriaPath: smeCriteria,
                config: try settings.load(), outputPath: io.output, logPath: log, workFile: workFile, membersPath: members,
                progress: io.quiet ? nil : Stage.progressLine(stage: "cluster-panel"))
            if io.quiet { return }
            if report.balance.rejected > 0 {
                Files.diagnose(
                    "cluster-panel: \(report.balance.rejected) statements rejected and left out; cluster-ingest lists them")
            }
            PanelStage.summary(panels).forEach { Files.diagnose("cluster-panel: \($0)") }
        }
    }
}
