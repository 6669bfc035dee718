import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterCompare: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-compare",
        abstract: "Compare published chart values with the computed ones (reproduction.csv, SPEC 1.2).",
        discussion: StageHelp.discussion(
            """
            Reads published.csv (FILE or standard input) and writes reproduction.csv: each value \
            beside the computed one rounded half away from zero to the published decimals, and \
            match yes/no, in published order. The verdict goes to standard error; the exit status \
            is 0 whether or not every value matched (the report lists mismatches), unless \
            STRICT_REPRODUCTION=yes in --conf or --strict: then a value not reproduced, or one that \
            does not read, is exit 65, after reproduction.csv is written, naming the first five.
            """,
            examples: [
                "# the shipped result's tables (or cluster-index's and cluster-tabulate's)",
                "w=$(mktemp -d)",
                "cluster-compare Inputs/fy2005/published.csv \\",
                "  --survey Outputs/fy2005/survey_items.csv \\",
                "  --index Outputs/fy2005/index_series.csv -o $w/reproduction.csv",
            ]),
        version: PipelineVersion.shown)

    @OptionGroup var io: FilterOptions

    @Option(help: ArgumentHelp("survey_items.csv (for figure survey1). Without it, survey1's values have no computed value and do not match.", valueName: "FILE"),
            completion: .file())
    var survey: String?

    @Option(help: ArgumentHelp("index_series.csv (for figure survey2). Without it, survey2's values have no computed value and do not match.", valueName: "FILE"),
            completion: .file())
    var index: String?

    @Option(help: ArgumentHelp("run.conf, for STRICT_REPRODUCTION and ENCODING. (default: no, auto)", valueName: "FILE"), completion: .file())
    var conf: String?

    @Flag(help: "Exit 65 when a published value is not reproduced or does not read (STRICT_REPRODUCTION=yes).")
    var strict = false

    @Option(help: ArgumentHelp("Also write the verdict here: published,reproduced,unreadable,strict,outcome (one row; the annual run reads it). (default: not written)", valueName: "FILE"),
            completion: .file())
    var verdict: String?

    func run() throws {
        try StageHelp.run("cluster-compare") {
            try Files.checkOutputs([io.output, verdict], notAmong: [io.file, survey, index, conf])
            io.announceStandardInput("cluster-compare")
            let config = try conf.map(RunConfig.load)
            let strict = self.strict || (config?.strictReproduction ?? false)
            let (rows, unreadable) = try CompareStage.run(
                publishedPath: io.file, surveyPath: survey, indexPath: index, outputPath: io.output, strict: strict,
                verdictPath: verdict, encoding: config?.encoding ?? .auto)
            if !io.quiet {
                for r in unreadable { Files.diagnose("cluster-compare: \(Reproduction.describeUnreadable(r))") }
                let note = unreadable.isEmpty ? "" : " (\(unreadable.count) more did not read)"
                Files.diagnose("cluster-compare: \(Reproduction.verdict(rows))\(note)")
            }
        }
    }
}
