import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterReport: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-report",
        abstract: "Write report.txt and the charts (SPEC 5, 1.2) from a run's files.",
        discussion: StageHelp.discussion(
            """
            Reads a run's files (the ingest summary, rejects.csv, survey_items.csv, \
            index_series.csv, panel_log.csv and, when present, reproduction.csv, \
            survey_single.csv, weights.csv and index_by_project.csv) and writes report.txt and \
            charts/survey1.svg, charts/survey2-<measure>.svg, charts/survey2-<measure>-by-project.svg \
            (with index_by_project.csv; and, with --tables, tables.xlsx). It opens no input \
            file: the settings come from the settings files the stages wrote beside their \
            outputs (FILE.settings; a key none of them lists from --conf, else its default), the \
            inputs' SHA-256 from --fingerprints. Nothing in the report depends on the clock.
            """,
            examples: [
                "w=$(mktemp -d)",
                "cluster-ingest --input-dir Inputs/fy2005 --output-dir $w/ingested -q",
                "cluster-report --results Outputs/fy2005 --conf Inputs/fy2005/run.conf \\",
                "  --summary $w/ingested/ingest_summary.csv \\",
                "  -o $w/report.txt --charts $w/charts --tables $w/tables.xlsx",
            ]),
        version: PipelineVersion.shown)

    @Option(help: ArgumentHelp("The folder with rejects.csv, survey_items.csv, index_series.csv, panel_log.csv and, when published.csv was given, reproduction.csv.", valueName: "DIR"),
            completion: .directory)
    var results: String

    @Option(help: ArgumentHelp("ingest_summary.csv of cluster-ingest --input-dir.", valueName: "FILE"), completion: .file())
    var summary: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where report.txt goes.", valueName: "FILE"), completion: .file())
    var output: String

    @Option(help: ArgumentHelp("The folder for the SVG charts (created if missing; required unless --stopped-at).", valueName: "DIR"), completion: .directory)
    var charts: String?

    @Option(help: ArgumentHelp("Write tables.xlsx here: the tables and native Excel charts of both figures. (default: not written)", valueName: "FILE"),
            completion: .file())
    var tables: String?

    @Option(help: ArgumentHelp("SHA-256 of the inputs as sha256sum writes them. (default: the report shows none)", valueName: "FILE"),
            completion: .file())
    var fingerprints: String?

    @Option(help: ArgumentHelp("run.conf, for settings that no settings file of the results lists. (default: those settings' defaults)", valueName: "FILE"),
            completion: .file())
    var conf: String?

    @Option(
        help: ArgumentHelp(
            "participants.csv or ingest's participants.frame: the frame counts the weighting section compares the weights with. (default: the section shows the weights only)",
            valueName: "FILE"),
        completion: .file())
    var participants: String?

    @Option(
        help: ArgumentHelp(
            "The run stopped at STAGE: write a report of its inputs and settings only (from --summary and the results' rejects.csv), without charts or tables. The annual run's, for OUTPUT_DIR.failed/.",
            valueName: "STAGE"))
    var stoppedAt: String?

    func validate() throws {
        if stoppedAt == nil && charts == nil { throw ValidationError("Missing expected argument '--charts <DIR>'") }
        if stoppedAt != nil && (tables != nil || charts != nil) {
            throw ValidationError("--stopped-at writes report.txt only: no --charts, no --tables")
        }
    }

    func run() throws {
        try StageHelp.run("cluster-report") {
            if let stoppedAt {
                try Files.checkOutputs([output], notAmong: [results + "/rejects.csv", summary, fingerprints, conf])
                try ReportStage.runPartial(
                    results: results, summary: summary, fingerprints: try ReportData.fingerprints(file: fingerprints),
                    conf: try conf.map(RunConfig.load), reportPath: output, stoppedAt: stoppedAt)
                return
            }
            try Files.checkOutputs(
                [output, tables],
                notAmong: try ReportStage.files(results: results, summary: summary) + [fingerprints, conf, participants])
            try ReportStage.run(
                results: results, summary: summary, fingerprints: try ReportData.fingerprints(file: fingerprints),
                conf: try conf.map(RunConfig.load), reportPath: output, chartsDir: charts ?? "",
                tablesPath: tables, participantsPath: participants)
        }
    }
}
