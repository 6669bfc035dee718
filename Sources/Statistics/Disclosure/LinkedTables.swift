import GLPKKit
import Values

/// Published tables as an intruder sees them (SPEC 11): cells with their true values, the
/// linear relations between them that anyone can know (a total is the sum of its parts, the
/// codes of a single question add up to its base), the bounds every cell obeys, and the cells
/// withheld. `audit` derives, by linear programming, the interval each withheld cell is known
/// to lie in from the published cells alone.
public struct LinkedTables: Sendable {
    public struct Cell: Sendable, Equatable {
        /// What the audit table names: file and position (`index_by_project.csv TINY cluster sales 2003`).
        public let table: String
        public let key: String
        public let value: Double
        /// The smallest and largest values the cell can take whatever the data (nil: none).
        public let lower: Double?
        public let upper: Double?
        /// An unknown the intruder must reckon with that is never published nor audited (a
        /// project's weight of a category in the industry-mix correction).
        public let auxiliary: Bool

        public init(table: String, key: String, value: Double, lower: Double?, upper: Double?, auxiliary: Bool = false) {
            self.table = table
            self.key = key
            self.value = value
            self.lower = lower
            self.upper = upper
            self.auxiliary = auxiliary
        }
    }

    /// Σ coefficient × cell + constant = 0 (`equal`) or >= 0 (`atLeast`).
    public struct Relation: Sendable, Equatable {
        public enum Kind: Sendable { case equal, atLeast }
        public let terms: [(cell: Int, coefficient: Double)]
        public let constant: Double
        public let kind: Kind

        public init(terms: [(cell: Int, coefficient: Double)], constant: Double = 0, kind: Kind = .equal) {
            self.terms = terms
            self.constant = constant
            self.kind = kind
        }

        public static func == (a: Relation, b: Relation) -> Bool {
            a.terms.map(\.cell) == b.terms.map(\.cell) && a.terms.map(\.coefficient) == b.terms.map(\.coefficient)
                && a.constant == b.constant && a.kind == b.kind
        }
    }

    public var cells: [Cell]
    public var relations: [Relation]

    public init(cells: [Cell] = [], relations: [Relation] = []) {
        self.cells = cells
        self.relations = relations
    }

    /// The auxiliary unknowns: variables of every program, never audited.
    var auxiliaries: Set<Int> { Set(cells.indices.filter { cells[$0].auxiliary }) }

    /// Adds a cell and returns its position.
    public mutating func add(_ cell: Cell) -> Int {
        cells.append(cell)
        return cells.count - 1
    }
}

/// What the audit found for one withheld cell.
public struct AuditFinding: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// The derivable interval reaches the protection level on both sides.
        case protected
        /// Narrower than the protection level, or a single value: the cell is disclosed.
        case exposed
        /// A zero that a published total of zero already tells (every part of a zero total of
        /// non-negative parts is zero): nothing to protect.
        case zeroTotal = "zero_total"
    }

    public let cell: Int
    public let rule: DisclosureRule
    /// The derivable interval; nil ends are unbounded.
    public let lower: Double?
    public let upper: Double?
    /// The half-width the interval must reach on each side of the value.
    public let protection: Double
    public let verdict: Verdict

    public init(cell: Int, rule: DisclosureRule, lower: Double?, upper: Double?, protection: Double, verdict: Verdict) {
        self.cell = cell
        self.rule = rule
        self.lower = lower
        self.upper = upper
        self.protection = protection
        self.verdict = verdict
    }
}

extension LinkedTables {
    /// The interval of each of `targets` (hidden cells) given the published cells (all but
    /// `hidden`), by two simplex solves per cell over the hidden cells as variables. The
    /// published cells' values are moved to the right-hand sides; an equality holds within a
    /// tolerance of 1e-12 of its hidden part plus 1e-13 of its published part (the published
    /// values carry 15 significant digits). Also returns each target's precision: how far an
    /// end can be off (the largest, over the relations it appears in, of that tolerance plus
    /// the solver's 1e-7 of the relation's size).
    func ranges(hidden: Set<Int>, of targets: [Int]) throws -> [(range: ColumnRange, tolerance: Double)] {
        // The unknowns: the hidden cells, and the auxiliaries linked to them through relations
        // (a published project's category weights bear on nothing hidden: left out, so that the
        // programs grow with what is withheld, not with the table).
        var inProgram = hidden
        let auxiliary = auxiliaries
        var grew = true
        while grew {
            grew = false
            for relation in relations where relation.terms.contains(where: { inProgram.contains($0.cell) }) {
                for t in relation.terms where auxiliary.contains(t.cell) && !inProgram.contains(t.cell) {
                    inProgram.insert(t.cell)
                    grew = true
                }
            }
        }
        let variables = inProgram.sorted()
        // The programs are solved in units of the table's largest value (a power of two, so
        // exactly): weights near 1e-300 or 1e300 give the same program as weights near 1.
        let largest = cells.reduce(0.0) { max($0, abs($1.value)) }
        let unit = largest > 0 && largest.isFinite ? Double(sign: .plus, exponent: largest.exponent + 1, significand: 1) : 1
        func value(_ c: Int) -> Double { cells[c].value / unit }
        var column: [Int: Int] = [:]
        for (k, c) in variables.enumerated() { column[c] = k }
        var rows: [LinearProgram.Row] = []
        var tolerance = [Double](repeating: 0, count: variables.count)
        for relation in relations {
            var terms: [LinearProgram.Term] = []
            var published = relation.constant / unit
            var publishedScale = abs(published)
            var hiddenScale = 0.0
            for t in relation.terms {
                if let k = column[t.cell] {
                    terms.append(LinearProgram.Term(column: k, coefficient: t.coefficient))
                    hiddenScale += abs(t.coefficient * value(t.cell))
                } else {
                    published += t.coefficient * value(t.cell)
                    publishedScale += abs(t.coefficient * value(t.cell))
                }
            }
            guard !terms.isEmpty else { continue }
            // Each row in units of its own size (its withheld part, or its right-hand side), so
            // that the solver's tolerances (about 1e-7 of a row's bounds) are relative to it:
            // a row whose terms are 10^7 and whose right-hand side is 0 is otherwise held to
            // 1e-7 absolute, finer than its own rounding.
            let rhs = -published
            // At least 1e-9 of the table's largest value: a row of zeros stays a row of finite
            // coefficients.
            let scale = max(abs(rhs), hiddenScale, 1e-9)
            let band = 1e-12 + 1e-13 * publishedScale / scale
            for k in terms.indices { terms[k].coefficient /= scale }
            // What an end can be off by, in the cell's unit: the band and the solver's 1e-7.
            let precision = (band + 1e-7) * scale * unit
            for t in terms { tolerance[t.column] = max(tolerance[t.column], precision) }
            switch relation.kind {
            case .equal: rows.append(LinearProgram.Row(terms: terms, lower: rhs / scale - band, upper: rhs / scale + band))
            case .atLeast: rows.append(LinearProgram.Row(terms: terms, lower: rhs / scale - band, upper: nil))
            }
        }
        let program = LinearProgram(
            columns: variables.map { LinearProgram.Bounds(lower: cells[$0].lower.map { $0 / unit }, upper: cells[$0].upper.map { $0 / unit }) },
            rows: rows)
        let wanted = targets.compactMap { column[$0] }
        let found = try GLPK.ranges(program, of: wanted)
        return zip(wanted, found).map {
            (ColumnRange(lower: $1.lower.map { $0 * unit }, upper: $1.upper.map { $0 * unit }), tolerance[$0])
        }
    }

    /// The audit of every hidden cell (in cell order): its derivable interval and whether it
    /// reaches `protection[cell]` (a half-width in the cell's unit) on each side of its value.
    public func audit(hidden: [Int: DisclosureRule], protection: [Int: Double], only: Set<Int>? = nil) throws
        -> [AuditFinding]
    {
        let targets = hidden.keys.filter { only?.contains($0) ?? true }.sorted()
        if targets.isEmpty { return [] }
        let found = try ranges(hidden: Set(hidden.keys), of: targets)
        let unknown = Set(hidden.keys).union(auxiliaries)
        return zip(targets, found).map { c, f in
            finding(cell: c, rule: hidden[c] ?? .secondary, range: f.range, tolerance: f.tolerance,
                    protection: protection[c] ?? 0, hidden: unknown)
        }
    }

    /// Whether `cell` would be protected were `hidden` withheld (two simplex solves).
    func protects(_ cell: Int, hidden: Set<Int>, protection: Double) throws -> Bool {
        guard let f = try ranges(hidden: hidden, of: [cell]).first else { return false }
        return finding(
            cell: cell, rule: .secondary, range: f.range, tolerance: f.tolerance, protection: protection,
            hidden: hidden.union(auxiliaries))
            .verdict != .exposed
    }

    func finding(
        cell c: Int, rule: DisclosureRule, range: ColumnRange, tolerance: Double, protection: Double, hidden: Set<Int>
    ) -> AuditFinding {
        let v = cells[c].value
        // Below this the solver's and the published digits' rounding could make a single value
        // look like an interval: ten times the precision of its ends. The protection's reach is
        // granted at most half of the protection as slack, so that a small cell in a large row
        // is not let through on the row's rounding.
        let slack = 10 * tolerance + 1e-9 * abs(v)
        let reach = min(slack, protection / 2)
        let lowOK = range.lower.map { $0 <= v - protection + reach } ?? true
        let highOK = range.upper.map { $0 >= v + protection - reach } ?? true
        let width = (range.upper ?? .infinity) - (range.lower ?? -.infinity)
        var verdict: AuditFinding.Verdict = lowOK && highOK && width > slack ? .protected : .exposed
        if verdict == .exposed && v == 0 && zeroByPublishedTotal(c, hidden: hidden) { verdict = .zeroTotal }
        // The solver's tolerance can put an end a hair beyond the cell's own bounds: shown clamped.
        let lower = range.lower.map { l in cells[c].lower.map { max(l, $0) } ?? l }
        let upper = range.upper.map { u in cells[c].upper.map { min(u, $0) } ?? u }
        return AuditFinding(cell: c, rule: rule, lower: lower, upper: upper, protection: protection, verdict: verdict)
    }

    /// A relation holding `c` whose every cell is zero, whose hidden cells cannot be negative and
    /// that has a published cell (the total): the published zero says every part is zero.
    func zeroByPublishedTotal(_ c: Int, hidden: Set<Int>) -> Bool {
        relations.contains { r in
            r.kind == .equal && r.constant == 0 && r.terms.contains { $0.cell == c }
                && r.terms.allSatisfy { cells[$0.cell].value == 0 }
                && r.terms.contains { !hidden.contains($0.cell) }
                && r.terms.allSatisfy { !hidden.contains($0.cell) || (cells[$0.cell].lower ?? -1) >= 0 }
        }
    }
}

/// One line of disclosure_audit.csv (SPEC 11): a withheld cell, why, its value, the interval an
/// intruder can derive from the published tables, the protection it needs and the verdict.
public struct AuditRow: Sendable, Equatable {
    public let table: String
    public let cell: String
    public let rule: DisclosureRule
    public let value: Double
    public let lower: Double?
    public let upper: Double?
    public let protection: Double
    public let verdict: AuditFinding.Verdict

    public init(
        table: String, cell: String, rule: DisclosureRule, value: Double, lower: Double?, upper: Double?,
        protection: Double, verdict: AuditFinding.Verdict
    ) {
        self.table = table
        self.cell = cell
        self.rule = rule
        self.value = value
        self.lower = lower
        self.upper = upper
        self.protection = protection
        self.verdict = verdict
    }

    public init(_ f: AuditFinding, in tables: LinkedTables) {
        let c = tables.cells[f.cell]
        self.init(
            table: c.table, cell: c.key, rule: f.rule, value: c.value, lower: f.lower, upper: f.upper,
            protection: f.protection, verdict: f.verdict)
    }
}
