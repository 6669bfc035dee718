import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterAnnualRun: AsyncStageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-annual-run",
        abstract: "Run every stage for one survey year: INPUT_DIR in, OUTPUT_DIR replaced whole (SPEC 1, 7).",
        discussion: StageHelp.discussion(
            """
            Runs cluster-ingest, then cluster-tabulate beside cluster-panel, cluster-correct \
            and cluster-index, then the disclosure audit (cluster-publish audit), \
            cluster-compare (when INPUT_DIR has published.csv), cluster-report and \
            cluster-package, each as its own process, found beside this command (or in \
            CLUSTER_BIN). The settings are INPUT_DIR/run.conf's (SPEC 1.1).

            OUTPUT_DIR is new, empty, or a previous result of this pipeline (its \
            datapackage.json lists every file it holds); anything else is refused (exit 64) \
            before a file is read, as is an input that is a FIFO, a device or a folder (exit \
            66). The result is built beside OUTPUT_DIR and replaces it in one system call; a \
            second run into the same folder exits 75 at once. A failed run leaves OUTPUT_DIR \
            as it was and puts what it wrote (rejects, row balances, a report of the inputs, \
            the tables made) in OUTPUT_DIR.failed/; a folder of that name the pipeline did \
            not make is refused at the start. The exit status is the failed stage's.
            """,
            examples: [
                "w=$(mktemp -d)   # a folder of your own for the results",
                "cluster-annual-run Inputs/fy2005 $w/fy2005",
                "cluster-annual-run -q Inputs/fy2005 $w/fy2005 && echo published",
                "cluster-annual-run -- Inputs/fy2005 -odd-name   # a folder named -odd-name",
            ]),
        version: StageHelp.version)

    @Flag(name: .shortAndLong, help: "Print errors only: no counts, no advice, no progress.")
    var quiet = false

    @Argument(help: ArgumentHelp("The survey year's input folder (SPEC 1.1).", valueName: "INPUT_DIR"), completion: .directory)
    var input: String

    @Argument(
        help: ArgumentHelp("The output folder: new, empty, or a previous result of this pipeline (SPEC 7).", valueName: "OUTPUT_DIR"),
        completion: .directory)
    var output: String

    func validate() throws {
        if input.isEmpty || output.isEmpty { throw ValidationError("INPUT_DIR and OUTPUT_DIR must not be empty") }
    }

    /// `cluster-annual-run --commands`: the commands the product installs, one per line (for
    /// install.sh and check-install.sh; not in the help).
    static func main() async {
        if Array(CommandLine.arguments.dropFirst()) == ["--commands"] {
            print(Commands.all.joined(separator: "\n"))
            return
        }
        await mainRunningStages()
    }

    func run() async throws {
        try await StageHelp.run(AnnualRun.name) {
            guard let stages = RunEnvironment.stagesFolder else {
                throw RunEnvironment.noStagesFolder
            }
            try await AnnualRun.run(
                AnnualRun.Options(
                    input: input, output: output, quiet: quiet, stages: stages, timing: RunEnvironment.timingFile))
        }
    }
}
