import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterPackage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-package",
        abstract: "Write datapackage.json for a run folder: outputs with hashes and schemas, inputs, settings (SPEC 8).",
        discussion: """
            Describes every file under --results (a resource per file; each output CSV with its
            Table Schema), the inputs listed in --summary plus run.conf (SHA-256, bytes, encoding,
            row balance), every setting of run.conf with defaults, and the pipeline's version.
            The result passes `frictionless validate`.

            Example (after an annual run into Outputs/fy2005):
              .build/release/cluster-package --results Outputs/fy2005 --inputs Inputs/fy2005 \\
                  --summary /tmp/work/ingest_summary.csv -o /tmp/datapackage.json
            """,
        version: PipelineVersion.shown)

    @Option(help: "The run folder to describe.")
    var results: String

    @Option(help: "The input folder (run.conf, and the inputs when --fingerprints is not given).")
    var inputs: String

    @Option(help: "ingest_summary.csv of cluster-ingest --input-dir.")
    var summary: String

    @Option(help: "SHA-256 of the inputs as sha256sum writes them (computed here when not given).")
    var fingerprints: String?

    @Option(help: "The source commit the stages were built from.")
    var commit: String?

    @Option(name: .shortAndLong, help: "Where datapackage.json goes.")
    var output: String

    func run() throws {
        let status = Stage.run(name: "cluster-package") {
            try Files.checkOutputs([output], notAmong: [summary, fingerprints, inputs + "/run.conf"])
            try PackageStage.run(
                results: results, summary: summary, inputDir: inputs,
                fingerprints: try ReportData.fingerprints(file: fingerprints), commit: commit,
                outputPath: output)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
