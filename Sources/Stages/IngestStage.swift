import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The ingest stage as the executable runs it: one file, or a whole input folder.
public enum IngestStage {
    /// Reference files a rule set consults (raw or normalised; read with the same rules,
    /// their own rejects not reported here).
    public struct References: Sendable {
        public var smeCriteria: String?
        public var industries: String?
        public var participants: String?
        public var codebook: String?

        public init(smeCriteria: String? = nil, industries: String? = nil, participants: String? = nil, codebook: String? = nil) {
            self.smeCriteria = smeCriteria
            self.industries = industries
            self.participants = participants
            self.codebook = codebook
        }
    }

    /// Ingests one file of `kind` to `output`; rejects go to `rejectsPath` when given. The
    /// caller checks the reject budget (`checkRejectRates`) after reporting the balance.
    /// The run.conf keys ingest's outputs depend on (their settings files list them).
    public static let keys: [RunConfig.Key] = [.encoding, .maxRejectRate, .excludeCategories]

    public static func runFile(
        kind: InputKind, path: String?, label: String, references: References, config: RunConfig,
        progress: (@Sendable (String, Int) -> Void)?, outputPath: String?, rejectsPath: String?
    ) throws -> IngestReport {
        let settings = IngestSettings(encoding: config.encoding, maxRejectRate: config.maxRejectRate, progress: progress)
        let rejects = try RejectLog(writer: rejectsPath.map { try CSVWriter(path: $0) })
        // A failure part-way still leaves every reject found so far in the file.
        let report = try Stage.closing(rejects) {
            try ingestFile(
                kind: kind, path: path, label: label, references: references, settings: settings, outputPath: outputPath,
                rejects: rejects)
        }
        let provenance = SettingsFile().adding(keys, from: config)
        try provenance.write(beside: outputPath, stage: "cluster-ingest")
        try provenance.write(beside: rejectsPath, stage: "cluster-ingest")
        return report
    }

    private static func ingestFile(
        kind: InputKind, path: String?, label: String, references: References, settings: IngestSettings,
        outputPath: String?, rejects: RejectLog
    ) throws -> IngestReport {
        let output = try CSVWriter(path: outputPath)
        let quiet = try RejectLog(writer: nil)
        var silent = settings
        silent.progress = nil
        func reference(_ path: String?, _ option: String) throws -> String {
            guard let path else { throw PipelineError.usage("ingest \(kind.rawValue) needs --\(option) FILE") }
            return path
        }
        var report: IngestReport
        switch kind {
        case .smeCriteria:
            let loaded = try Ingest.smeCriteria(path, file: label, settings: settings, rejects: rejects)
            try NormalisedCSV.write(loaded.rows, to: output)
            report = loaded.report
        case .industries:
            let sectors = try references.smeCriteria.map { path in
                let criteria = try Ingest.smeCriteria(path, file: Files.baseName(path), settings: silent, rejects: quiet)
                try quiet.requireNone(in: Files.baseName(path))
                return Set(criteria.rows.map(\.sector))
            }
            let loaded = try Ingest.industries(path, file: label, sectors: sectors, settings: settings, rejects: rejects)
            try NormalisedCSV.write(loaded.rows, to: output)
            report = loaded.report
        case .participants:
            try NormalisedCSV.writeHeader(.participants, hasWeight: false, codebook: nil, to: output)
            report = try Ingest.frame(path, file: label, settings: settings, rejects: rejects) { participant in
                try NormalisedCSV.write(participant, to: output)
            }.report
        case .codebook:
            let loaded = try Ingest.codebook(path, file: label, settings: settings, rejects: rejects)
            try NormalisedCSV.write(loaded.rows, to: output)
            report = loaded.report
        case .responses:
            let codebookPath = try reference(references.codebook, "codebook")
            let participantsPath = try reference(references.participants, "participants")
            let (codebook, frame) = try WorkInputs.surveyReferences(codebook: codebookPath, participants: participantsPath)
            let (table, responsesReport) = try Ingest.responseTable(
                path, file: label, codebook: codebook, frame: frame, settings: settings, rejects: rejects)
            try NormalisedCSV.write(table, to: output)
            report = responsesReport
        case .statements:
            let industriesPath = try reference(references.industries, "industries")
            let industries = IndustryTable(
                try Ingest.industries(industriesPath, file: Files.baseName(industriesPath), sectors: nil, settings: silent, rejects: quiet).rows)
            try quiet.requireNone(in: Files.baseName(industriesPath))
            let frame = try references.participants.map { try WorkInputs.frameIDs($0) }
            try NormalisedCSV.writeHeader(.statements, hasWeight: false, codebook: nil, to: output)
            report = try Ingest.statements(
                path, file: label, industries: industries, frame: frame, settings: settings, rejects: rejects
            ) { try NormalisedCSV.write($0, industries: industries, to: output) }
        case .benchmark:
            let loaded = try Ingest.benchmark(path, file: label, settings: settings, rejects: rejects)
            try NormalisedCSV.write(loaded.rows, to: output)
            report = loaded.report
        case .published:
            let loaded = try Ingest.published(path, file: label, settings: settings, rejects: rejects)
            try NormalisedCSV.write(loaded.rows, to: output)
            report = loaded.report
        }
        try output.close()
        report.isReference = kind.isReferenceTable
        report.firstReject = rejects.firstByFile[label]
        report.hints = rejects.hints(for: label)
        return report
    }

    /// Ingests every input of `inputDir` (SPEC 1.1) into `outputDir`: one normalised CSV per
    /// input, `rejects.csv` and `ingest_summary.csv`. statements.csv keeps the participants'
    /// statements only (the others are validated and counted as filtered). With `workFiles`
    /// participants and responses are written as binary work files instead (`WorkFile`:
    /// participants.frame, responses.table), for the later stages of one run to load.
    public static func runFolder(
        inputDir: String, outputDir: String, workFiles: Bool = false, progress: (@Sendable (String, Int) -> Void)?
    ) throws -> (reports: [IngestReport], config: RunConfig, categories: Set<String>) {
        let confPath = inputDir + "/run.conf"
        // Every missing input named at once (with a file that differs only in case, if any),
        // before anything is read.
        var missing: [MissingInput] = []
        var listing: [String]?
        for name in ["run.conf"] + InputKind.allCases.filter(\.isRequiredInFolder).map(\.fileName) {
            if try Files.exists(inputDir + "/" + name) { continue }
            if listing == nil { listing = try Files.listing(inputDir) }
            let similar = listing?.first { $0 != name && $0.lowercased() == name.lowercased() }
            missing.append(MissingInput(name: name, similar: similar))
        }
        if !missing.isEmpty { throw PipelineError.missingInputs(folder: inputDir, files: missing) }
        let config = try RunConfig.load(confPath)
        func written(_ file: String) -> String { workFiles ? workFileName(file) : file }
        try Files.checkOutputs(
            InputKind.allCases.map { outputDir + "/" + written($0.fileName) }
                + [outputDir + "/rejects.csv", outputDir + "/ingest_summary.csv"],
            notAmong: [confPath] + InputKind.allCases.map { inputDir + "/" + $0.fileName })
        try Files.makeDirectory(outputDir)
        let settings = IngestSettings(encoding: config.encoding, maxRejectRate: config.maxRejectRate, progress: progress)
        let rejects = try RejectLog(writer: try CSVWriter(path: outputDir + "/rejects.csv"))
        // A failure part-way still leaves every reject found so far in rejects.csv.
        var (reports, categories) = try Stage.closing(rejects) {
            try ingestFolder(
                inputDir: inputDir, outputDir: outputDir, workFiles: workFiles, config: config, settings: settings,
                rejects: rejects)
        }
        for k in reports.indices {
            let file = reports[k].balance.file
            reports[k].isReference = InputKind.allCases.contains { $0.isReferenceTable && $0.fileName == file }
            reports[k].firstReject = rejects.firstByFile[file]
            reports[k].hints = rejects.hints(for: file)
        }
        try write(CSVWriter(path: outputDir + "/ingest_summary.csv")) { try IngestSummaryCSV.write(reports, to: $0) }
        let provenance = SettingsFile().adding(keys, from: config)
        for file in reports.map({ written($0.balance.file) }) + ["rejects.csv", "ingest_summary.csv"] {
            try provenance.write(beside: outputDir + "/" + file, stage: "cluster-ingest")
        }
        return (reports, config, categories)
    }

    /// The name a work file takes for an input: participants.frame, responses.table.
    public static func workFileName(_ file: String) -> String {
        switch file {
        case InputKind.participants.fileName: return "participants.frame"
        case InputKind.responses.fileName: return "responses.table"
        default: return file
        }
    }

    private static func ingestFolder(
        inputDir: String, outputDir: String, workFiles: Bool, config: RunConfig, settings: IngestSettings, rejects: RejectLog
    ) throws -> (reports: [IngestReport], categories: Set<String>) {
        func input(_ kind: InputKind) -> String { inputDir + "/" + kind.fileName }
        func output(_ kind: InputKind) throws -> CSVWriter { try CSVWriter(path: outputDir + "/" + kind.fileName) }
        var reports: [IngestReport] = []

        let criteria = try Ingest.smeCriteria(input(.smeCriteria), file: InputKind.smeCriteria.fileName, settings: settings, rejects: rejects)
        try write(output(.smeCriteria)) { try NormalisedCSV.write(criteria.rows, to: $0) }
        reports.append(criteria.report)

        let industries = try Ingest.industries(
            input(.industries), file: InputKind.industries.fileName, sectors: Set(criteria.rows.map(\.sector)),
            settings: settings, rejects: rejects)
        try write(output(.industries)) { try NormalisedCSV.write(industries.rows, to: $0) }
        reports.append(industries.report)

        let frame: Frame
        if workFiles {
            let loaded = try Ingest.frame(
                input(.participants), file: InputKind.participants.fileName, settings: settings, rejects: rejects)
            frame = loaded.frame
            try WorkFile.write(frame, to: outputDir + "/" + workFileName(InputKind.participants.fileName))
            reports.append(loaded.report)
        } else {
            let participantsOut = try output(.participants)
            try NormalisedCSV.writeHeader(.participants, hasWeight: false, codebook: nil, to: participantsOut)
            let loaded = try Ingest.frame(
                input(.participants), file: InputKind.participants.fileName, settings: settings, rejects: rejects
            ) { participant in try NormalisedCSV.write(participant, to: participantsOut) }
            try participantsOut.close()
            frame = loaded.frame
            reports.append(loaded.report)
        }

        let items = try Ingest.codebook(input(.codebook), file: InputKind.codebook.fileName, settings: settings, rejects: rejects)
        try write(output(.codebook)) { try NormalisedCSV.write(items.rows, to: $0) }
        reports.append(items.report)
        let codebook = Codebook(items: items.rows)

        let (responses, responsesReport) = try Ingest.responseTable(
            input(.responses), file: InputKind.responses.fileName, codebook: codebook,
            frame: frame, settings: settings, rejects: rejects)
        if workFiles {
            try WorkFile.write(responses, to: outputDir + "/" + workFileName(InputKind.responses.fileName))
        } else {
            try write(output(.responses)) { try NormalisedCSV.write(responses, to: $0) }
        }
        reports.append(responsesReport)

        // Streamed: normalised rows go out as they are accepted, header first.
        let statementsOut = try output(.statements)
        let industryTable = IndustryTable(industries.rows)
        try NormalisedCSV.writeHeader(.statements, hasWeight: false, codebook: nil, to: statementsOut)
        reports.append(
            try Ingest.statements(
                input(.statements), file: InputKind.statements.fileName, industries: industryTable,
                frame: frame.ids, settings: settings, rejects: rejects
            ) { try NormalisedCSV.write($0, industries: industryTable, to: statementsOut) })
        try statementsOut.close()

        let benchmark = try Ingest.benchmark(input(.benchmark), file: InputKind.benchmark.fileName, settings: settings, rejects: rejects)
        try write(output(.benchmark)) { try NormalisedCSV.write(benchmark.rows, to: $0) }
        reports.append(benchmark.report)
        let categories = Set(benchmark.rows.map(\.category)).union(industries.rows.map(\.category))

        if try Files.exists(input(.published)) {
            let published = try Ingest.published(
                input(.published), file: InputKind.published.fileName, settings: settings, rejects: rejects)
            try write(output(.published)) { try NormalisedCSV.write(published.rows, to: $0) }
            reports.append(published.report)
        }
        return (reports, categories)
    }

    /// The lines a stage prints on standard error for each input: its balance and ignored columns.
    public static func balanceLines(_ report: IngestReport) -> [String] {
        var lines = ["\(report.balance.file): \(report.balance.equation)"]
        if !report.unknownColumns.isEmpty {
            lines.append("\(report.balance.file): ignored columns: \(report.unknownColumns.joined(separator: ", "))")
        }
        lines += report.notes.map { "\(report.balance.file): \($0)" }
        lines += report.hints
        return lines
    }

    /// Throws `.rejectRateExceeded` naming every input whose reject rate is above `limit`.
    /// A reference table with any reject comes first (`.referenceRejected`, SPEC 7.6); then,
    /// for a folder, EXCLUDE_CATEGORIES naming a category neither reference table has (SPEC
    /// 7.8: checked against the rows that were read, so a rejected reference row speaks first).
    /// `rejects`: where the rejected records were written, as the message names it.
    public static func checkRejectRates(
        _ reports: [IngestReport], limit: Double, rejects: String?,
        exclusions: (config: RunConfig, categories: Set<String>)? = nil
    ) throws {
        for report in reports where report.isReference {
            if let first = report.firstReject { throw PipelineError.referenceRejected(first) }
        }
        if let exclusions { try exclusions.config.checkExclusions(known: exclusions.categories) }
        let over = reports.map(\.balance).filter { $0.rejectRate > limit }
        if !over.isEmpty { throw PipelineError.rejectRateExceeded(balances: over, limit: limit, rejects: rejects) }
    }

    private static func write(_ writer: CSVWriter, _ body: (CSVWriter) throws -> Void) throws {
        try body(writer)
        try writer.close()
    }
}
