import CSVKit
import Rules
import Values

/// rejects.csv read back for the report: how many records of each file each reason rejected
/// (the rejects log of the Rules layer writes the file). Every cell is checked.
public enum RejectsCSV {
    struct Rules: RecordRules {
        let file: Int, line: Int, reason: Int

        init(header: Header) throws {
            file = try header.require("file")
            line = try header.require("line")
            reason = try header.require("reason")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> (file: String, reason: RejectReason) {
            let name = try r.code(file)
            _ = try r.integer(line, required: true)
            guard let why = RejectReason(rawValue: try r.code(reason)) else {
                throw Fault(.unexpectedValue, in: r, at: reason)
            }
            return (name, why)
        }
    }

    /// The count of each (file, reason) in rejects.csv.
    public static func counts(_ path: String) throws -> [String: [RejectReason: Int]] {
        let rows = try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: Reject.header) {
            try Rules(header: $0)
        }
        var counts: [String: [RejectReason: Int]] = [:]
        for row in rows { counts[row.file, default: [:]][row.reason, default: 0] += 1 }
        return counts
    }
}
