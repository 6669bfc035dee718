import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterPanel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-panel",
        abstract: "Build the balanced panel of each measure (SPEC 3.2) from the participants' statements.",
        discussion: """
            Reads statements (normalised by cluster-ingest, or raw) from FILE or standard input and
            writes the panel as measure,enterprise_id,category,fiscal_year,value (MEASURES order,
            then enterprise, then year); --log writes panel_log.csv (SPEC 1.2).

            Example (paste from the repository root):
              in=Inputs/fy2005; bin=.build/release
              $bin/cluster-ingest statements $in/statements.csv --industries $in/industries.csv \\
                  --participants $in/participants.csv \\
                | $bin/cluster-panel --participants $in/participants.csv --industries $in/industries.csv \\
                  --sme-criteria $in/sme_criteria.csv --conf $in/run.conf --log /tmp/panel_log.csv | head
            """,
        version: PipelineVersion.shown)

    @Flag(name: .shortAndLong, help: "Print errors only: no panel sizes.")
    var quiet = false

    @Argument(help: "Statements; - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write the panel here instead of standard output.")
    var output: String?

    @Option(help: "Write panel_log.csv here.")
    var log: String?

    @Flag(help: """
        Write the panel (-o FILE) as a binary work file for cluster-correct and cluster-index of \
        the same run (the annual run), not as CSV; not an interface.
        """)
    var workFile = false

    func validate() throws {
        if workFile && (output == nil || output == "-") { throw ValidationError("--work-file needs -o FILE") }
    }

    @Option(help: "run.conf (MEASURES, BASE_YEAR, EXCLUDE_CATEGORIES).")
    var conf: String

    @Option(help: "participants.csv (the frame), or ingest's participants.frame work file.")
    var participants: String

    @Option(help: "industries.csv.")
    var industries: String

    @Option(help: "sme_criteria.csv.")
    var smeCriteria: String

    func run() throws {
        let status = Stage.run(name: "cluster-panel") {
            try Files.checkOutputs([output, log], notAmong: [file, conf, participants, industries, smeCriteria])
            let config = try RunConfig.load(conf)
            let (panels, report) = try PanelStage.run(
                statementsPath: file, label: file.map(Files.baseName) ?? "statements.csv",
                participantsPath: participants, industriesPath: industries, criteriaPath: smeCriteria,
                config: config, outputPath: output, logPath: log, workFile: workFile)
            if quiet { return }
            if report.balance.rejected > 0 {
                Files.diagnose(
                    "cluster-panel: \(report.balance.rejected) statements rejected and left out; cluster-ingest lists them")
            }
            PanelStage.summary(panels).forEach { Files.diagnose("cluster-panel: \($0)") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
