import GSLKit
import Values

/// Whether a series may be published (SPEC 10 and 11, the `status` of index_by_project.csv and
/// index_series.csv).
public enum ProjectStatus: String, CaseIterable, Sendable {
    case ok
    /// Withheld by a primary rule (SPEC 11): fewer than MIN_FREQUENCY enterprises, (n, k)
    /// dominance, the p% rule; or as a complement, so that no withheld total can be worked out.
    case suppressedFrequency = "suppressed_frequency"
    case suppressedDominance = "suppressed_dominance"
    case suppressedP = "suppressed_p"
    case suppressedSecondary = "suppressed_secondary"
    /// C(B) <= 0: the totals are published, no index can be formed.
    case undefined
    /// No panel enterprise: the totals are 0, no index.
    case empty

    public init(withheldBy rule: DisclosureRule) {
        switch rule {
        case .frequency: self = .suppressedFrequency
        case .dominance: self = .suppressedDominance
        case .p: self = .suppressedP
        case .secondary: self = .suppressedSecondary
        }
    }

    /// Whether the totals (and index) are withheld.
    public var isSuppressed: Bool {
        switch self {
        case .suppressedFrequency, .suppressedDominance, .suppressedP, .suppressedSecondary: return true
        case .ok, .undefined, .empty: return false
        }
    }
}

/// One row of index_by_project.csv: a year of the cluster or benchmark_corrected series of one
/// project and measure. `total`, `index` and `interval` are nil unless the status is `ok`.
public struct ProjectIndexRow: Equatable, Sendable {
    public let project: String
    public let kind: SeriesKind
    public let measure: Measure
    public let year: Int
    public let enterprises: Int64
    public let total: Double?
    public let index: Double?
    public let interval: ClosedRange<Double>?
    public let status: ProjectStatus

    public init(
        project: String, kind: SeriesKind, measure: Measure, year: Int, enterprises: Int64, total: Double?,
        index: Double?, interval: ClosedRange<Double>?, status: ProjectStatus
    ) {
        self.project = project
        self.kind = kind
        self.measure = measure
        self.year = year
        self.enterprises = enterprises
        self.total = total
        self.index = index
        self.interval = interval
        self.status = status
    }
}

/// The index per cluster project (SPEC 10): the cluster series over each project's panel
/// members and the benchmark corrected to each project's own industry mix, with disclosure
/// control.
public enum ProjectIndex {
    /// Each project's part of `panel` (members in number order), for every project of
    /// `projects` (also those without members). `project` gives a member's position in
    /// `projects` (nil: none, which a frame never gives).
    public static func split(_ panel: Panel, projects: [String], project: (UInt64) -> Int?) -> [Panel] {
        var parts = [[PanelMember]](repeating: [], count: projects.count)
        for member in panel.members {
            if let k = project(member.enterprise.value), k < parts.count { parts[k].append(member) }
        }
        return parts.map { Panel(window: panel.window, members: $0, log: [:]) }
    }

    /// The primary rule a panel's series fails (SPEC 11), over every year of its window: the
    /// members' values of each year are the contributions.
    public static func primaryRule(_ part: Panel, config: RunConfig) -> DisclosureRule? {
        let years = (0..<part.window.years.count).map { k in part.members.map { $0.values[k] } }
        return PrimaryRules.judge(enterprises: part.members.count, years: years, config: config)
    }

    /// One project's series of one measure before disclosure control: its totals of both series
    /// and the primary rule it fails.
    public struct Prepared: Sendable {
        public let project: String
        public let part: Panel
        public let cluster: [Double]
        public let corrected: [Double]
        public let primary: DisclosureRule?
    }

    /// The totals of both series of a project (zeros without members) and its primary rule.
    public static func prepare(project: String, part: Panel, levels: BenchmarkLevels, config: RunConfig) throws -> Prepared {
        let cluster = try part.totals().map(Double.init)
        let corrected =
            part.members.isEmpty
            ? cluster
            : try ShiftShare.correctedTotals(panel: part, levels: levels, weights: config.weights, baseYear: config.baseYear)
        return Prepared(
            project: project, part: part, cluster: cluster, corrected: corrected,
            primary: part.members.isEmpty ? nil : primaryRule(part, config: config))
    }

    /// The generator seed of a project's bootstrap: FNV-1a (64 bits) of SEED's decimal digits, a
    /// U+001F separator and the project code's UTF-8, reduced to 1 … 2^32 − 1 (mt19937's seeds).
    /// It depends on SEED and the project code only, never on the order projects are computed in.
    public static func seed(_ seed: UInt64, project: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in Array("\(seed)".utf8) + [0x1F] + Array(project.utf8) {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return 1 + h % 4_294_967_295
    }

    /// The rows of one project and measure: cluster then benchmark_corrected, years ascending.
    /// `withheld` is the rule that withholds it (primary or secondary, SPEC 11), nil when it is
    /// published: then `empty` without members (totals 0, no index), `undefined` when C(B) <= 0
    /// (totals, no index), else `ok` with the bootstrap interval.
    public static func rows(_ p: Prepared, withheld: DisclosureRule?, config: RunConfig) throws -> [ProjectIndexRow] {
        let window = p.part.window
        let n = Int64(p.part.members.count)
        let base = config.baseYear - window.first
        let status: ProjectStatus
        if let withheld {
            status = ProjectStatus(withheldBy: withheld)
        } else if p.part.members.isEmpty {
            status = .empty
        } else if p.cluster[base] <= 0 {
            status = .undefined
        } else {
            status = .ok
        }
        func plain(_ kind: SeriesKind, _ totals: [Double]) -> [ProjectIndexRow] {
            window.years.enumerated().map { k, year in
                ProjectIndexRow(
                    project: p.project, kind: kind, measure: window.measure, year: year, enterprises: n,
                    total: status.isSuppressed ? nil : totals[k], index: nil, interval: nil, status: status)
            }
        }
        guard status == .ok else { return plain(.cluster, p.cluster) + plain(.benchmarkCorrected, p.corrected) }
        var seeded = config
        seeded.seed = seed(config.seed, project: p.project)
        let cluster = try IndexComputation.cluster(p.part, config: seeded)
        let corrected = try IndexSeries.make(
            kind: .benchmarkCorrected, measure: window.measure, first: window.first, baseYear: config.baseYear,
            totals: p.corrected, enterprises: Array(repeating: n, count: p.corrected.count))
        return [cluster, corrected].flatMap { series in
            series.points.map { q in
                ProjectIndexRow(
                    project: p.project, kind: series.kind, measure: window.measure, year: q.year, enterprises: n,
                    total: q.total, index: q.index, interval: q.interval, status: .ok)
            }
        }
    }
}
