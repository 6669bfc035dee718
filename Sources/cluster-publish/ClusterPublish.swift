import ArgumentParser
import StageCommands
import Stages

/// What follows a finished run: its tables in CSV_ENCODING, its disclosure audit gathered
/// (cluster-annual-run calls `audit`), its public files released (SPEC 11).
@main
struct ClusterPublish: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-publish",
        abstract: "Rewrite finished tables in CSV_ENCODING, gather an annual run's disclosure audit and release its public files (SPEC 11).",
        version: PipelineVersion.shown,
        subcommands: [Encode.self, Audit.self, Release.self])

    struct Audit: StageCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gather the disclosure audits of cluster-index and cluster-tabulate (--audit) into one disclosure_audit.csv; exit 65 naming the first withheld cell that can be worked out.",
            discussion: StageHelp.discussion(
                "The annual run's step after the tables (SPEC 11).",
                examples: [
                    "# the --audit files of cluster-index and cluster-tabulate",
                    "cluster-publish audit index_audit.csv survey_audit.csv -o disclosure_audit.csv",
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
                examples: ["cluster-publish release Outputs/fy2005 \"$(mktemp -d)/fy2005-web\""]))

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
            try StageHelp.run("cluster-publish") {
                let encoding = try RunConfig.load(conf).csvEncoding
                for file in files { try Transcoding.rewrite(file, to: encoding, label: Files.baseName(file)) }
            }
        }
    }
}
