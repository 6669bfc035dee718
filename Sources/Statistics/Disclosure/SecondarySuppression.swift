import Values

/// Secondary (complementary) suppression over linked tables (SPEC 11): the cells are published
/// or withheld in groups (a project's whole series of a measure, a domain's whole question), and
/// groups are added to the withheld ones, cheapest first, until every withheld cell's derivable
/// interval reaches its protection level.
public enum SecondarySuppression {
    /// A set of cells withheld or published together.
    public struct Group: Sendable {
        public let cells: [Int]
        /// The primary rule the group fails, nil when it passes them.
        public let primary: DisclosureRule?
        /// Whether the group may be withheld as a complement (never a national or `all` row).
        public let eligible: Bool
        /// The information lost by withholding it: smaller first (ties by position).
        public let cost: [Double]

        public init(cells: [Int], primary: DisclosureRule?, eligible: Bool, cost: [Double]) {
            self.cells = cells
            self.primary = primary
            self.eligible = eligible
            self.cost = cost
        }
    }

    public struct Outcome: Sendable {
        /// Each group's rule (nil: published), primary or `secondary`.
        public let rules: [DisclosureRule?]
        /// The audit of every withheld cell, in cell order.
        public let findings: [AuditFinding]

        /// The first cell the audit could not protect, if any.
        public var exposed: AuditFinding? { findings.first { $0.verdict == .exposed } }
    }

    /// Chooses the complements and audits the result. Deterministic: groups are tried in cost
    /// order (then position), and the first exposed cell (in cell order) decides what is added
    /// next: the cheapest group that alone protects it, else the cheapest group there is. Ends
    /// when nothing is exposed or no group is left (the outcome then names the exposed cells).
    /// `protection(cell, rule)` is the half-width the cell's interval must reach.
    public static func protect(
        _ tables: LinkedTables, groups: [Group], protection: (Int, DisclosureRule) -> Double
    ) throws -> Outcome {
        var rules = groups.map(\.primary)
        let order = groups.indices.sorted { a, b in
            groups[a].cost.lexicographicallyPrecedes(groups[b].cost) || (groups[a].cost == groups[b].cost && a < b)
        }
        func hiddenCells() -> [Int: DisclosureRule] {
            var hidden: [Int: DisclosureRule] = [:]
            for (g, rule) in rules.enumerated() {
                if let rule { for c in groups[g].cells { hidden[c] = rule } }
            }
            return hidden
        }
        func levels(_ hidden: [Int: DisclosureRule]) -> [Int: Double] {
            hidden.reduce(into: [:]) { $0[$1.key] = protection($1.key, $1.value) }
        }
        while true {
            let hidden = hiddenCells()
            if hidden.isEmpty { return Outcome(rules: rules, findings: []) }
            let findings = try tables.audit(hidden: hidden, protection: levels(hidden))
            guard let exposed = findings.first(where: { $0.verdict == .exposed }) else {
                return Outcome(rules: rules, findings: findings)
            }
            let candidates = order.filter { rules[$0] == nil && groups[$0].eligible }
            guard let cheapest = candidates.first else { return Outcome(rules: rules, findings: findings) }
            var chosen = cheapest
            for g in candidates {
                let trial = Set(hidden.keys).union(groups[g].cells)
                if try tables.protects(exposed.cell, hidden: trial, protection: exposed.protection) {
                    chosen = g
                    break
                }
            }
            rules[chosen] = .secondary
        }
    }
}
