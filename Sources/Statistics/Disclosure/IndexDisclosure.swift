import Values

/// Disclosure control of the index tables of one measure (SPEC 11): index_series.csv's national
/// cluster and benchmark_corrected totals and index_by_project.csv's per project, linked by
/// additivity (the projects add up to the national total of each series and year) and, with
/// WEIGHTS=value, by total*(B) = C(B) for every project and the nation; and each project's
/// benchmark_corrected total is its (unknown) category weights times the categories' public
/// growth B_i(t)/B_i(B): total*_p(t) = Σ_i w_ip · B_i(t)/B_i(B), w_ip >= 0 unless the measure is
/// net income with WEIGHTS=value (the intruder knows the national statistics, not the firms'
/// categories). Totals of sales and employees cannot be negative; net income can.
public enum IndexDisclosure {
    /// What disclosure control decided for one measure.
    public struct Decision: Sendable {
        /// Each project's withholding rule (nil: published), in the order given.
        public let rules: [DisclosureRule?]
        public let findings: [AuditFinding]
        public let tables: LinkedTables
    }

    /// `national` holds the national cluster and benchmark_corrected totals (years of the window)
    /// and the rule that withholds them (nil: published); `projects` every project's prepared
    /// series of this measure (none: the national series stands alone, linked to nothing
    /// published). A project without members publishes its zeros and takes no part.
    public static func decide(
        window: MeasureWindow, national: (cluster: [Double], corrected: [Double], rule: DisclosureRule?),
        projects: [ProjectIndex.Prepared], levels: BenchmarkLevels? = nil, config: RunConfig
    ) throws -> Decision {
        var tables = LinkedTables()
        let measure = window.measure.rawValue
        let floor: Double? = window.measure == .netIncome ? nil : 0
        func cells(_ table: String, _ name: String, _ series: SeriesKind, _ totals: [Double]) -> [Int] {
            window.years.enumerated().map { k, year in
                tables.add(
                    LinkedTables.Cell(
                        table: table, key: "\(name)/\(series.rawValue)/\(measure)/\(year)", value: totals[k], lower: floor,
                        upper: nil))
            }
        }
        let nationalCluster = cells("index_series.csv", "national", .cluster, national.cluster)
        // Without the national corrected totals (a caller that has none) only the cluster
        // series is linked. With WEIGHTS=count the corrected series is the national statistics
        // weighted by the number of firms per category: it tells no firm's figures (its base
        // year is the published panel size), so it is withheld with its project but neither
        // audited nor linked.
        let hasCorrected = national.corrected.count == window.years.count && config.weights == .value
        let nationalCorrected = hasCorrected ? cells("index_series.csv", "national", .benchmarkCorrected, national.corrected) : []
        var groups: [SecondarySuppression.Group] = [
            .init(cells: nationalCluster + nationalCorrected, primary: national.rule, eligible: false, cost: [])
        ]
        var projectCells: [(cluster: [Int], corrected: [Int])] = []
        for p in projects {
            let c = cells("index_by_project.csv", p.project, .cluster, p.cluster)
            let b = hasCorrected ? cells("index_by_project.csv", p.project, .benchmarkCorrected, p.corrected) : []
            projectCells.append((c, b))
            let base = config.baseYear - window.first
            groups.append(
                .init(
                    cells: c + b, primary: p.primary, eligible: !p.part.members.isEmpty,
                    cost: [Double(p.part.members.count), abs(p.cluster[base])]))
        }
        for k in 0..<window.years.count where !projects.isEmpty {
            tables.relations.append(.init(terms: [(nationalCluster[k], 1)] + projectCells.map { ($0.cluster[k], -1) }))
            if hasCorrected {
                tables.relations.append(.init(terms: [(nationalCorrected[k], 1)] + projectCells.map { ($0.corrected[k], -1) }))
            }
        }
        // The industry mix: per project one unknown weight per category whose base-year level is
        // positive (the true weights are not needed: auxiliary unknowns are never audited).
        if let levels, hasCorrected {
            let base = config.baseYear - window.first
            let growth = levels.levels.keys.sorted().compactMap { category -> (String, [Double])? in
                guard let b = levels.levels[category], b[base] > 0 else { return nil }
                return (category, b.map { Double($0) / Double(b[base]) })
            }
            let weightFloor: Double? = window.measure == .netIncome && config.weights == .value ? nil : 0
            // Growth beyond 10^12 either way (hostile statistics) would make the programs
            // numerically meaningless, and leaving the relation out would make the audit
            // optimistic: exit 65 naming the category.
            for (category, g) in growth where !g.allSatisfy({ $0 == 0 || (1e-12...1e12).contains(abs($0)) }) {
                throw PipelineError.impossible(
                    "disclosure control: benchmark.csv category \(category) (\(measure)) grows by more than a factor 10^12 between years; the disclosure audit cannot use it: check the benchmark")
            }
            for (p, own) in zip(projects, projectCells) where !growth.isEmpty {
                let weights = growth.map { category, _ in
                    tables.add(
                        .init(
                            table: "index_by_project.csv", key: "\(p.project)/weight/\(category)", value: 0,
                            lower: weightFloor, upper: nil, auxiliary: true))
                }
                for k in 0..<window.years.count {
                    tables.relations.append(
                        .init(terms: [(own.corrected[k], 1)] + zip(weights, growth).map { ($0, -$1.1[k]) }))
                }
            }
        }
        if config.weights == .value && hasCorrected {
            let base = config.baseYear - window.first
            tables.relations.append(.init(terms: [(nationalCluster[base], 1), (nationalCorrected[base], -1)]))
            for p in projectCells { tables.relations.append(.init(terms: [(p.cluster[base], 1), (p.corrected[base], -1)])) }
        }
        let outcome = try SecondarySuppression.protect(
            tables, groups: groups, table: "index_by_project.csv (\(measure))"
        ) { cell, rule in
            protection(value: tables.cells[cell].value, rule: rule, config: config)
        }
        return Decision(rules: Array(outcome.rules.dropFirst()), findings: outcome.findings, tables: tables)
    }

    /// The half-width a withheld cell's interval must reach (SPEC 11): PROTECTION % of its value,
    /// or for a cell the p% rule withholds the larger of PROTECTION and P_PERCENT.
    public static func protection(value: Double, rule: DisclosureRule, config: RunConfig) -> Double {
        let percent = rule == .p ? max(config.protection, config.pPercent ?? 0) : config.protection
        return abs(value) * percent / 100
    }
}
