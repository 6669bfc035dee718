import ArgumentParser
import StageCommands
import Stages
import Formats
import Rules
import Values
import CSVKit

/// The annual run's output folder, kept safe (SPEC 7): what may be an OUTPUT_DIR, and the
/// atomic swap of a finished result for the previous one. Used by Pipelines/annual-run.sh.
@main
struct ClusterPublish: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-publish",
        abstract: "Check an annual run's output folder and swap a finished result into it (SPEC 7).",
        version: PipelineVersion.shown,
        subcommands: [Check.self, Encode.self, Swap.self])

    struct Check: StageCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refuse (exit 64) an OUTPUT_DIR that is, holds or lies inside INPUT_DIR, is a file, or is a non-empty folder without datapackage.json; print the folder the result will replace.",
            discussion: StageHelp.discussion(
                "The annual run calls it before it reads anything (SPEC 7.1).",
                examples: ["cluster-publish check Inputs/fy2005 /tmp/fy2005-run"]))

        @Argument(help: ArgumentHelp("The input folder of the run.", valueName: "INPUT_DIR"), completion: .directory)
        var input: String

        @Argument(help: ArgumentHelp("The output folder of the run.", valueName: "OUTPUT_DIR"), completion: .directory)
        var output: String

        func run() throws {
            try StageHelp.run("annual-run") {
                print(try OutputFolder.check(input: input, output: output))
            }
        }
    }

    struct Encode: StageCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrite finished CSV tables in run.conf's CSV_ENCODING (utf-8, utf-8-bom or cp932), in place.",
            discussion: StageHelp.discussion(
                """
                The annual run's step before datapackage.json (SPEC 1.1, CSV_ENCODING): the stages \
                write UTF-8; this gives the published tables a byte order mark or CP932 for Excel. \
                A character CP932 cannot hold is exit 65 naming the file, row and column; nothing \
                is written as '?'.
                """,
                examples: []))

        @Option(help: ArgumentHelp("run.conf (CSV_ENCODING).", valueName: "FILE"), completion: .file())
        var conf: String

        @Argument(help: ArgumentHelp("The CSV files to rewrite.", valueName: "CSV"), completion: .file())
        var files: [String] = []

        func run() throws {
            try StageHelp.run("annual-run") {
                let encoding = try RunConfig.load(conf).csvEncoding
                for file in files { try Transcoding.rewrite(file, to: encoding) }
            }
        }
    }

    struct Swap: StageCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the finished folder BUILD at OUTPUT in one system call (renameat2); the previous result, if any, is left at BUILD.",
            discussion: StageHelp.discussion(
                "The annual run's last step (SPEC 7.2): BUILD and OUTPUT must be on one file system.",
                examples: []))

        @Argument(help: ArgumentHelp("The finished result (beside OUTPUT, on the same file system).", valueName: "BUILD"), completion: .directory)
        var build: String

        @Argument(help: ArgumentHelp("The output folder.", valueName: "OUTPUT"), completion: .directory)
        var output: String

        func run() throws {
            try StageHelp.run("annual-run") { try OutputFolder.publish(build: build, output: output) }
        }
    }
}
