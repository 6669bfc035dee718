import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The tabulate stage as its executable runs it.
public enum TabulateStage {
    /// The run.conf keys the tabulation uses (checked against its inputs' settings files).
    public static let keys: [RunConfig.Key] = [.confidence, .intervalMethod]

    public static func run(
        responsesPath: String?, label: String, codebookPath: String, participantsPath: String, config: RunConfig,
        outputPath: String?
    ) throws -> (rows: [SurveyItemEstimate], report: IngestReport) {
        let provenance = try SettingsFile.check(
            inputs: [responsesPath, codebookPath, participantsPath], config: config, uses: keys)
        let (codebook, frame) = try WorkInputs.surveyReferences(codebook: codebookPath, participants: participantsPath)
        let (table, report) = try WorkInputs.responses(responsesPath, label: label, codebook: codebook, frame: frame)
        let rows = try SurveyTabulation.tabulate(table, frame: frame, config: config)
        let out = try CSVWriter(path: outputPath)
        try SurveyItemsCSV.write(rows, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-tabulate")
        return (rows, report)
    }
}
