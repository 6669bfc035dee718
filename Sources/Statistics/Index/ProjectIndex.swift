import GSLKit
import Values

/// Whether a project's series may be published (SPEC 10, index_by_project.csv `status`).
public enum ProjectStatus: String, CaseIterable, Sendable {
    case ok
    /// Fewer than 3 enterprises, or one holding more than 85 % of C(B): numbers withheld.
    case suppressed
    /// C(B) <= 0: no index can be formed.
    case undefined
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
    /// The (1, 85) dominance rule's share and the smallest publishable panel.
    public static let dominantShare = (numerator: 85, denominator: 100)
    public static let minimumEnterprises = 3

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

    /// The status of a project's panel: fewer than 3 enterprises → suppressed; C(B) <= 0 →
    /// undefined; one enterprise above 85 % of C(B) → suppressed; else ok. Exact integer
    /// arithmetic (no rounding at the 85 % line).
    public static func status(_ part: Panel, totals: [Int64], baseYear: Int) -> ProjectStatus {
        guard part.members.count >= minimumEnterprises else { return .suppressed }
        let base = baseYear - part.window.first
        let cb = totals[base]
        guard cb > 0 else { return .undefined }
        let largest = part.members.map { $0.values[base] }.max() ?? 0
        if Int128(largest) * Int128(dominantShare.denominator) > Int128(cb) * Int128(dominantShare.numerator) {
            return .suppressed
        }
        return .ok
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
    public static func rows(
        project: String, part: Panel, levels: BenchmarkLevels, config: RunConfig
    ) throws -> [ProjectIndexRow] {
        let window = part.window
        let totals = try part.totals()
        let status = status(part, totals: totals, baseYear: config.baseYear)
        let n = Int64(part.members.count)
        func withheld(_ kind: SeriesKind) -> [ProjectIndexRow] {
            window.years.map {
                ProjectIndexRow(
                    project: project, kind: kind, measure: window.measure, year: $0, enterprises: n, total: nil,
                    index: nil, interval: nil, status: status)
            }
        }
        guard status == .ok else { return withheld(.cluster) + withheld(.benchmarkCorrected) }
        var seeded = config
        seeded.seed = seed(config.seed, project: project)
        let cluster = try IndexComputation.cluster(part, config: seeded)
        let corrected = try IndexComputation.corrected(part, levels: levels, config: config)
        return [cluster, corrected].flatMap { series in
            series.points.map { p in
                ProjectIndexRow(
                    project: project, kind: series.kind, measure: window.measure, year: p.year, enterprises: n,
                    total: p.total, index: p.index, interval: p.interval, status: .ok)
            }
        }
    }
}
