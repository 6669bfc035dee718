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
                "in=Inputs/fy2005 w=$(mktemp -d)",
                "cluster-ingest statements $in/statements.csv -q \\",
                "  --industries $in/industries.csv --participants $in/participants.csv |",
                "cluster-panel --conf $in/run.conf --participants $in/participants.csv \\",
                "  --industries $in/industries.csv --sme-criteria $in/sme_criteria.csv |",
                "cluster-correct --conf $in/run.conf --benchmark $in/benchmark.csv \\",
                "  -o $w/totals.csv",
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
