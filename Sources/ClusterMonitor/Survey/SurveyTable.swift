/// One row of survey_items.csv: an item of a multi question in one domain.
public struct SurveyItemEstimate: Equatable, Sendable {
    public let domain: String
    public let question: String
    public let item: Int
    public let label: String
    /// Σ weights of the base (respondents who selected at least one item of the question).
    public let respondents: Double
    /// Σ weights of the base respondents who selected the item.
    public let selected: Double
    /// 0…100, nil when the base is empty.
    public let percent: Double?
    /// 0…100, nil when the base is empty.
    public let interval: ClosedRange<Double>?
    /// Kish: (Σw)² / Σw² (the count without weights); 0 for an empty base.
    public let effectiveN: Double
}

/// Monitoring Survey 1 (SPEC 3.1): percentage of each item of each multi question among the
/// respondents who selected at least one of its items, per domain.
public enum SurveyTabulation {
    /// Domains: `all` first, then each project of the frame in code-point order (also projects
    /// without respondents); within a domain, multi questions and their items in codebook order.
    public static func tabulate(
        responses: [Response], codebook: Codebook, participants: [Participant], config: RunConfig
    ) throws -> [SurveyItemEstimate] {
        var project: [CorporateNumber: String] = [:]
        for p in participants { project[p.id] = p.project }
        let projects = Array(Set(participants.map(\.project))).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let domains = ["all"] + projects
        var domainIndex: [String: Int] = [:]
        for (k, d) in projects.enumerated() { domainIndex[d] = k + 1 }
        let columnIndex = Dictionary(uniqueKeysWithValues: codebook.columns.enumerated().map { ($1, $0) })

        var rows: [SurveyItemEstimate] = []
        let questions = codebook.questions.filter { $0.type == .multi }
        // Accumulators per question: per domain Σw, Σw², and per item Σw selected.
        for question in questions {
            let cells = question.items.map { columnIndex[$0.column] ?? 0 }
            var base = [Double](repeating: 0, count: domains.count)
            var baseSquares = [Double](repeating: 0, count: domains.count)
            var selected = [[Double]](repeating: [Double](repeating: 0, count: cells.count), count: domains.count)
            for response in responses {
                guard cells.contains(where: { response.cells[$0] == 1 }) else { continue }
                let w = response.weight ?? 1
                let targets = [0, project[response.respondent].flatMap { domainIndex[$0] }].compactMap { $0 }
                for d in targets {
                    base[d] += w
                    baseSquares[d] += w * w
                    for (k, cell) in cells.enumerated() where response.cells[cell] == 1 { selected[d][k] += w }
                }
            }
            for (d, domain) in domains.enumerated() {
                let n = base[d] > 0 ? base[d] * base[d] / baseSquares[d] : 0
                for (k, item) in question.items.enumerated() {
                    var percent: Double?
                    var interval: ClosedRange<Double>?
                    if base[d] > 0 {
                        let p = min(1, selected[d][k] / base[d])
                        percent = 100 * p
                        let ci = try ProportionInterval.interval(
                            method: config.intervalMethod, p: p, n: n, confidence: config.confidence)
                        interval = (100 * ci.lowerBound)...(100 * ci.upperBound)
                    }
                    rows.append(
                        SurveyItemEstimate(
                            domain: domain, question: question.name, item: item.item, label: item.label,
                            respondents: base[d], selected: selected[d][k], percent: percent, interval: interval,
                            effectiveN: n))
                }
            }
        }
        // Domain-major order: all, then projects; questions and items in codebook order.
        let order = Dictionary(uniqueKeysWithValues: domains.enumerated().map { ($1, $0) })
        return rows.enumerated().sorted { a, b in
            let da = order[a.element.domain] ?? 0
            let db = order[b.element.domain] ?? 0
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
    }

    public static let columns = [
        "domain", "question", "item", "label", "respondents", "selected", "percent", "ci_low", "ci_high", "effective_n",
    ]

    public static func write(_ rows: [SurveyItemEstimate], to out: CSVWriter) throws {
        try out.row(columns)
        for r in rows {
            out.field(r.domain)
            out.field(r.question)
            out.field(Int64(r.item))
            out.field(r.label)
            out.field(r.respondents)
            out.field(r.selected)
            if let percent = r.percent, let interval = r.interval {
                out.field(percent)
                out.field(interval.lowerBound)
                out.field(interval.upperBound)
            } else {
                out.emptyField()
                out.emptyField()
                out.emptyField()
            }
            out.field(r.effectiveN)
            try out.endRow()
        }
    }
}

/// The tabulate stage as its executable runs it.
public enum TabulateStage {
    public static func run(
        responsesPath: String?, label: String, codebookPath: String, participantsPath: String, config: RunConfig,
        outputPath: String?
    ) throws -> (rows: [SurveyItemEstimate], report: IngestReport) {
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        let quiet = try RejectLog(writer: nil)
        let codebook = Codebook(
            items: try Ingest.codebook(codebookPath, file: Files.baseName(codebookPath), settings: settings, rejects: quiet).rows)
        let participants = try Ingest.participants(
            participantsPath, file: Files.baseName(participantsPath), settings: settings, rejects: quiet
        ).rows
        let (loaded, _) = try Ingest.responses(
            responsesPath, file: label, codebook: codebook, frame: Set(participants.map(\.id)), settings: settings,
            rejects: quiet)
        let rows = try SurveyTabulation.tabulate(
            responses: loaded.rows, codebook: codebook, participants: participants, config: config)
        let out = try CSVWriter(path: outputPath)
        try SurveyTabulation.write(rows, to: out)
        try out.close()
        return (rows, loaded.report)
    }
}
