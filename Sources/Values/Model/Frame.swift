/// The survey frame as tabulation needs it: who is a participant, and in which project (the
/// survey domains), without keeping every name in memory.
public struct Frame: Sendable {
    public let ids: IDSet
    /// The participants' numbers in file order.
    public let numbers: [UInt64]
    /// The participants' projects in file order, as positions in `projects`.
    public let ranks: [UInt32]
    /// Number → its position in `numbers` (and so in `ranks`); its keys are `ids`.
    private let positionOf: IDMap
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
        var index = IDMap(capacity: members.count)
        for (k, m) in members.enumerated() { index.set(m.id, UInt64(k)) }
        self.init(index: index, numbers: members.map(\.id), projects: members.map(\.project), names: names)
    }

    /// The frame from what loading built: `index` maps each number to its position in
    /// `numbers` (distinct, non-zero), `projects` gives each member's project as a position in
    /// `names`. The table is kept as it is, and shared as the set of numbers: no hashing.
    package init(index: IDMap, numbers: [UInt64], projects coded: [UInt32], names: [String]) {
        let order = names.indices.sorted {
            names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars)
        }
        var rank = [UInt32](repeating: 0, count: names.count)
        for (r, k) in order.enumerated() { rank[k] = UInt32(r) }
        self.ids = index.keySet
        self.numbers = numbers
        self.ranks = coded.map { rank[Int($0)] }
        self.positionOf = index
        self.projects = order.map { names[$0] }
    }

    /// A frame read back from a work file: nil when its parts disagree (lengths, a rank past
    /// the projects, a table that is not well formed or of another size).
    package init?(numbers: [UInt64], ranks: [UInt32], projects: [String], positionOf table: (keys: [UInt64], values: [UInt64])) {
        guard ranks.count == numbers.count, ranks.allSatisfy({ Int($0) < projects.count }),
            let map = IDMap(keys: table.keys, values: table.values, valid: { $0 < UInt64(numbers.count) }),
            map.count == numbers.count
        else { return nil }
        self.ids = map.keySet
        self.numbers = numbers
        self.ranks = ranks
        self.positionOf = map
        self.projects = projects
    }

    public init(participants: [Participant]) {
        self.init(participants.map { ($0.id.value, $0.project) })
    }

    /// The participants as corporate numbers.
    public var members: [CorporateNumber] { numbers.map { CorporateNumber(uncheckedValue: $0) } }

    /// The position of the respondent's project in `projects`.
    @inline(__always)
    public func projectIndex(_ id: UInt64) -> Int? { position(id).map { Int(ranks[$0]) } }

    /// The participant's position in `numbers` (file order), nil for a number not in the frame.
    @inline(__always)
    public func position(_ id: UInt64) -> Int? { positionOf[id].map { Int($0) } }

    public var count: Int { numbers.count }

    /// The table of positions as stored (`WorkFile`).
    package var positionTable: (keys: [UInt64], values: [UInt64]) { positionOf.table }
}
