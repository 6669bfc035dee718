import CSVKit
import Values

/// The files of the synthetic year, each with the dirt its real counterpart has.
extension FY2005 {
    // MARK: reference tables

    func writeReferenceTables(_ dir: String) throws {
        var industriesCSV = CSVText(header: ["code", "label", "category", "sector"])
        for i in industries {
            let c = Catalog.categories[i.category]
            industriesCSV.add([i.code, i.label, c.name, c.sector])
        }
        try industriesCSV.write(to: dir + "/industries.csv", encoding: .utf8)
        var criteria = CSVText(header: ["sector", "max_capital", "max_employees"])
        for (sector, capital, employees) in Catalog.smeCriteria {
            criteria.add([sector, NumberText.grouped(capital), String(employees)])
        }
        try criteria.write(to: dir + "/sme_criteria.csv", encoding: .utf8)
        var codebook = CSVText(header: ["question", "type", "item", "column", "label"])
        for item in targets.survey.keys.sorted() {
            codebook.add(["Q1", "multi", String(item), "q1_" + NumberText.twoDigits(item), surveyLabels[item] ?? "Item \(item)"])
        }
        for (k, label) in Catalog.q2.enumerated() { codebook.add(["Q2", "single", String(k + 1), "q2", label]) }
        try codebook.write(to: dir + "/codebook.csv", encoding: .utf8)
    }

    // MARK: participants (CP932, as Excel writes Japanese CSV)

    mutating func writeParticipants(_ dir: String) throws {
        var rows: [[String]] = []
        let shares = Catalog.projects.map(\.share)
        for firm in firms where firm.role != .outsider {
            let project = Catalog.projects[random.weighted(shares)]
            let name = random.pick(Catalog.forms) + random.pick(Catalog.stems) + random.pick(Catalog.kinds)
            var id = NumberText.corporate(firm.id)
            if random.chance(0.01) { id = NumberText.fullWidth(id) }
            rows.append([id, random.chance(0.03) ? name + ", 本社" : name, project.code, project.region])
            if random.chance(0.001) { rows.append(rows[rows.count - 1]) }  // identical repeat: merged
        }
        for _ in 0..<15 {  // bad check digits: rejected
            let good = random.corporateNumber(avoiding: &used)
            let bad = (good / 1_000_000_000_000 % 9 + 1) * 1_000_000_000_000 + good % 1_000_000_000_000
            rows.append([NumberText.corporate(bad), "株式会社誤記", "TAMA", "関東"])
        }
        var csv = CSVText(header: ["enterprise_id", "name", "project", "region"])
        for row in random.shuffled(rows) { csv.add(row) }
        try csv.write(to: dir + "/participants.csv", encoding: .cp932)
    }

    // MARK: statements (CP932: era dates, △ negatives, separators, full-width digits)

    mutating func writeStatements(_ dir: String) throws {
        var csv = CSVText(header: [
            "enterprise_id", "period_end", "period_months", "industry", "capital", "employees", "sales", "net_income",
        ])
        for firm in firms.sorted(by: { $0.id < $1.id }) where firm.role != .absent {
            for k in 0..<5 where firm.present[k] {
                let fy = 2000 + k
                let end = YearMonth(year: firm.yearEnd <= 3 ? fy + 1 : fy, month: firm.yearEnd)
                var row = statementRow(firm, k, end: end, months: 12)
                if firm.role == .irregular && k == 2 {
                    // Changed its year-end: FY2002 is a 6-month period only.
                    let short = YearMonth(year: end.month <= 3 ? end.year - 1 : end.year, month: end.month <= 3 ? 9 : end.month)
                    row = statementRow(firm, k, end: short, months: 6, scale: 0.5)
                }
                csv.add(row)
                if firm.role == .mergedDuplicate && k == 1 { csv.add(statementRow(firm, k, end: end, months: 12)) }
                if firm.role == .twelvePlusShort && k == 1 {
                    csv.add(statementRow(firm, k, end: end, months: 3, scale: 0.25))
                }
                if firm.role == .conflicting && k == 3 {
                    // A second, different 12-month statement of FY2003 (another year-end).
                    let other = YearMonth(year: fy, month: 12)
                    csv.add(statementRow(firm, k, end: other, months: 12, scale: 1.4))
                }
            }
            if firm.role == .outsider && random.chance(0.004) {
                csv.add(rejectedStatement(firm))  // bad rows of the database: rejected
            }
        }
        try csv.write(to: dir + "/statements.csv", encoding: .cp932)
    }

    mutating func statementRow(_ firm: Firm, _ k: Int, end: YearMonth, months: Int, scale: Double = 1) -> [String] {
        func scaled(_ v: Int64?) -> Int64? { v.map { Int64((Double($0) * scale).rounded()) } }
        return [
            random.chance(0.005) ? NumberText.fullWidth(NumberText.corporate(firm.id)) : NumberText.corporate(firm.id),
            NumberText.periodEnd(end, style: random.int(0...9)),
            random.chance(0.01) ? NumberText.fullWidth(String(months)) : String(months),
            industries[firm.industry[k]].code,
            amount(firm.capital[k]), amount(firm.employees[k]), amount(scaled(firm.sales[k])),
            amount(scaled(firm.netIncome[k])),
        ]
    }

    /// An amount as a database export writes it: mostly plain, sometimes with separators,
    /// full-width digits, and △ ▲ － for negatives.
    mutating func amount(_ value: Int64?) -> String {
        guard let value else { return "" }
        var text = random.chance(0.08) ? NumberText.grouped(value.magnitude) : String(value.magnitude)
        if random.chance(0.02) { text = NumberText.fullWidth(text) }
        if value < 0 { text = [ "-", "-", "-", "△", "△", "▲", "－"][random.int(0...6)] + text }
        return text
    }

    mutating func rejectedStatement(_ firm: Firm) -> [String] {
        var row = statementRow(firm, 0, end: YearMonth(year: 2001, month: 3), months: 12)
        switch random.int(0...3) {
        case 0: row[0] = String(row[0].dropFirst()) + "1"  // wrong length or check digit
        case 1: row[1] = "H31.5"  // Heisei ended in April 2019
        case 2: row[6] = "-" + row[6]  // negative sales
        default: row[3] = "99"  // unknown industry
        }
        return row
    }

    // MARK: run.conf

    func writeRunConf(_ dir: String) throws {
        let text = """
            # FY2005 monitoring survey: synthetic inputs made by Pipelines/make-fy2005.sh (seed \(seed)).
            BASE_YEAR = 2000
            MEASURES = sales:2000-2004,net_income:2000-2004,employees:2000-2003
            EXCLUDE_CATEGORIES = electrical
            BENCHMARK_MAX_CAPITAL = 100000
            WEIGHTS = value
            CONFIDENCE = 0.95
            CI_METHOD = wilson
            BOOTSTRAP = 1000
            SEED = 20051231
            MAX_REJECT_RATE = 0.05
            ENCODING = auto

            """
        try Files.write(text, to: dir + "/run.conf")
    }

    /// The English labels of the published chart, by item.
    var surveyLabels: [Int: String] { targets.surveyLabels }
}

/// The written forms of numbers and dates that the ingest must read back.
enum NumberText {
    static func corporate(_ id: UInt64) -> String {
        let s = String(id)
        return String(repeating: "0", count: max(0, 13 - s.count)) + s
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func grouped<T: BinaryInteger>(_ n: T) -> String {
        var digits = Array(String(n))
        var out: [Character] = []
        while digits.count > 3 {
            out = [","] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return String(digits + out)
    }

    static func fullWidth(_ s: String) -> String {
        String(s.unicodeScalars.map { c -> Character in
            if let v = c.properties.numericType != nil ? c.value : nil, (0x30...0x39).contains(v),
                let wide = Unicode.Scalar(v - 0x30 + 0xFF10)
            {
                return Character(wide)
            }
            if c == "," { return "，" }
            return Character(c)
        })
    }

    /// One of the forms of SPEC 1.1.
    static func periodEnd(_ end: YearMonth, style: Int) -> String {
        let heisei = end.year - 1988
        switch style {
        case 0, 1, 2, 3, 4: return end.description
        case 5: return "\(end.year)/\(twoDigits(end.month))"
        case 6: return "\(end.year)\(twoDigits(end.month))"
        case 7: return "H\(heisei).\(end.month)"
        case 8: return "平成\(heisei)年\(end.month)月"
        default: return "H\(twoDigits(heisei))/\(twoDigits(end.month))"
        }
    }
}
