import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterPackage: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-package",
        abstract: "Write datapackage.json for a run folder: outputs with hashes and schemas, inputs, settings (SPEC 8).",
        discussion: StageHelp.discussion(
            """
            Describes every file under --results (a resource per file; each output CSV with its \
            Table Schema), the inputs listed in --summary plus run.conf (SHA-256, bytes, encoding, \
            row balance), every setting of run.conf with defaults, and the pipeline's version and \
            source commit. The result passes `frictionless validate`.
            """,
            examples: [
                "w=$(mktemp -d)",
                "cluster-ingest --input-dir Inputs/fy2005 --output-dir $w/ingested -q",
                "cluster-package --results Outputs/fy2005 --inputs Inputs/fy2005 \\",
                "  --summary $w/ingested/ingest_summary.csv -o $w/datapackage.json",
            ]),
        version: PipelineVersion.shown)

    @Option(help: ArgumentHelp("The run folder to describe.", valueName: "DIR"), completion: .directory)
    var results: String

    @Option(help: ArgumentHelp("The input folder (run.conf, and the inputs when --fingerprints is not given).", valueName: "DIR"),
            completion: .directory)
    var inputs: String

    @Option(help: ArgumentHelp("ingest_summary.csv of cluster-ingest --input-dir.", valueName: "FILE"), completion: .file())
    var summary: String

    @Option(help: ArgumentHelp("SHA-256 of the inputs as sha256sum writes them. (default: computed here)", valueName: "FILE"),
            completion: .file())
    var fingerprints: String?

    @Option(
        help: ArgumentHelp(
            "SHA-256 of the results' files as sha256sum writes them inside --results (charts/survey1.svg). (default: computed here)",
            valueName: "FILE"),
        completion: .file())
    var digests: String?

    @Option(help: ArgumentHelp("The source commit to record. (default: the one the stages were built from, if known)", valueName: "SHA"))
    var commit: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where datapackage.json goes.", valueName: "FILE"), completion: .file())
    var output: String

    func run() throws {
        try StageHelp.run("cluster-package") {
            try Files.checkOutputs([output], notAmong: [summary, fingerprints, digests, inputs + "/run.conf"])
            try PackageStage.run(
                results: results, summary: summary, inputDir: inputs,
                fingerprints: try ReportData.fingerprints(file: fingerprints),
                commit: commit ?? (PipelineVersion.commit.isEmpty ? nil : PipelineVersion.commit), outputPath: output,
                digests: try ReportData.digests(file: digests))
        }
    }
}
