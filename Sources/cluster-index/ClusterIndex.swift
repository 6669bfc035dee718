import ArgumentParser
import ClusterMonitor

@main
struct ClusterIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-index",
        abstract: "Index series (BASE_YEAR = 1) of the cluster panel and the benchmark (SPEC 3.2-3.3).",
        discussion: """
            Reads the panel (cluster-panel's output) from FILE or standard input and writes
            index_series.csv (SPEC 1.2): per measure the series cluster (with its bootstrap
            interval, GSL mt19937 seeded with SEED), benchmark and benchmark_corrected, years
            ascending. The benchmark series come from --benchmark (corrected here) or from
            --totals (cluster-correct's output): both give the same bytes.

            Example (paste from the repository root):
              in=Inputs/fy2005; bin=.build/release
              $bin/cluster-ingest statements $in/statements.csv --industries $in/industries.csv \\
                  --participants $in/participants.csv \\
                | $bin/cluster-panel --participants $in/participants.csv --industries $in/industries.csv \\
                  --sme-criteria $in/sme_criteria.csv --conf $in/run.conf \\
                | $bin/cluster-index --benchmark $in/benchmark.csv --conf $in/run.conf
            """)

    @Argument(help: "The panel; - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write index_series.csv here instead of standard output.")
    var output: String?

    @Option(help: "run.conf.")
    var conf: String

    @Option(help: "benchmark.csv, to compute the benchmark series here.")
    var benchmark: String?

    @Option(help: "cluster-correct's output, instead of --benchmark.")
    var totals: String?

    func validate() throws {
        guard (benchmark == nil) != (totals == nil) else {
            throw ValidationError("give exactly one of --benchmark and --totals")
        }
    }

    func run() throws {
        let status = Stage.run(name: "cluster-index") {
            try Files.checkOutputs([output], notAmong: [file, conf, benchmark, totals])
            let config = try RunConfig.load(conf)
            let panels = try PanelCSV.read(file, file: file.map(Files.baseName) ?? "<stdin>", config: config)
            let benchmarkSeries =
                try totals.map { try IndexCSV.readTotals($0, file: Files.baseName($0), config: config) }
                ?? IndexStage.benchmarkSeries(panels: panels, benchmarkPath: benchmark ?? "", config: config)
            let series = try IndexStage.allSeries(panels: panels, benchmark: benchmarkSeries, config: config)
            let out = try CSVWriter(path: output)
            try IndexCSV.write(series, to: out)
            try out.close()
        }
        if status != 0 { throw ExitCode(status) }
    }
}
