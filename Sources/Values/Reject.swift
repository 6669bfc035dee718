/// Why a record was rejected: the `reason` column of rejects.csv.
public enum RejectReason: String, Sendable, CaseIterable {
    case malformedQuotes = "malformed_quotes"
    case unterminatedQuote = "unterminated_quote"
    case wrongFieldCount = "wrong_field_count"
    case invalidEncoding = "invalid_encoding"
    case controlCharacter = "control_character"
    case missingValue = "missing_value"
    case invalidCorporateNumber = "invalid_corporate_number"
    /// A corporate number Excel showed in scientific notation (`9.35258E+12`) and saved so:
    /// its last digits are lost.
    case excelScientificNotation = "excel_scientific_notation"
    case notInFrame = "not_in_frame"
    case invalidDate = "invalid_date"
    case invalidTimestamp = "invalid_timestamp"
    case invalidInteger = "invalid_integer"
    case invalidNumber = "invalid_number"
    case negativeValue = "negative_value"
    case invalidPeriodMonths = "invalid_period_months"
    case unknownIndustry = "unknown_industry"
    case unknownSector = "unknown_sector"
    case invalidWeight = "invalid_weight"
    case invalidMultiCell = "invalid_multi_cell"
    case invalidSingleCode = "invalid_single_code"
    case invalidQuestionType = "invalid_question_type"
    case invalidItem = "invalid_item"
    case duplicateItem = "duplicate_item"
    case duplicateColumn = "duplicate_column"
    case inconsistentColumn = "inconsistent_column"
    case invalidCapitalRange = "invalid_capital_range"
    case conflictingDuplicate = "conflicting_duplicate"
    case invalidMeasure = "invalid_measure"
    /// A project coded `all`: the name of the survey's domain of all respondents.
    case reservedCode = "reserved_code"
    /// Only in the pipeline's own files read back (never in rejects.csv): a cell that is not
    /// what the stage that wrote the file writes there.
    case unexpectedValue = "unexpected_value"
}

/// One line of rejects.csv: `file,line,column,reason,value`.
public struct Reject: Sendable, Equatable {
    public let file: String
    public let line: Int
    /// The header name of the faulty column, empty for faults of the whole record.
    public let column: String
    public let reason: RejectReason
    public let value: String

    public init(file: String, line: Int, column: String, reason: RejectReason, value: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.value = value
    }

    public static let header = ["file", "line", "column", "reason", "value"]
}

/// Where every data record of one input went: read = kept + rejected + merged + dropped + filtered.
public struct RowBalance: Sendable, Equatable {
    public var file: String
    /// Data records read (the header is not one; a malformed stretch counts as one record).
    public var read = 0
    /// Records written to the normalised output.
    public var kept = 0
    public var rejected = 0
    /// Identical duplicates folded into the first of their group.
    public var merged = 0
    /// Earlier submissions of a questionnaire that a later one replaced.
    public var dropped = 0
    /// Valid statements of enterprises outside the frame, left out when filtering by participants.
    public var filtered = 0

    public init(file: String) { self.file = file }

    public var isBalanced: Bool { read == kept + rejected + merged + dropped + filtered }

    /// Share of records rejected (0 for an empty file).
    public var rejectRate: Double { read == 0 ? 0 : Double(rejected) / Double(read) }

    /// `read 10 = kept 7 + rejected 1 + merged 1 + dropped 1 + filtered 0`.
    public var equation: String {
        "read \(read) = kept \(kept) + rejected \(rejected) + merged \(merged) + dropped \(dropped) + filtered \(filtered)"
    }
}
