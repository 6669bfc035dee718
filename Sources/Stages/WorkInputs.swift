import CSVKit
import Formats
import Rules
import Statistics
import Values

/// Inputs a stage takes as CSV (normalised or raw: read with ingest's rules) or as the work
/// file ingest wrote for one run (`WorkFile`: loaded as it was validated).
enum WorkInputs {
    /// The frame of participants.csv or of participants.frame.
    static func frame(_ path: String) throws -> Frame {
        if try WorkFile.kind(of: path) != nil { return try WorkFile.readFrame(path) }
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        return try Ingest.frame(path, file: Files.baseName(path), settings: settings, rejects: try RejectLog(writer: nil)).frame
    }

    /// The participants' numbers of participants.csv or of participants.frame.
    static func frameIDs(_ path: String) throws -> IDSet {
        if try WorkFile.kind(of: path) != nil { return try WorkFile.readFrameIDs(path) }
        return try frame(path).ids
    }

    /// The codebook and the frame responses are tabulated against.
    static func surveyReferences(codebook: String, participants: String) throws -> (codebook: Codebook, frame: Frame) {
        guard try WorkFile.kind(of: participants) != nil else {
            return try Ingest.surveyReferences(codebook: codebook, participants: participants)
        }
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        let quiet = try RejectLog(writer: nil)
        let items = try Ingest.codebook(codebook, file: Files.baseName(codebook), settings: settings, rejects: quiet)
        try quiet.requireNone(in: Files.baseName(codebook))
        return (Codebook(items: items.rows), try WorkFile.readFrame(participants))
    }

    /// The winning questionnaires of responses.csv (standard input for nil) or responses.table,
    /// with the balance of the read (a work file's: every row kept).
    static func responses(_ path: String?, label: String, codebook: Codebook, frame: Frame) throws
        -> (table: ResponseTable, report: IngestReport)
    {
        if let path, try WorkFile.kind(of: path) != nil {
            let table = try WorkFile.readResponses(path, codebook: codebook)
            var report = IngestReport(file: label)
            report.balance.read = table.count
            report.balance.kept = table.count
            return (table, report)
        }
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        return try Ingest.responseTable(
            path, file: label, codebook: codebook, frame: frame, settings: settings, rejects: try RejectLog(writer: nil))
    }

    /// The panels of panel.csv (standard input for nil) or of a panel work file.
    static func panels(_ path: String?, config: RunConfig) throws -> [Panel] {
        if let path, try WorkFile.kind(of: path) != nil { return try WorkFile.readPanels(path, config: config) }
        return try PanelCSV.read(path, file: path.map(Files.baseName) ?? "<stdin>", config: config)
    }
}
