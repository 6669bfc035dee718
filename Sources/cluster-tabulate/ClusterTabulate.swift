import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterTabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-tabulate",
        abstract: "Monitoring Survey 1: percentage of each item of each multi question (SPEC 3.1).",
        discussion: """
            Reads responses (normalised by cluster-ingest, or raw) from FILE or standard input and
            writes survey_items.csv (SPEC 1.2): domain all, then one domain per project in
            code-point order; questions and items in codebook order. Weights from the weight
            column; CI_METHOD and CONFIDENCE from run.conf.

            Example (paste from the repository root):
              in=Inputs/fy2005; bin=.build/release
              $bin/cluster-ingest responses $in/responses.csv --codebook $in/codebook.csv \\
                  --participants $in/participants.csv \\
                | $bin/cluster-tabulate --codebook $in/codebook.csv --participants $in/participants.csv \\
                  --conf $in/run.conf | head
            """,
        version: PipelineVersion.shown)

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Argument(help: "Responses (CSV, or ingest's responses.table work file); - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write survey_items.csv here instead of standard output.")
    var output: String?

    @Option(help: "run.conf (CONFIDENCE, CI_METHOD).")
    var conf: String

    @Option(help: "codebook.csv.")
    var codebook: String

    @Option(help: "participants.csv (the frame and the projects), or ingest's participants.frame work file.")
    var participants: String

    func run() throws {
        let status = Stage.run(name: "cluster-tabulate") {
            try Files.checkOutputs([output], notAmong: [file, conf, codebook, participants])
            let config = try RunConfig.load(conf)
            let (_, report) = try TabulateStage.run(
                responsesPath: file, label: file.map(Files.baseName) ?? "responses.csv", codebookPath: codebook,
                participantsPath: participants, config: config, outputPath: output)
            if report.balance.rejected > 0 && !quiet {
                Files.diagnose(
                    "cluster-tabulate: \(report.balance.rejected) responses rejected and left out; cluster-ingest lists them")
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
