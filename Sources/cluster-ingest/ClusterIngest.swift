import ArgumentParser
import StageCommands
import Stages

@main
struct ClusterIngest: StageCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-ingest",
        abstract: "Decode, validate and normalise the inputs of a survey year (SPEC 1.1).",
        discussion: StageHelp.discussion(
            """
            With KIND and FILE (or standard input), writes the normalised CSV to standard output \
            (or -o) and the rejected records to --rejects. With --input-dir, ingests a whole input \
            folder into --output-dir (one normalised CSV per input, rejects.csv, ingest_summary.csv). \
            The row balance of each input goes to standard error. Exit 65 when an input's reject \
            rate is above MAX_REJECT_RATE (after everything is written).
            """,
            examples: [
                "w=$(mktemp -d)   # a folder of your own for the results",
                "cluster-ingest statements Inputs/fy2005/statements.csv \\",
                "  --industries Inputs/fy2005/industries.csv \\",
                "  --participants Inputs/fy2005/participants.csv \\",
                "  --rejects $w/rejects.csv -o $w/statements.csv",
                "cluster-ingest --input-dir Inputs/fy2005 --output-dir $w/ingested",
            ]),
        version: PipelineVersion.shown)

    @Argument(help: ArgumentHelp("The kind of input (omit with --input-dir).", valueName: "KIND"))
    var kind: InputKind?

    @OptionGroup var io: FilterOptions

    @Option(help: ArgumentHelp("Write rejected records to FILE (file,line,column,reason,value). (default: not written; the row balance still counts them)", valueName: "FILE"),
            completion: .file())
    var rejects: String?

    @Option(help: ArgumentHelp("run.conf to take ENCODING and MAX_REJECT_RATE from (default: their defaults, auto and 0.05).", valueName: "FILE"),
            completion: .file())
    var conf: String?

    @Option(help: ArgumentHelp("The input's encoding; overrides run.conf's ENCODING. (default: run.conf's, else auto)", valueName: "ENCODING"))
    var encoding: EncodingChoice?

    @Option(help: ArgumentHelp("The file name used in rejects and messages. (default: FILE's name, or KIND.csv for standard input)", valueName: "NAME"))
    var label: String?

    @Option(help: ArgumentHelp("sme_criteria.csv, to check the sectors of industries.csv. (default: sectors not checked)", valueName: "FILE"), completion: .file())
    var smeCriteria: String?

    @Option(help: ArgumentHelp("industries.csv (needed for statements).", valueName: "FILE"), completion: .file())
    var industries: String?

    @Option(help: ArgumentHelp("participants.csv (or its participants.frame work file): the frame of responses; for statements, keep only its enterprises. (default: statements of every enterprise kept)", valueName: "FILE"),
            completion: .file())
    var participants: String?

    @Option(help: ArgumentHelp("codebook.csv (needed for responses).", valueName: "FILE"), completion: .file())
    var codebook: String?

    @Option(help: ArgumentHelp("Ingest this whole input folder (with --output-dir).", valueName: "DIR"), completion: .directory)
    var inputDir: String?

    @Option(help: ArgumentHelp("Where --input-dir writes its normalised files (created if missing).", valueName: "DIR"), completion: .directory)
    var outputDir: String?

    @Flag(help: """
        With --input-dir: write participants and responses as binary work files \
        (participants.frame, responses.table) instead of CSV, for the later stages of one run \
        (the annual run); they are not an interface.
        """)
    var workFiles = false

    func validate() throws {
        if inputDir != nil || outputDir != nil {
            guard inputDir != nil, outputDir != nil, kind == nil, io.file == nil else {
                throw ValidationError("--input-dir and --output-dir go together, without KIND or FILE")
            }
            return
        }
        if workFiles { throw ValidationError("--work-files goes with --input-dir") }
        guard kind != nil else { throw ValidationError("give KIND [FILE], or --input-dir DIR --output-dir DIR") }
    }

    func run() throws {
        try StageHelp.run("cluster-ingest") {
            let progress = io.quiet ? nil : Stage.progressLine(stage: "cluster-ingest")
            try Files.checkOutputs(
                [io.output, rejects], notAmong: [io.file, conf, smeCriteria, industries, participants, codebook])
            if let inputDir, let outputDir {
                progress?.files(in: inputDir)
                let (reports, config, categories) = try IngestStage.runFolder(
                    inputDir: inputDir, outputDir: outputDir, workFiles: workFiles, progress: progress?.callback)
                progress?.clear()
                if !io.quiet {
                    reports.flatMap(IngestStage.balanceLines).forEach { Files.diagnose("cluster-ingest: \($0)") }
                }
                // Named as the run's output folder holds it (an annual run's own folder is
                // renamed before anyone reads it).
                try IngestStage.checkRejectRates(
                    reports, limit: config.maxRejectRate, rejects: "rejects.csv in the output folder", exclusions: (config, categories))
                return
            }
            guard let kind else { return }
            var config = RunConfig()
            if let conf { config = try RunConfig.load(conf) }
            if let encoding { config.encoding = encoding }
            let label = self.label ?? io.label(kind.fileName)
            let references = IngestStage.References(
                smeCriteria: smeCriteria, industries: industries, participants: participants, codebook: codebook)
            io.announceStandardInput("cluster-ingest")
            progress?.file(label, at: io.file)
            let report = try IngestStage.runFile(
                kind: kind, path: io.file, label: label, references: references, config: config,
                progress: progress?.callback, outputPath: io.output, rejectsPath: rejects)
            progress?.clear()
            if !io.quiet { IngestStage.balanceLines(report).forEach { Files.diagnose("cluster-ingest: \($0)") } }
            try IngestStage.checkRejectRates([report], limit: config.maxRejectRate, rejects: rejects)
        }
    }
}
