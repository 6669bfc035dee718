import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

@main
struct ClusterIngest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-ingest",
        abstract: "Decode, validate and normalise the inputs of a survey year (SPEC 1.1).",
        discussion: """
            With KIND and FILE (or standard input), writes the normalised CSV to standard output
            (or -o) and the rejected records to --rejects. With --input-dir, ingests a whole input
            folder into --output-dir (one normalised CSV per input, rejects.csv, ingest_summary.csv).
            The row balance of each input goes to standard error. Exit 65 when an input's reject
            rate is above MAX_REJECT_RATE (after everything is written).

            KIND: sme_criteria, industries, participants, codebook, responses, statements,
            benchmark, published.

            Example (paste from the repository root):
              .build/release/cluster-ingest statements Inputs/fy2005/statements.csv \\
                  --industries Inputs/fy2005/industries.csv \\
                  --participants Inputs/fy2005/participants.csv --rejects /tmp/rejects.csv | head
            """,
        version: PipelineVersion.shown)

    @Flag(name: .shortAndLong, help: "Print errors only: no row balance, no advice.")
    var quiet = false

    @Argument(help: "The kind of input (omit with --input-dir).")
    var kind: String?

    @Argument(help: "The input file; - or nothing for standard input.")
    var file: String?

    @Option(name: .shortAndLong, help: "Write the normalised CSV here instead of standard output.")
    var output: String?

    @Option(help: "Write rejected records here (file,line,column,reason,value).")
    var rejects: String?

    @Option(help: "run.conf to take ENCODING and MAX_REJECT_RATE from.")
    var conf: String?

    @Option(help: "auto, utf-8 or cp932 (overrides run.conf).")
    var encoding: String?

    @Option(help: "The file name used in rejects and messages (default: FILE's name).")
    var label: String?

    @Option(help: "sme_criteria.csv, to check the sectors of industries.csv.")
    var smeCriteria: String?

    @Option(help: "industries.csv (needed for statements).")
    var industries: String?

    @Option(help: "participants.csv (or its participants.frame work file): the frame of responses; for statements, keep only its enterprises.")
    var participants: String?

    @Option(help: "codebook.csv (needed for responses).")
    var codebook: String?

    @Option(help: "Ingest this whole input folder (with --output-dir).")
    var inputDir: String?

    @Option(help: "Where --input-dir writes its normalised files.")
    var outputDir: String?

    @Flag(help: """
        With --input-dir: write participants and responses as binary work files \
        (participants.frame, responses.table) instead of CSV, for the later stages of one run \
        (the annual run); they are not an interface.
        """)
    var workFiles = false

    func validate() throws {
        if inputDir != nil || outputDir != nil {
            guard inputDir != nil, outputDir != nil, kind == nil else {
                throw ValidationError("--input-dir and --output-dir go together, without KIND")
            }
            return
        }
        if workFiles { throw ValidationError("--work-files goes with --input-dir") }
        guard let kind else { throw ValidationError("give KIND [FILE], or --input-dir DIR --output-dir DIR") }
        guard InputKind(argument: kind) != nil else {
            throw ValidationError("unknown KIND '\(kind)'")
        }
        if let encoding, EncodingChoice(name: encoding) == nil {
            throw ValidationError("--encoding must be auto, utf-8 or cp932")
        }
    }

    func run() throws {
        let status = Stage.run(name: "cluster-ingest") {
            let progress = Stage.progressReporter()
            try Files.checkOutputs([output, rejects], notAmong: [file, conf, smeCriteria, industries, participants, codebook])
            if let inputDir, let outputDir {
                let (reports, config) = try IngestStage.runFolder(
                    inputDir: inputDir, outputDir: outputDir, workFiles: workFiles, progress: progress)
                if !quiet { reports.flatMap(IngestStage.balanceLines).forEach { Files.diagnose("cluster-ingest: \($0)") } }
                try IngestStage.checkRejectRates(reports, limit: config.maxRejectRate)
                return
            }
            guard let kind, let inputKind = InputKind(argument: kind) else { return }
            var config = RunConfig()
            if let conf { config = try RunConfig.load(conf) }
            if let chosen = encoding.flatMap(EncodingChoice.init(name:)) { config.encoding = chosen }
            let label = self.label ?? file.map(Files.baseName) ?? inputKind.fileName
            let references = IngestStage.References(
                smeCriteria: smeCriteria, industries: industries, participants: participants, codebook: codebook)
            let report = try IngestStage.runFile(
                kind: inputKind, path: file, label: label, references: references, config: config, progress: progress,
                outputPath: output, rejectsPath: rejects)
            if !quiet { IngestStage.balanceLines(report).forEach { Files.diagnose("cluster-ingest: \($0)") } }
            try IngestStage.checkRejectRates([report], limit: config.maxRejectRate)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
