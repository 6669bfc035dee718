import CSVKit
import Values

/// A realistic, deterministic survey year that reproduces the published FY2005 charts only when
/// every rule of the SPEC is applied: the participants' statements, the national statistics
/// and the survey returns are generated around the published values, with the dirt of a real
/// year (CP932, era dates, △ negatives, separators, duplicates, irregular periods, large
/// corporations, the electrical industry, invalid numbers), each trap large enough to move a
/// published value if its rule were broken.
public struct FY2005 {
    public let seed: UInt64
    var random: SplitMix64
    let targets: FY2005Targets
    let industries: [(code: String, label: String, category: Int)]
    let electrical: Int
    var used: Set<UInt64> = []
    var firms: [Firm] = []

    static let participantRoles: [(Role, Int)] = [
        (.core, 2400), (.mergedDuplicate, 80), (.twelvePlusShort, 20), (.leavesElectrical, 20), (.employeesOnly, 60),
        (.netIncomeGap, 40), (.electrical, 1300), (.large, 250), (.undecidable, 50), (.irregular, 70),
        (.conflicting, 50), (.absent, 130), (.missingYears, 5330),
    ]
    static let outsiders = 45_000
    static let respondentsInBase = 1000
    static let respondentsWithoutChoice = 40

    public init(published: [PublishedValue], seed: UInt64) {
        self.seed = seed
        random = SplitMix64(seed: seed)
        targets = FY2005Targets(published: published)
        var list: [(String, String, Int)] = []
        for (k, c) in Catalog.categories.enumerated() {
            for i in c.industries { list.append((i.code, i.label, k)) }
        }
        industries = list
        electrical = Catalog.categories.firstIndex { $0.name == "electrical" } ?? 0
    }

    /// Writes every input file of SPEC 1.1 (but published.csv, which is given) into `dir`.
    /// Returns notes for the README of the data set.
    public mutating func generate(into dir: String) throws -> [String] {
        makeFirms()
        calibrateClusterTotals()
        try writeReferenceTables(dir)
        try writeParticipants(dir)
        try writeStatements(dir)
        try writeBenchmark(dir)
        try writeSurvey(dir)
        try writeRunConf(dir)
        var notes = ["seed \(seed)", "participants \(firms.filter { $0.role != .outsider }.count)",
                     "enterprises in statements \(firms.filter { $0.role != .absent }.count)"]
        notes += targets.plausible.map { "plausible (illegible in the chart): \($0)" }
        return notes
    }

    // MARK: firms

    mutating func makeFirms() {
        let kept = Catalog.categories.indices.filter { $0 != electrical }
        let shares = kept.map { Catalog.categories[$0].participantShare }
        for (role, count) in Self.participantRoles {
            for _ in 0..<count {
                let category = role == .electrical ? electrical : kept[random.weighted(shares)]
                firms.append(makeFirm(role: role, category: category))
            }
        }
        for _ in 0..<Self.outsiders {
            let category = random.int(0...(Catalog.categories.count - 1))
            firms.append(makeFirm(role: .outsider, category: category))
        }
    }

    func industryIndices(of category: Int) -> [Int] {
        industries.indices.filter { industries[$0].category == category }
    }

    mutating func makeFirm(role: Role, category: Int) -> Firm {
        let id = random.corporateNumber(avoiding: &used)
        let sector = Catalog.categories[category].sector
        let limits = Catalog.smeCriteria.first { $0.0 == sector } ?? ("", 300_000, 300)
        let industry = random.pick(industryIndices(of: category))
        var industryByYear = Array(repeating: industry, count: 5)
        if role == .leavesElectrical {
            let later = random.pick(industryIndices(of: electrical))
            for k in 2...4 { industryByYear[k] = later }
        }
        if role == .electrical && random.chance(0.02) {
            // Electrical in the base year, another category later: still excluded.
            let later = random.pick(industryIndices(of: random.pick(Catalog.categories.indices.filter { $0 != electrical })))
            for k in 2...4 { industryByYear[k] = later }
        }
        let yearEnd = [3, 3, 3, 3, 3, 3, 12, 12, 9, 6][random.int(0...9)]

        // Size: an SME unless the role says otherwise; some SMEs are SMEs by one criterion only.
        var employees0 = Int64(min(Double(limits.2), max(2, random.logNormal(median: 25, sigma: 0.9))).rounded())
        var capital0 = Int64((min(Double(limits.1), max(1000, random.logNormal(median: 20_000, sigma: 0.8))) / 1000).rounded(.down)) * 1000
        let smeByOneCriterion = random.uniform()
        switch role {
        case .large:
            capital0 = limits.1 + Int64(random.int(1...50)) * 20_000
            employees0 = limits.2 + Int64(random.int(20...900))
        case .undecidable:
            employees0 = limits.2 + Int64(random.int(50...400))
        case .outsider where random.chance(0.05):
            capital0 = limits.1 * Int64(random.int(2...30))
            employees0 = limits.2 * Int64(random.int(2...10))
        default:
            if smeByOneCriterion < 0.04 {
                employees0 = limits.2 + Int64(random.int(10...300))  // SME by capital only
            } else if smeByOneCriterion < 0.08 {
                capital0 = limits.1 + Int64(random.int(1...20)) * 50_000  // SME by employees only
            }
        }
        capital0 = max(1000, capital0)
        let intensity = Catalog.categories[category].intensity
        let sales0 = Double(employees0) * random.logNormal(median: 20_000, sigma: 0.5) * intensity
        let margin = 0.025 + 0.03 * random.normal()

        // Paths (2000 = 1): the published path for panel members, others deliberately different
        // so that letting them in (or leaving a member out) moves the index.
        let path: (sales: [Double], net: [Double], employees: [Double])
        switch role {
        case .core, .mergedDuplicate, .twelvePlusShort, .leavesElectrical, .employeesOnly, .netIncomeGap:
            path = (
                targetPath(targets.cluster[.sales]), targetPath(targets.cluster[.netIncome]),
                targetPath(targets.cluster[.employees])
            )
        case .electrical: path = ([1, 0.80, 0.70, 0.76, 0.86], [1, 0.15, -0.2, 0.5, 1.1], [1, 0.94, 0.88, 0.86, 0.85])
        case .large: path = ([1, 1.06, 1.13, 1.22, 1.34], [1, 1.3, 1.5, 1.8, 2.4], [1, 1.02, 1.05, 1.07, 1.08])
        default: path = ([1, 0.95, 0.86, 0.85, 0.89], [1, 0.45, 0.3, 0.85, 1.3], [1, 0.96, 0.91, 0.89, 0.88])
        }
        var firm = Firm(
            id: id, role: role, industry: industryByYear, yearEnd: yearEnd, capital: [], employees: [], sales: [],
            netIncome: [], present: Array(repeating: true, count: 5))
        let capitalStep = random.chance(0.05) ? random.int(1...4) : 9
        for k in 0..<5 {
            let s = k == 0 ? sales0 : sales0 * path.sales[k] * (1 + 0.08 * random.normal())
            let e = k == 0 ? Double(employees0) : Double(employees0) * path.employees[k] * (1 + 0.03 * random.normal())
            let n = sales0 * margin * path.net[k] + (k == 0 ? 0 : sales0 * 0.01 * random.normal())
            firm.sales.append(Int64(max(1, s.rounded())))
            firm.employees.append(Int64(max(1, e.rounded())))
            firm.netIncome.append(Int64(n.rounded()))
            firm.capital.append(k >= capitalStep ? capital0 * 2 : capital0)
        }
        switch role {
        case .undecidable: firm.capital[0] = nil
        case .employeesOnly: firm.present[4] = false
        case .netIncomeGap: firm.netIncome[2] = nil
        case .absent: firm.present = Array(repeating: false, count: 5)
        case .missingYears, .outsider:
            if role == .missingYears || random.chance(0.1) {
                // Entered the database late, left early, or skipped a year — always missing some
                // year of 2000–2003 for a participant, so that no panel holds it.
                switch random.int(0...2) {
                case 0: for k in 0..<random.int(1...3) { firm.present[k] = false }
                case 1: for k in random.int(1...3)...4 { firm.present[k] = false }
                default: firm.present[random.int(1...3)] = false
                }
            }
        default: break
        }
        return firm
    }

    func targetPath(_ target: [Int: Double]?) -> [Double] {
        (2000...2004).map { target?[$0] ?? 1 }
    }

    // MARK: calibration

    /// Makes C(t)/C(B) of each measure's panel equal to the target (rounded to the integer):
    /// the difference is spread over the largest members ("anchors"), base year untouched.
    mutating func calibrateClusterTotals() {
        for (measure, window) in FY2005Targets.windows {
            let members = firms.indices.filter { firms[$0].role.inPanel(measure) }
            let anchors = members.filter { firms[$0].role == .core }
                .sorted { abs(firms[$0].values(measure)[0] ?? 0) > abs(firms[$1].values(measure)[0] ?? 0) }
                .prefix(200)
            let base = members.reduce(Int64(0)) { $0 + (firms[$1].values(measure)[0] ?? 0) }
            for (k, year) in window.enumerated() where k > 0 {
                let total = members.reduce(Int64(0)) { $0 + (firms[$1].values(measure)[k] ?? 0) }
                let target = Int64((Double(base) * (targets.cluster[measure]?[year] ?? 1)).rounded())
                let needed = target - total
                var delta = needed
                let weights = anchors.map { max(1, abs(firms[$0].values(measure)[k] ?? 0)) }
                let weightSum = weights.reduce(0, +)
                for (j, a) in anchors.enumerated() {
                    let share = j == anchors.count - 1 ? delta : Int64(Double(needed) * Double(weights[j]) / Double(weightSum))
                    firms[a].set(measure, year: k, (firms[a].values(measure)[k] ?? 0) + share)
                    delta -= share
                }
            }
        }
    }
}
