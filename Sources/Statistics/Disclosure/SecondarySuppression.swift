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

    /// How many candidate groups are tried, cheapest first, for one exposed cell.
    static let trials = 8

    /// The most cells one table (a measure's index tables, a survey question) may withhold: the
    /// audit solves two programs per withheld cell, each over the withheld cells, so its time
    /// grows faster than their number (600 cells: about two seconds; 2400: a minute). More is
    /// exit 65 naming the table: coarsen it (merge the smallest projects or domains).
    public static let maximumWithheld = 600

    /// Chooses the complements and audits the result. Deterministic: groups are tried in cost
    /// order (then position), and the first exposed cell (in cell order) decides what is added
    /// next: the cheapest group of the first `trials` that alone protects it, else the cheapest
    /// group there is. Ends when nothing is exposed or no group is left (the outcome then names
    /// the exposed cells). `protection(cell, rule)` is the half-width the cell's interval must
    /// reach; `table` names the table in the error when more than `maximumWithheld` groups would
    /// be withheld.
    public static func protect(
        _ tables: LinkedTables, groups: [Group], table: String = "the table",
        protection: (Int, DisclosureRule) -> Double
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
        func checkSize() throws {
            let withheld = zip(rules, groups).reduce(0) { $0 + ($1.0 == nil ? 0 : $1.1.cells.count) }
            guard withheld <= maximumWithheld else {
                throw PipelineError.impossible(
                    "disclosure control: \(table) would withhold \(withheld) cells, more than the \(maximumWithheld) the audit handles in bounded time; merge the smallest projects (or domains) and run again")
            }
        }
        // Withholding more can only widen what an intruder can derive (published values become
        // unknowns), so a cell found protected stays protected: each round audits only the cells
        // not yet found protected. A finding stays final until a group is added; at the end the
        // cells audited before the last addition are audited once more, for their final interval.
        var latest: [Int: AuditFinding] = [:]
        var stale = Set<Int>()
        while true {
            try checkSize()
            let hidden = hiddenCells()
            if hidden.isEmpty { return Outcome(rules: rules, findings: []) }
            let open = Set(hidden.keys.filter { latest[$0]?.verdict == nil || latest[$0]?.verdict == .exposed })
            for f in try tables.audit(hidden: hidden, protection: levels(hidden), only: open) {
                latest[f.cell] = f
                stale.remove(f.cell)
            }
            func final() throws -> Outcome {
                for f in try tables.audit(hidden: hidden, protection: levels(hidden), only: stale) { latest[f.cell] = f }
                return Outcome(rules: rules, findings: hidden.keys.sorted().compactMap { latest[$0] })
            }
            guard let exposed = hidden.keys.sorted().lazy.compactMap({ latest[$0] }).first(where: { $0.verdict == .exposed })
            else { return try final() }
            let candidates = order.filter { rules[$0] == nil && groups[$0].eligible }
            guard let cheapest = candidates.first else { return try final() }
            var chosen = cheapest
            for g in candidates.prefix(trials) {
                let trial = Set(hidden.keys).union(groups[g].cells)
                if try tables.protects(exposed.cell, hidden: trial, protection: exposed.protection) {
                    chosen = g
                    break
                }
            }
            rules[chosen] = .secondary
            stale = Set(latest.keys)
        }
    }
}
