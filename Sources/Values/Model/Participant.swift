/// One enterprise of the cluster programme (the survey frame).
public struct Participant: Equatable, Sendable {
    public let id: CorporateNumber
    public let name: String
    /// The cluster project (`TAMA`, `HOKKAIDO`, …): a survey domain.
    public let project: String
    public let region: String

    public init(id: CorporateNumber, name: String, project: String, region: String) {
        self.id = id
        self.name = name
        self.project = project
        self.region = region
    }
}
