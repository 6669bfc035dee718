import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-index",
        abstract: "Index series (BASE_YEAR = 1) of the cluster panel and the benchmark (SPEC 3.2-3.3).",
        discussion: """
            Reads the panel (cluster-panel's output) from FILE or standard input and the levels
            of the benchmark series from --totals (cluster-correct's output), and writes
            index_series.csv (SPEC 1.2): per measure the series cluster (with its bootstrap
            interval, GSL mt19937 seeded with SEED), benchmark and benchmark_corrected, years
            ascending. A panel or totals file computed with another BASE_YEAR or MEASURES than
            --conf gives (their .settings files say) is refused (exit 64).

            Example (paste from the repository root):
              in=Inputs/fy2005; bin=.build/release
              $bin/cluster-ingest statements $in/statements.csv --industries $in/industries.csv \\
                  --participants $in/participants.csv \\
                | $bin/cluster-panel --participants $in/participants.csv --industries $in/industries.csv \\
                  --sme-criteria $in/sme_criteria.csv --conf $in/run.conf -o /tmp/panel.csv
              $bin/cluster-correct /tmp/panel.csv --benchmark $in/benchmark.csv --conf $in/run.conf -o /tmp/totals.csv
              $bin/cluster-index /tmp/panel.csv --totals /tmp/totals.csv --conf $in/run.conf
            """,
        version: PipelineVersion.shown)

    @Argument(help: "The panel (CSV, or cluster-panel's --work-file form); - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write index_series.csv here instead of standard output.")
    var output: String?

    @Option(help: "run.conf.")
    var conf: String

    @Option(help: "cluster-correct's output: the levels of the benchmark series.")
    var totals: String

    func run() throws {
        let status = Stage.run(name: "cluster-index") {
            try Files.checkOutputs([output], notAmong: [file, conf, totals])
            try IndexStage.run(panelPath: file, totalsPath: totals, config: try RunConfig.load(conf), outputPath: output)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
