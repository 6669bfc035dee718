import CSVKit
import Rules
import Statistics
import Values

/// weights.csv (SPEC 9, only when CALIBRATE is set):
/// `respondent_id,project,region,weight,calibrated_weight`, one row per respondent kept, in the
/// order of the responses' winners (the order cluster-ingest writes responses in: each
/// respondent where its first questionnaire stands in responses.csv).
public enum WeightsCSV {
    public static let columns = ["respondent_id", "project", "region", "weight", "calibrated_weight"]

    public struct Row: Sendable, Equatable {
        public let respondent: CorporateNumber
        public let project: String
        public let region: String
        public let weight: Double
        public let calibrated: Double
    }

    public static func write(_ table: ResponseTable, frame: Frame, calibrated: [Double], to out: CSVWriter) throws {
        try out.row(columns)
        for i in 0..<table.count {
            let id = table.respondents[i]
            out.field(zeroPadded: id, width: 13)
            out.field(frame.projectIndex(id).map { frame.projects[$0] } ?? "")
            out.field(frame.regionIndex(id).map { frame.regions[$0] } ?? "")
            out.field(table.weight(i))
            out.field(calibrated[i])
            try out.endRow()
        }
    }

    struct Rules: RecordRules {
        let respondent: Int, project: Int, region: Int, weight: Int, calibrated: Int

        init(header: Header) throws {
            respondent = try header.require("respondent_id")
            project = try header.require("project")
            region = try header.require("region")
            weight = try header.require("weight")
            calibrated = try header.require("calibrated_weight")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> Row {
            let id = try r.corporateNumber(respondent)
            let p = try r.code(project)
            let g = try r.checkedText(region)
            guard let w = try r.decimal(weight, required: true), w > 0 else { throw Fault(.invalidWeight, in: r, at: weight) }
            guard let c = try r.decimal(calibrated, required: true), c > 0 else {
                throw Fault(.invalidWeight, in: r, at: calibrated)
            }
            return Row(respondent: id, project: p, region: g, weight: w, calibrated: c)
        }
    }

    /// Reads weights.csv back; any fault is an error naming the line and column.
    public static func read(_ path: String) throws -> [Row] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns) { try Rules(header: $0) }
    }
}
