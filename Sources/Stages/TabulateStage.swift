import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The tabulate stage as its executable runs it.
public enum TabulateStage {
    /// The run.conf keys the tabulation uses (checked against its inputs' settings files).
    public static let keys: [RunConfig.Key] = [.confidence, .intervalMethod, .calibrate, .minBase, .reliableN, .protection]

    /// Writes survey_items.csv to `outputPath`, and when given survey_single.csv to
    /// `singlePath`, (CALIBRATE set) weights.csv to `weightsPath` and the disclosure audit of
    /// both tables (SPEC 11) to `auditPath`. A withheld cell the audit finds exposed fails the
    /// stage (exit 65) once everything is written.
    public static func run(
        responsesPath: String?, label: String, codebookPath: String, participantsPath: String, config: RunConfig,
        outputPath: String?, singlePath: String? = nil, weightsPath: String? = nil, auditPath: String? = nil
    ) throws -> (rows: [SurveyItemEstimate], report: IngestReport) {
        let provenance = try SettingsFile.check(
            inputs: [responsesPath, codebookPath, participantsPath], config: config, uses: keys)
        let (codebook, frame) = try WorkInputs.surveyReferences(codebook: codebookPath, participants: participantsPath)
        let (table, report) = try WorkInputs.responses(responsesPath, label: label, codebook: codebook, frame: frame)
        let calibrated = try Calibration.weights(table, frame: frame, config: config)
        let (rows, multiAudit) = try SurveyTabulation.audited(table, frame: frame, config: config, weights: calibrated, type: .multi)
        var audit = multiAudit
        let out = try CSVWriter(path: outputPath)
        try SurveyItemsCSV.write(rows, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-tabulate")
        if let singlePath {
            let (single, singleAudit) = try SurveyTabulation.audited(
                table, frame: frame, config: config, weights: calibrated, type: .single)
            audit += singleAudit
            let out = try CSVWriter(path: singlePath)
            try SurveyItemsCSV.write(single, to: out)
            try out.close()
            try provenance.write(beside: singlePath, stage: "cluster-tabulate")
        }
        if let weightsPath, let calibrated {
            let out = try CSVWriter(path: weightsPath)
            try WeightsCSV.write(table, frame: frame, calibrated: calibrated, to: out)
            try out.close()
            try provenance.write(beside: weightsPath, stage: "cluster-tabulate")
        }
        if let auditPath {
            let out = try CSVWriter(path: auditPath)
            try DisclosureAuditCSV.write(audit, to: out)
            try out.close()
        }
        try DisclosureAuditCSV.check(audit, writtenTo: auditPath)
        return (rows, report)
    }
}
