import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterCorrect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-correct",
        abstract: "Correct the national statistics to the panel's industry mix (SPEC 3.3).",
        discussion: """
            Reads the panel (cluster-panel's output) from FILE or standard input and writes the
            levels of the benchmark and benchmark_corrected series as
            series,measure,year,enterprises,total (cluster-index --totals reads them).

            Example (paste from the repository root, after cluster-panel wrote /tmp/panel.csv):
              .build/release/cluster-correct /tmp/panel.csv --benchmark Inputs/fy2005/benchmark.csv \\
                  --conf Inputs/fy2005/run.conf
            """,
        version: PipelineVersion.shown)

    @Argument(help: "The panel (CSV, or cluster-panel's --work-file form); - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write the totals here instead of standard output.")
    var output: String?

    @Option(help: "run.conf.")
    var conf: String

    @Option(help: "benchmark.csv (raw or normalised).")
    var benchmark: String

    func run() throws {
        let status = Stage.run(name: "cluster-correct") {
            try Files.checkOutputs([output], notAmong: [file, conf, benchmark])
            try CorrectStage.run(
                panelPath: file, benchmarkPath: benchmark, config: try RunConfig.load(conf), outputPath: output)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
