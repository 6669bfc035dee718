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
    /// The participants' regions in file order, as positions in `regions`.
    public let regionRanks: [UInt32]
    /// The regions in code-point order (`[""]` for a frame given without regions).
    public let regions: [String]

    public init(_ members: [(id: UInt64, project: String)]) {
        self.init(members.map { ($0.id, $0.project, "") })
    }

    public init(_ members: [(id: UInt64, project: String, region: String)]) {
        var projects = Coding()
        var regions = Coding()
        let coded = members.map { m in (m.id, projects.code(m.project), regions.code(m.region)) }
        var index = IDMap(capacity: coded.count)
        for (k, m) in coded.enumerated() { index.set(m.0, UInt64(k)) }
        self.init(
            index: index, numbers: coded.map(\.0), projects: coded.map(\.1), names: projects.names,
            regions: coded.map(\.2), regionNames: regions.names)
    }

    /// Names coded as positions in the order they first come.
    package struct Coding {
        package private(set) var names: [String] = []
        private var index: [String: UInt32] = [:]
        package init() {}
        package mutating func code(_ name: String) -> UInt32 {
            if let k = index[name] { return k }
            let k = UInt32(truncatingIfNeeded: names.count)
            index[name] = k
            names.append(name)
            return k
        }
    }

    /// The frame from what loading built: `index` maps each number to its position in
    /// `numbers` (distinct, non-zero), `projects` gives each member's project as a position in
    /// `names`, `regions` its region as a position in `regionNames` (none given: every member
    /// in region ""). The table is kept as it is, and shared as the set of numbers: no hashing.
    package init(
        index: IDMap, numbers: [UInt64], projects coded: [UInt32], names: [String], regions: [UInt32] = [],
        regionNames: [String] = []
    ) {
        let (projectNames, projectRanks) = Self.ranked(coded, names: names)
        self.ids = index.keySet
        self.numbers = numbers
        self.ranks = projectRanks
        self.positionOf = index
        self.projects = projectNames
        if regions.count == numbers.count && !regionNames.isEmpty {
            (self.regions, self.regionRanks) = Self.ranked(regions, names: regionNames)
        } else {
            self.regions = [""]
            self.regionRanks = [UInt32](repeating: 0, count: numbers.count)
        }
    }

    /// Names put in code-point order, and the codes as positions in that order.
    private static func ranked(_ coded: [UInt32], names: [String]) -> (names: [String], ranks: [UInt32]) {
        let order = names.indices.sorted {
            names[$0].unicodeScalars.lexicographicallyPrecedes(names[$1].unicodeScalars)
        }
        var rank = [UInt32](repeating: 0, count: names.count)
        for (r, k) in order.enumerated() { rank[k] = UInt32(r) }
        return (order.map { names[$0] }, coded.map { rank[Int($0)] })
    }

    /// A frame read back from a work file: nil when its parts disagree (lengths, a rank past
    /// the projects or regions, a table that is not well formed or of another size).
    package init?(
        numbers: [UInt64], ranks: [UInt32], projects: [String], regionRanks: [UInt32], regions: [String],
        positionOf table: (keys: [UInt64], values: [UInt64])
    ) {
        guard ranks.count == numbers.count, ranks.allSatisfy({ Int($0) < projects.count }),
            regionRanks.count == numbers.count, regionRanks.allSatisfy({ Int($0) < regions.count }),
            let map = IDMap(keys: table.keys, values: table.values, valid: { $0 < UInt64(numbers.count) }),
            map.count == numbers.count
        else { return nil }
        self.ids = map.keySet
        self.numbers = numbers
        self.ranks = ranks
        self.positionOf = map
        self.projects = projects
        self.regionRanks = regionRanks
        self.regions = regions
    }

    public init(participants: [Participant]) {
        self.init(participants.map { ($0.id.value, $0.project, $0.region) })
    }

    /// The participants as corporate numbers.
    public var members: [CorporateNumber] { numbers.map { CorporateNumber(uncheckedValue: $0) } }

    /// The position of the respondent's project in `projects`.
    @inline(__always)
    public func projectIndex(_ id: UInt64) -> Int? { position(id).map { Int(ranks[$0]) } }

    /// The position of the participant's region in `regions`.
    @inline(__always)
    public func regionIndex(_ id: UInt64) -> Int? { position(id).map { Int(regionRanks[$0]) } }

    /// The participant's position in `numbers` (file order), nil for a number not in the frame.
    @inline(__always)
    public func position(_ id: UInt64) -> Int? { positionOf[id].map { Int($0) } }

    public var count: Int { numbers.count }

    /// The table of positions as stored (`WorkFile`).
    package var positionTable: (keys: [UInt64], values: [UInt64]) { positionOf.table }
}
