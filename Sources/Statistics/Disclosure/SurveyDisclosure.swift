import Values

/// Disclosure control of a survey table (SPEC 11): survey_items.csv or survey_single.csv. The
/// primary rule is MIN_BASE (a base of fewer respondents is `suppressed_frequency`). A withheld
/// domain and question withholds everything but its status: base, selections, percentages,
/// intervals and effective n. The domains add up to `all` for the base and every item; each item
/// lies between 0 and its domain's base; a single question's codes add up to the base and a
/// multi question's items to at least the base (every base respondent selected one).
/// Complements are whole questions of a domain, the smallest weighted base first; `all` is
/// never one.
public enum SurveyDisclosure {
    /// The rows as published (withheld cells emptied, complements marked
    /// `suppressed_secondary`) and the audit of every withheld cell.
    public static func protect(
        _ rows: [SurveyItemEstimate], table: String, type: QuestionType, config: RunConfig
    ) throws -> (rows: [SurveyItemEstimate], audit: [AuditRow]) {
        var statuses = rows.map(\.status)
        var audit: [AuditRow] = []
        guard rows.contains(where: { $0.status.isSuppressed }) else {
            return (rows.map { $0.published(as: $0.status) }, [])
        }
        // Rows of each question, domain by domain (the tables list domains, then questions).
        var questions: [String] = []
        var byQuestion: [String: [Int]] = [:]
        for (i, r) in rows.enumerated() {
            if byQuestion[r.question] == nil { questions.append(r.question) }
            byQuestion[r.question, default: []].append(i)
        }
        for question in questions {
            let indices = byQuestion[question] ?? []
            guard indices.contains(where: { rows[$0].status.isSuppressed }) else { continue }
            var domains: [String] = []
            var rowsOf: [String: [Int]] = [:]
            for i in indices {
                if rowsOf[rows[i].domain] == nil { domains.append(rows[i].domain) }
                rowsOf[rows[i].domain, default: []].append(i)
            }
            var tables = LinkedTables()
            var cellOf: [Int: Int] = [:]
            var baseOf: [String: Int] = [:]
            var groups: [SecondarySuppression.Group] = []
            for domain in domains {
                let own = rowsOf[domain] ?? []
                let baseValue = rows[own[0]].respondents
                let base = tables.add(
                    .init(table: table, key: "\(domain)/\(question)/respondents", value: baseValue, lower: 0, upper: nil))
                baseOf[domain] = base
                let cells = own.map { i in
                    tables.add(
                        .init(
                            table: table, key: "\(domain)/\(question)/\(rows[i].item)", value: rows[i].selected ?? 0,
                            lower: 0, upper: nil))
                }
                for (i, c) in zip(own, cells) { cellOf[i] = c }
                let status = rows[own[0]].status
                groups.append(
                    .init(
                        cells: [base] + cells, primary: status.isSuppressed ? .frequency : nil,
                        eligible: domain != SurveyTabulation.allDomain && (status == .ok || status == .lowReliability),
                        cost: [baseValue]))
                // Nobody counts twice: each item at most the base; a single question's codes add
                // up to it, a multi question's items to at least it.
                for c in cells { tables.relations.append(.init(terms: [(base, 1), (c, -1)], kind: .atLeast)) }
                tables.relations.append(
                    .init(terms: cells.map { ($0, 1) } + [(base, -1)], kind: type == .single ? .equal : .atLeast))
            }
            if let all = rowsOf[SurveyTabulation.allDomain], let allBase = baseOf[SurveyTabulation.allDomain] {
                let others = domains.filter { $0 != SurveyTabulation.allDomain }
                tables.relations.append(.init(terms: [(allBase, 1)] + others.compactMap { baseOf[$0] }.map { ($0, -1) }))
                for (k, i) in all.enumerated() {
                    guard let total = cellOf[i] else { continue }
                    let parts = others.compactMap { d in rowsOf[d].flatMap { $0.count > k ? cellOf[$0[k]] : nil } }
                    tables.relations.append(.init(terms: [(total, 1)] + parts.map { ($0, -1) }))
                }
            }
            let outcome = try SecondarySuppression.protect(tables, groups: groups, table: "\(table) question \(question)") {
                cell, rule in
                abs(tables.cells[cell].value) * config.protection / 100
            }
            for (g, rule) in outcome.rules.enumerated() where rule == .secondary {
                for i in rowsOf[domains[g]] ?? [] { statuses[i] = .suppressedSecondary }
            }
            audit += outcome.findings.map { AuditRow($0, in: tables) }
        }
        return (zip(rows, statuses).map { $0.published(as: $1) }, audit)
    }
}
