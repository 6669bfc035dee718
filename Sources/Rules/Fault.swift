import CSVKit
import Values

/// A fault found in one field: the record is rejected for the first one in column order.
public struct Fault: Error, Sendable, Equatable {
    public let column: Int
    public let reason: RejectReason
    public let value: String

    public init(column: Int, reason: RejectReason, value: String) {
        self.column = column
        self.reason = reason
        self.value = value
    }

    package init(_ reason: RejectReason, in record: CSVRecord, at column: Int) {
        self.column = column
        self.reason = reason
        self.value = record.excerpt(column)
    }
}
