/// The tabulate stage as its executable runs it.
public enum TabulateStage {
    public static func run(
        responsesPath: String?, label: String, codebookPath: String, participantsPath: String, config: RunConfig,
        outputPath: String?
    ) throws -> (rows: [SurveyItemEstimate], report: IngestReport) {
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        let quiet = try RejectLog(writer: nil)
        let (codebook, frame) = try Ingest.surveyReferences(codebook: codebookPath, participants: participantsPath)
        let (table, report) = try Ingest.responseTable(
            responsesPath, file: label, codebook: codebook, frame: frame.ids, settings: settings, rejects: quiet)
        let rows = try SurveyTabulation.tabulate(table, frame: frame, config: config)
        let out = try CSVWriter(path: outputPath)
        try SurveyTabulation.write(rows, to: out)
        try out.close()
        return (rows, report)
    }
}
