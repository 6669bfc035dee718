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
        // Nothing withheld: the rows are published as they are (no copy, no program).
        guard rows.contains(where: { $0.status.isSuppressed }) else { return (rows, []) }
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
            // The question's rows come domain by domain, `all` first, each domain's block one row
            // per item: blocks are cut by position (the first item's second appearance), never
            // by name, so that a project coded `all` is a domain of its own.
            let first = rows[indices[0]].item
            let size = indices.dropFirst().firstIndex { rows[$0].item == first }.map { $0 - indices.startIndex } ?? indices.count
            let blocks = stride(from: 0, to: indices.count, by: size).map { Array(indices[$0..<min($0 + size, indices.count)]) }
            var tables = LinkedTables()
            var cellOf: [Int: Int] = [:]
            var bases: [Int] = []
            var groups: [SecondarySuppression.Group] = []
            for (b, own) in blocks.enumerated() {
                let domain = rows[own[0]].domain
                let baseValue = rows[own[0]].respondents
                let base = tables.add(
                    .init(table: table, key: "\(domain)/\(question)/respondents", value: baseValue, lower: 0, upper: nil))
                bases.append(base)
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
                        eligible: b > 0 && (status == .ok || status == .lowReliability), cost: [baseValue]))
                // Nobody counts twice: each item at most the base; a single question's codes add
                // up to it, a multi question's items to at least it.
                for c in cells { tables.relations.append(.init(terms: [(base, 1), (c, -1)], kind: .atLeast)) }
                tables.relations.append(
                    .init(terms: cells.map { ($0, 1) } + [(base, -1)], kind: type == .single ? .equal : .atLeast))
            }
            // The first block is `all`: the sum of the others, for the base and every item.
            if let all = blocks.first, blocks.count > 1 {
                tables.relations.append(.init(terms: [(bases[0], 1)] + bases.dropFirst().map { ($0, -1) }))
                for (k, i) in all.enumerated() {
                    guard let total = cellOf[i] else { continue }
                    let parts = blocks.dropFirst().compactMap { $0.count > k ? cellOf[$0[k]] : nil }
                    tables.relations.append(.init(terms: [(total, 1)] + parts.map { ($0, -1) }))
                }
            }
            let outcome = try SecondarySuppression.protect(tables, groups: groups, table: "\(table) question \(question)") {
                cell, rule in
                abs(tables.cells[cell].value) * config.protection / 100
            }
            for (g, rule) in outcome.rules.enumerated() where rule == .secondary {
                for i in blocks[g] { statuses[i] = .suppressedSecondary }
            }
            audit += outcome.findings.map { AuditRow($0, in: tables) }
        }
        return (zip(rows, statuses).map { $0.published(as: $1) }, audit)
    }
}
