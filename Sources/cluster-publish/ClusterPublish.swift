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
        abstract: "Check an annual run's output folder, swap a finished result into it (SPEC 7), gather its disclosure audit and release its public files (SPEC 11).",
        version: PipelineVersion.shown,
        subcommands: [Check.self, Encode.self, Swap.self, Audit.self, Release.self])

    struct Audit: StageCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gather the disclosure audits of cluster-index and cluster-tabulate (--audit) into one disclosure_audit.csv; exit 65 naming the first withheld cell that can be worked out.",
            discussion: StageHelp.discussion(
                "The annual run's step after the tables (SPEC 11).",
                examples: [
                    "cluster-publish audit /tmp/index_audit.csv /tmp/survey_audit.csv -o /tmp/disclosure_audit.csv"
                ]))

        @Argument(help: ArgumentHelp("The audit tables, in order.", valueName: "AUDIT"), completion: .file())
        var parts: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write disclosure_audit.csv (default: standard output).", valueName: "FILE"),
                completion: .file())
        var output: String?

        func run() throws {
            try StageHelp.run("cluster-publish") {
                try Files.checkOutputs([output], notAmong: parts)
                try ReleaseStage.gatherAudit(parts, outputPath: output)
            }
        }
    }

    struct Release: StageCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the public files of a finished result to the new folder DEST, with a data package listing only them (SPEC 11).",
            discussion: StageHelp.discussion(
                """
                Public: survey_items.csv, survey_single.csv, index_series.csv, \
                index_by_project.csv, panel_log.csv, reproduction.csv, charts/, tables.xlsx and \
                datapackage.json (its confidential resources left out). Confidential, never \
                copied: weights.csv, panel_members.csv, rejects.csv, disclosure_audit.csv, \
                report.txt. Refused (exit 65) when the result has no disclosure audit, the audit \
                found a withheld cell that can be worked out, or a public file changed since \
                the run (its SHA-256 differs from the data package's); DEST must not exist \
                (exit 64). DEST appears whole or not at all.
                """,
                examples: ["cluster-publish release /tmp/fy2005-run /tmp/fy2005-web"]))

        @Argument(help: ArgumentHelp("A finished result of the annual run.", valueName: "OUTPUT_DIR"), completion: .directory)
        var results: String

        @Argument(help: ArgumentHelp("The new folder for the release set.", valueName: "DEST"), completion: .directory)
        var destination: String

        func run() throws {
            try StageHelp.run("cluster-publish") {
                let files = try ReleaseStage.release(results: results, destination: destination)
                Files.diagnose("cluster-publish: released \(files.count) public files to \(destination)")
            }
        }
    }

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
