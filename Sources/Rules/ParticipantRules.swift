import CSVKit
import Values

/// participants.csv: the survey frame.
public struct ParticipantRules: Sendable {
    enum Column: Sendable { case enterpriseID, name, project, region }

    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]
    let enterpriseID: Int

    public init(header: Header) throws {
        order = try header.order([
            (.enterpriseID, "enterprise_id"), (.name, "name"), (.project, "project"), (.region, "region"),
        ])
        enterpriseID = try header.require("enterprise_id")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> Participant {
        var id: CorporateNumber?
        var name = "", project = "", region = ""
        for (column, position) in order {
            switch column {
            case .enterpriseID: id = try r.corporateNumber(position)
            case .name: name = try r.checkedText(position)
            case .project: project = try r.code(position)
            case .region: region = try r.checkedText(position)
            }
        }
        guard let id else { throw Fault(.invalidCorporateNumber, in: r, at: enterpriseID) }
        return Participant(id: id, name: name, project: project, region: region)
    }
}
