/// One submitted questionnaire, normalised.
public struct Response: Equatable, Sendable {
    public let respondent: CorporateNumber
    public let submittedAt: Timestamp
    /// nil when responses.csv has no `weight` column (every weight is then 1).
    public let weight: Double?
    /// One cell per codebook column, in `Codebook.columns` order: 0/1 for a multi item, the
    /// item code for a single question, `Response.noAnswer` for an empty single cell.
    public let cells: [Int32]

    public static let noAnswer: Int32 = -1

    public init(respondent: CorporateNumber, submittedAt: Timestamp, weight: Double?, cells: [Int32]) {
        self.respondent = respondent
        self.submittedAt = submittedAt
        self.weight = weight
        self.cells = cells
    }
}
