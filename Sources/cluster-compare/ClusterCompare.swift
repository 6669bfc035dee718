import ArgumentParser
import Stages
import Statistics
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-compare",
        abstract: "Compare published chart values with the computed ones (reproduction.csv, SPEC 1.2).",
        discussion: """
            Reads published.csv (FILE or standard input) and writes reproduction.csv: each value
            beside the computed one rounded half away from zero to the published decimals, and
            match yes/no, in published order. The verdict goes to standard error; the exit status
            is 0 whether or not every value matched (the report lists mismatches).

            Example (paste from the repository root, after an annual run):
              .build/release/cluster-compare Inputs/fy2005/published.csv \\
                  --survey Outputs/fy2005/survey_items.csv --index Outputs/fy2005/index_series.csv
            """,
        version: PipelineVersion.shown)

    @Flag(name: .shortAndLong, help: "Print errors only: no verdict line.")
    var quiet = false

    @Argument(help: "published.csv; - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write reproduction.csv here instead of standard output.")
    var output: String?

    @Option(help: "survey_items.csv (for figure survey1).")
    var survey: String?

    @Option(help: "index_series.csv (for figure survey2).")
    var index: String?

    func run() throws {
        let status = Stage.run(name: "cluster-compare") {
            try Files.checkOutputs([output], notAmong: [file, survey, index])
            let rows = try CompareStage.run(publishedPath: file, surveyPath: survey, indexPath: index, outputPath: output)
            if !quiet { Files.diagnose("cluster-compare: \(Reproduction.verdict(rows))") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
