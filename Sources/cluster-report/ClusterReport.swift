import ArgumentParser
import ClusterMonitor

@main
struct ClusterReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-report",
        abstract: "Write report.txt and the charts (SPEC 5, 1.2) from a run's files.",
        discussion: """
            Reads the input folder (run.conf, fingerprints), the ingest summary and the outputs
            written by the other stages, and writes report.txt and charts/survey1.svg,
            charts/survey2-<measure>.svg. Nothing in them depends on the clock.

            Example (paste from the repository root, after an annual run kept its work files):
              .build/release/cluster-report --inputs Inputs/fy2005 --results Outputs/fy2005 \\
                  --summary /tmp/work/ingest_summary.csv -o /tmp/report.txt --charts /tmp/charts
            """)

    @Option(help: "The input folder (run.conf and the inputs to fingerprint).")
    var inputs: String

    @Option(help: "The folder with rejects.csv, survey_items.csv, index_series.csv, panel_log.csv and, when published.csv was given, reproduction.csv.")
    var results: String

    @Option(help: "ingest_summary.csv of cluster-ingest --input-dir.")
    var summary: String

    @Option(name: .shortAndLong, help: "Where report.txt goes.")
    var output: String

    @Option(help: "The folder for the SVG charts.")
    var charts: String

    @Option(help: "SHA-256 of the inputs as sha256sum writes them (computed here when not given).")
    var fingerprints: String?

    func run() throws {
        let status = Stage.run(name: "cluster-report") {
            try Files.checkOutputs([output], notAmong: [summary, fingerprints, inputs + "/run.conf", inputs + "/published.csv"])
            let reproduction = results + "/reproduction.csv"
            let data = try ReportData.load(
                inputDir: inputs, summary: summary, rejects: results + "/rejects.csv",
                survey: results + "/survey_items.csv", index: results + "/index_series.csv",
                panelLog: results + "/panel_log.csv", reproduction: Files.exists(reproduction) ? reproduction : nil,
                fingerprints: try ReportData.fingerprints(file: fingerprints))
            let published = inputs + "/published.csv"
            let order = Files.exists(published)
                ? try Ingest.published(published, file: "published.csv", settings: IngestSettings(), rejects: try RejectLog(writer: nil))
                    .rows.filter { $0.figure == "survey1" }.compactMap { Int($0.key) }
                : []
            try ReportStage.run(data: data, publishedOrder: order, reportPath: output, chartsDir: charts)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
