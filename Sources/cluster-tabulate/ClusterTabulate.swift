import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterTabulate: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-tabulate",
        abstract: "Monitoring Survey 1: percentage of each item of each multi question (SPEC 3.1).",
        discussion: StageHelp.discussion(
            """
            Reads responses (normalised by cluster-ingest, or raw) from FILE or standard input and \
            writes survey_items.csv (SPEC 1.2): domain all, then one domain per project in \
            code-point order; questions and items in codebook order; percentages 0-100; the \
            status column flags a small base (SPEC 9: MIN_BASE, RELIABLE_N). Weights from the \
            weight column, raked to the frame when run.conf sets CALIBRATE; CI_METHOD and \
            CONFIDENCE from run.conf.
            """,
            examples: [
                "in=Inputs/fy2005 w=$(mktemp -d)",
                "cluster-ingest responses $in/responses.csv -q --codebook $in/codebook.csv \\",
                "  --participants $in/participants.csv |",
                "cluster-tabulate --conf $in/run.conf --codebook $in/codebook.csv \\",
                "  --participants $in/participants.csv -o $w/survey_items.csv",
            ]),
        version: PipelineVersion.shown)

    @OptionGroup var io: FilterOptions

    @OptionGroup var settings: ConfOption

    @Option(help: ArgumentHelp("codebook.csv.", valueName: "FILE"), completion: .file())
    var codebook: String

    @Option(help: ArgumentHelp("participants.csv (the frame and the projects), or ingest's participants.frame work file.", valueName: "FILE"),
            completion: .file())
    var participants: String

    @Option(
        help: ArgumentHelp("Also write survey_single.csv (SPEC 9): every single question per domain.", valueName: "FILE"),
        completion: .file())
    var single: String?

    @Option(
        help: ArgumentHelp(
            "Also write weights.csv (SPEC 9): each respondent's weight and calibrated weight (only when run.conf sets CALIBRATE).",
            valueName: "FILE"),
        completion: .file())
    var weights: String?

    @Option(
        help: ArgumentHelp(
            "Also write the disclosure audit of both tables (SPEC 11): every withheld cell with the interval an intruder can derive.",
            valueName: "FILE"),
        completion: .file())
    var audit: String?

    func run() throws {
        try StageHelp.run("cluster-tabulate") {
            try Files.checkOutputs([io.output, single, weights, audit], notAmong: [io.file, settings.conf, codebook, participants])
            io.announceStandardInput("cluster-tabulate")
            let (_, report) = try TabulateStage.run(
                responsesPath: io.file, label: io.label("responses.csv"), codebookPath: codebook,
                participantsPath: participants, config: try settings.load(), outputPath: io.output, singlePath: single,
                weightsPath: weights, auditPath: audit)
            if report.balance.rejected > 0 && !io.quiet {
                Files.diagnose(
                    "cluster-tabulate: \(report.balance.rejected) responses rejected and left out; cluster-ingest lists them")
            }
        }
    }
}
