import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterExplain: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-explain",
        abstract: "What happened to one enterprise from ingest to panel (SPEC 10).",
        discussion: StageHelp.discussion(
            """
            Reads a run's input folder with the run's rules and settings (run.conf) and prints, \
            for the corporate number ID: its records in participants.csv, responses.csv and \
            statements.csv by line, each kept, merged, dropped (a later submission won) or \
            rejected with the reason and column rejects.csv gives; differing 12-month \
            statements of a fiscal year; and its panel reason per measure (as \
            panel_members.csv). With --results, the run's panel_members.csv is read too and \
            any difference is named (results made from other inputs or settings).
            """,
            examples: [
                "# checked against the shipped result (or a run's OUTPUT_DIR)",
                "cluster-explain 1100177427541 --input-dir Inputs/fy2005 \\",
                "  --results Outputs/fy2005",
            ]),
        version: PipelineVersion.shown)

    @Argument(help: ArgumentHelp("The enterprise's corporate number (13 digits, full-width accepted; a wrong check digit is explained too).", valueName: "ID"))
    var id: String

    @Option(help: ArgumentHelp("The run's input folder (run.conf and the CSV files).", valueName: "DIR"), completion: .directory)
    var inputDir: String

    @Option(
        help: ArgumentHelp("An annual run's OUTPUT_DIR to compare with (its panel_members.csv). (default: none)", valueName: "DIR"),
        completion: .directory)
    var results: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the explanation to FILE. (default: standard output)", valueName: "FILE"),
            completion: .file())
    var output: String?

    func validate() throws {
        guard CorporateNumber.digits(ArraySlice(id.utf8)) != nil else {
            throw ValidationError("'\(id)' is not a corporate number: 13 digits (SPEC 1.1)")
        }
    }

    func run() throws {
        try StageHelp.run("cluster-explain") {
            try Files.checkOutputs([output], notAmong: [inputDir + "/run.conf"])
            guard let digits = CorporateNumber.digits(ArraySlice(id.utf8)) else { return }
            let lines = try ExplainStage.run(digits: digits, inputDir: inputDir, results: results)
            let out = try CSVWriter(path: output)
            try out.raw(Array((lines.joined(separator: "\n") + "\n").utf8))
            try out.close()
        }
    }
}
