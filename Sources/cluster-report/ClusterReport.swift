import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-report",
        abstract: "Write report.txt and the charts (SPEC 5, 1.2) from a run's files.",
        discussion: """
            Reads a run's files — the ingest summary, rejects.csv, survey_items.csv,
            index_series.csv, panel_log.csv and, when present, reproduction.csv — and writes
            report.txt and charts/survey1.svg, charts/survey2-<measure>.svg. It opens no input
            file: the settings come from the settings files the stages wrote beside their
            outputs (FILE.settings; a key none of them lists from --conf, else its default), the
            inputs' SHA-256 from --fingerprints. Nothing in the report depends on the clock.

            Example (paste from the repository root, after the README's chain wrote /tmp/run):
              .build/release/cluster-report --results /tmp/run --summary /tmp/run/work/ingest_summary.csv \\
                  -o /tmp/run/report.txt --charts /tmp/run/charts
            """,
        version: PipelineVersion.shown)

    @Option(help: "The folder with rejects.csv, survey_items.csv, index_series.csv, panel_log.csv and, when published.csv was given, reproduction.csv.")
    var results: String

    @Option(help: "ingest_summary.csv of cluster-ingest --input-dir.")
    var summary: String

    @Option(name: .shortAndLong, help: "Where report.txt goes.")
    var output: String

    @Option(help: "The folder for the SVG charts.")
    var charts: String

    @Option(help: "SHA-256 of the inputs as sha256sum writes them (the report shows them; none when not given).")
    var fingerprints: String?

    @Option(help: "run.conf, for settings that no settings file of the results lists.")
    var conf: String?

    func run() throws {
        let status = Stage.run(name: "cluster-report") {
            try Files.checkOutputs(
                [output], notAmong: try ReportStage.files(results: results, summary: summary) + [fingerprints, conf])
            try ReportStage.run(
                results: results, summary: summary, fingerprints: try ReportData.fingerprints(file: fingerprints),
                conf: try conf.map(RunConfig.load), reportPath: output, chartsDir: charts)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
