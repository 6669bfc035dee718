/// The survey frame as tabulation needs it: who is a participant, and in which project (the
/// survey domains), without keeping every name in memory.
public struct Frame: Sendable {
    public let ids: IDSet
    /// The participants' numbers in file order.
    public let numbers: [UInt64]
    private let projectOf: IDMap
    /// The projects in code-point order (the domains after `all`).
    public let projects: [String]

    public init(_ members: [(id: UInt64, project: String)]) {
        var names: [String] = []
        var index: [String: UInt32] = [:]
        let coded = members.map { m -> (UInt64, UInt32) in
            if let k = index[m.project] { return (m.id, k) }
            let k = UInt32(names.count)
            index[m.project] = k
            names.append(m.project)
            return (m.id, k)
        }
        self.init(coded: coded, projects: names)
    }

    /// Members with their project as a position in `projects` (any order: sorted here).
    package init(coded members: [(id: UInt64, project: UInt32)], projects names: [String]) {
        let order = names.indices.sorted {
            names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars)
        }
        var rank = [UInt32](repeating: 0, count: names.count)
        for (r, k) in order.enumerated() { rank[k] = UInt32(r) }
        var projectOf = IDMap(capacity: members.count)
        for m in members { projectOf.set(m.id, UInt64(rank[Int(m.project)])) }
        self.ids = IDSet(members.map(\.id))
        self.numbers = members.map(\.id)
        self.projectOf = projectOf
        self.projects = order.map { names[$0] }
    }

    public init(participants: [Participant]) {
        self.init(participants.map { ($0.id.value, $0.project) })
    }

    /// The participants as corporate numbers.
    public var members: [CorporateNumber] { numbers.map { CorporateNumber(uncheckedValue: $0) } }

    /// The position of the respondent's project in `projects`.
    @inline(__always)
    public func projectIndex(_ id: UInt64) -> Int? { projectOf[id].map { Int($0) } }
}
