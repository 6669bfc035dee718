import CSVKit
import Values

/// A fault found in one field: the record is rejected for the first one in column order.
public struct Fault: Error, Sendable, Equatable {
    public let column: Int
    public let reason: RejectReason
    public let value: String
    /// Why, in words, when the reason alone does not say it (`H31.5`: Heisei had ended); the
    /// stage prints the first note of a file (rejects.csv has no column for it).
    public let note: String?

    public init(column: Int, reason: RejectReason, value: String, note: String? = nil) {
        self.column = column
        self.reason = reason
        self.value = value
        self.note = note
    }

    package init(_ reason: RejectReason, in record: CSVRecord, at column: Int, note: String? = nil) {
        self.column = column
        self.reason = reason
        self.value = record.excerpt(column)
        self.note = note
    }
}
