import ArgumentParser
import CSVKit
import Formats
import StageCommands
import Stages
import Statistics

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
            is 0 whether or not every value matched (the report lists mismatches; the annual run's \
            STRICT_REPRODUCTION makes a mismatch exit 65).
            """,
            examples: [
                "# after cluster-index's and cluster-tabulate's examples",
                "cluster-compare Inputs/fy2005/published.csv \\",
                "  --survey /tmp/survey_items.csv --index /tmp/index_series.csv \\",
                "  -o /tmp/reproduction.csv",
            ]),
        version: PipelineVersion.shown)

    @OptionGroup var io: FilterOptions

    @Option(help: ArgumentHelp("survey_items.csv (for figure survey1). Without it, survey1's values have no computed value and do not match.", valueName: "FILE"),
            completion: .file())
    var survey: String?

    @Option(help: ArgumentHelp("index_series.csv (for figure survey2). Without it, survey2's values have no computed value and do not match.", valueName: "FILE"),
            completion: .file())
    var index: String?

    func run() throws {
        try StageHelp.run("cluster-compare") {
            try Files.checkOutputs([io.output], notAmong: [io.file, survey, index])
            let rows = try CompareStage.run(
                publishedPath: io.file, surveyPath: survey, indexPath: index, outputPath: io.output)
            if !io.quiet { Files.diagnose("cluster-compare: \(Reproduction.verdict(rows))") }
        }
    }
}
