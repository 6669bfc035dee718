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
            case .project: project = try r.projectCode(position)
            case .region: region = try r.checkedText(position)
            }
        }
        guard let id else { throw Fault(.invalidCorporateNumber, in: r, at: enterpriseID) }
        return Participant(id: id, name: name, project: project, region: region)
    }
}

/// participants.csv read for the frame only (panel, tabulate, the responses' checks): the same
/// checks as `ParticipantRules`, but the name and region are kept as a digest of their bytes,
/// never made into text (a national frame has a million of them).
struct ParticipantFrameRules: RecordRules {
    struct Row: Sendable {
        let id: CorporateNumber
        let project: String
        let region: String
        /// `Digest.of(name, project, region)`, as `ParticipantRules`' row gives it.
        let digest: UInt64
    }

    let rules: ParticipantRules

    func validate(_ r: CSVRecord) throws(Fault) -> Row {
        var id: CorporateNumber?
        var name: ArraySlice<UInt8> = [], project = "", region: ArraySlice<UInt8> = []
        for (column, position) in rules.order {
            switch column {
            case .enterpriseID: id = try r.corporateNumber(position)
            case .name: name = try r.checkedTextBytes(position)
            case .project: project = try r.projectCode(position)
            case .region: region = try r.checkedTextBytes(position)
            }
        }
        guard let id else { throw Fault(.invalidCorporateNumber, in: r, at: rules.enterpriseID) }
        var digest = Digest()
        digest.add(name)
        digest.add(project.utf8)
        digest.add(region)
        return Row(id: id, project: project, region: String(decoding: region, as: UTF8.self), digest: digest.value)
    }
}
