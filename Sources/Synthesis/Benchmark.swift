import CSVKit
import Values

/// The national statistics (Annual Statistics Report on Incorporated Enterprises, synthetic):
/// categories × capital classes × years, in million yen and persons.
extension FY2005 {
    mutating func writeBenchmark(_ dir: String) throws {
        let years = Array(FY2005Targets.years)
        let measures: [Measure] = [.sales, .netIncome, .employees]
        // B_i(t) of the SME classes, per measure and category, calibrated so that the corrected
        // index (WEIGHTS=value, the panel's base-year category totals) hits the target.
        var levels: [Measure: [Int: [Int64]]] = [:]
        for measure in measures {
            let window = FY2005Targets.windows[measure] ?? 2000...2004
            var weight: [Int: Double] = [:]
            for firm in firms where firm.role.inPanel(measure) {
                let category = industries[firm.industry[0]].category
                weight[category, default: 0] += Double(firm.values(measure)[0] ?? 0)
            }
            let categories = Catalog.categories.indices.filter { $0 != electrical }
            let heaviest = weight.max { $0.value < $1.value }?.key ?? categories[0]
            let total = weight.values.reduce(0, +)
            var base: [Int: Double] = [:]
            var growth: [Int: [Double]] = [:]
            for c in categories {
                base[c] = Double(random.int(400_000...4_000_000)) * (measure == .employees ? 0.05 : measure == .netIncome ? 0.02 : 1)
                let spread = measure == .netIncome ? 0.15 : 0.04
                growth[c] = years.map { year in
                    year == 2000 ? 1 : (targets.corrected[measure]?[year] ?? 1) * (1 + spread * random.normal())
                }
            }
            // The heaviest category absorbs the difference: Σ w_i g_i(t) = target(t) · Σ w_i.
            for (k, year) in years.enumerated() where k > 0 && window.contains(year) {
                let target = (targets.corrected[measure]?[year] ?? 1) * total
                let others = weight.filter { $0.key != heaviest }.reduce(0.0) { $0 + $1.value * (growth[$1.key]?[k] ?? 1) }
                growth[heaviest]?[k] = (target - others) / (weight[heaviest] ?? 1)
            }
            for c in categories {
                levels[measure, default: [:]][c] = years.indices.map { k in
                    Int64(((base[c] ?? 1) * (growth[c]?[k] ?? 1)).rounded())
                }
            }
            // Electrical: its own, much worse years.
            let e: [Double] = measure == .netIncome ? [1, 0.15, 0.08, 0.55, 1.05] : [1, 0.84, 0.72, 0.74, 0.79]
            let eBase = Double(random.int(400_000...4_000_000)) * (measure == .employees ? 0.05 : measure == .netIncome ? 0.02 : 1)
            levels[measure, default: [:]][electrical] = e.map { Int64((eBase * $0).rounded()) }
        }

        var csv = CSVText(header: [
            "fiscal_year", "category", "size_class", "capital_min", "capital_max", "corporations", "sales", "net_income",
            "employees",
        ])
        let smeShares: [Double] = [0.35, 0.45, 0.20]
        let corporationsPerClass: [Double] = [0.55, 0.38, 0.035, 0.03, 0.005]
        let corporationsBase = Catalog.categories.map { _ in Double(random.int(20_000...400_000)) }
        for (k, year) in years.enumerated() {
            for (c, category) in Catalog.categories.enumerated() {
                let corps0 = corporationsBase[c]
                // Large classes (not SME): growing while the SMEs shrink — a trap for a wrong cut-off.
                let largeTrend = [1, 1.04, 1.09, 1.15, 1.22][k]
                for (s, size) in Catalog.sizeClasses.enumerated() {
                    var values: [String] = []
                    for measure in [Measure.sales, .netIncome, .employees] {
                        let level = levels[measure]?[c]?[k] ?? 0
                        let value: Int64
                        if s < 3 {
                            // The three SME classes split B_i(t) exactly.
                            let first = Int64((Double(level) * smeShares[0]).rounded())
                            let second = Int64((Double(level) * smeShares[1]).rounded())
                            value = s == 0 ? first : s == 1 ? second : level - first - second
                        } else {
                            let base0 = Double(levels[measure]?[c]?[0] ?? 0)
                            var large = base0 * (s == 3 ? 0.9 : 2.5) * largeTrend
                            if measure == .netIncome && k == 2 && s == 4 { large = -abs(large) * 0.3 }
                            value = Int64(large.rounded())
                        }
                        values.append(value < 0 ? "△" + NumberText.grouped(value.magnitude) : random.chance(0.1) ? NumberText.grouped(value) : String(value))
                    }
                    let corporations = Int64((corps0 * corporationsPerClass[s] * [1, 0.99, 0.975, 0.965, 0.96][k]).rounded())
                    csv.add([
                        String(year), category.name, size.label, String(size.min), size.max.map(String.init) ?? "",
                        NumberText.grouped(corporations), values[0], values[1], values[2],
                    ])
                }
            }
        }
        try csv.write(to: dir + "/benchmark.csv", encoding: .utf8BOM, crlf: true)
    }
}
