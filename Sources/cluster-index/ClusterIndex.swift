import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterIndex: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-index",
        abstract: "Index series (BASE_YEAR = 1) of the cluster panel and the benchmark (SPEC 3.2-3.3).",
        discussion: StageHelp.discussion(
            """
            Reads the panel (cluster-panel's output) from FILE or standard input and the levels \
            of the benchmark series from --totals (cluster-correct's output), and writes \
            index_series.csv (SPEC 1.2): per measure the series cluster (with its bootstrap \
            interval, BOOTSTRAP resamples drawn with GSL's mt19937 seeded with SEED), benchmark and \
            benchmark_corrected, years ascending; indices are ratios to BASE_YEAR (no unit). A \
            panel or totals file computed with another BASE_YEAR or MEASURES than --conf gives \
            (their .settings files say) is refused (exit 64).
            """,
            examples: [
                "in=Inputs/fy2005 w=$(mktemp -d)",
                "cluster-ingest statements $in/statements.csv -q \\",
                "  --industries $in/industries.csv --participants $in/participants.csv |",
                "cluster-panel --conf $in/run.conf --participants $in/participants.csv \\",
                "  --industries $in/industries.csv --sme-criteria $in/sme_criteria.csv \\",
                "  -o $w/panel.csv",
                "cluster-correct $w/panel.csv --conf $in/run.conf \\",
                "  --benchmark $in/benchmark.csv -o $w/totals.csv",
                "cluster-index $w/panel.csv --conf $in/run.conf \\",
                "  --totals $w/totals.csv -o $w/index_series.csv",
            ]),
        version: PipelineVersion.shown)

    @OptionGroup var io: FilterOptions

    @OptionGroup var settings: ConfOption

    @Option(help: ArgumentHelp("cluster-correct's output: the levels of the benchmark series.", valueName: "FILE"),
            completion: .file())
    var totals: String

    @Option(
        help: ArgumentHelp(
            "Also write index_by_project.csv (SPEC 10): both series per cluster project, with disclosure control; needs --participants and --benchmark.",
            valueName: "FILE"),
        completion: .file())
    var byProject: String?

    @Option(
        help: ArgumentHelp("participants.csv or ingest's participants.frame (each member's project), for --by-project.", valueName: "FILE"),
        completion: .file())
    var participants: String?

    @Option(help: ArgumentHelp("benchmark.csv (each category's levels), for --by-project.", valueName: "FILE"), completion: .file())
    var benchmark: String?

    @Option(
        help: ArgumentHelp(
            "Also write the disclosure audit (SPEC 11): every withheld cell of both tables with the interval an intruder can derive.",
            valueName: "FILE"),
        completion: .file())
    var audit: String?

    func validate() throws {
        if byProject != nil && (participants == nil || benchmark == nil) {
            throw ValidationError("--by-project needs --participants and --benchmark")
        }
        if byProject == nil && (participants != nil || benchmark != nil) {
            throw ValidationError("--participants and --benchmark are read only with --by-project")
        }
    }

    func run() throws {
        try StageHelp.run("cluster-index") {
            try Files.checkOutputs([io.output, byProject, audit], notAmong: [io.file, settings.conf, totals, participants, benchmark])
            io.announceStandardInput("cluster-index")
            var projects: IndexStage.ByProject?
            if let byProject, let participants, let benchmark {
                projects = IndexStage.ByProject(outputPath: byProject, participantsPath: participants, benchmarkPath: benchmark)
            }
            try IndexStage.run(
                panelPath: io.file, totalsPath: totals, config: try settings.load(), outputPath: io.output,
                byProject: projects, auditPath: audit)
        }
    }
}
