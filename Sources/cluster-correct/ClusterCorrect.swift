import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterCorrect: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-correct",
        abstract: "Correct the national statistics to the panel's industry mix (SPEC 3.3).",
        discussion: StageHelp.discussion(
            """
            Reads the panel (cluster-panel's output) from FILE or standard input and writes the \
            levels of the benchmark and benchmark_corrected series as \
            series,measure,year,enterprises,total (thousand yen, or persons for employees), which \
            cluster-index --totals reads.
            """,
            examples: [
                "# after cluster-panel's example",
                "cluster-correct /tmp/panel.csv --conf Inputs/fy2005/run.conf \\",
                "  --benchmark Inputs/fy2005/benchmark.csv -o /tmp/totals.csv",
            ]),
        version: PipelineVersion.shown)

    @OptionGroup var io: FilterOptions

    @OptionGroup var settings: ConfOption

    @Option(help: ArgumentHelp("benchmark.csv (raw or normalised).", valueName: "FILE"), completion: .file())
    var benchmark: String

    func run() throws {
        try StageHelp.run("cluster-correct") {
            try Files.checkOutputs([io.output], notAmong: [io.file, settings.conf, benchmark])
            io.announceStandardInput("cluster-correct")
            try CorrectStage.run(
                panelPath: io.file, benchmarkPath: benchmark, config: try settings.load(), outputPath: io.output)
        }
    }
}
