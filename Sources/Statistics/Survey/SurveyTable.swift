import GSLKit
import Values

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

    public init(
        domain: String, question: String, item: Int, label: String, respondents: Double, selected: Double,
        percent: Double?, interval: ClosedRange<Double>?, effectiveN: Double
    ) {
        self.domain = domain
        self.question = question
        self.item = item
        self.label = label
        self.respondents = respondents
        self.selected = selected
        self.percent = percent
        self.interval = interval
        self.effectiveN = effectiveN
    }
}

/// Monitoring Survey 1 (SPEC 3.1): percentage of each item of each multi question among the
/// respondents who selected at least one of its items, per domain.
public enum SurveyTabulation {
    /// The domain of every respondent, before the projects.
    public static let allDomain = "all"

    /// Domains: `all` first, then each project of the frame in code-point order (also projects
    /// without respondents); within a domain, multi questions and their items in codebook order.
    public static func tabulate(
        responses: [Response], codebook: Codebook, participants: [Participant], config: RunConfig
    ) throws -> [SurveyItemEstimate] {
        var table = ResponseTable(codebook: codebook, hasWeight: responses.contains { $0.weight != nil })
        for r in responses { table.append(r) }
        return try tabulate(table, frame: Frame(participants: participants), config: config)
    }

    /// The same over a compact table: one pass over the respondents per question.
    public static func tabulate(_ table: ResponseTable, frame: Frame, config: RunConfig) throws -> [SurveyItemEstimate] {
        let codebook = table.codebook
        let domains = [allDomain] + frame.projects
        let columnIndex = Dictionary(uniqueKeysWithValues: codebook.columns.enumerated().map { ($1, $0) })
        // Each respondent's domain besides `all` (1 + project position), looked up once.
        let domainOf = (0..<table.count).map { i in frame.projectIndex(table.respondents[i]).map { $0 + 1 } ?? 0 }
        var byDomain = [[SurveyItemEstimate]](repeating: [], count: domains.count)
        // Weights are summed in units of 2^e, e the binary exponent of the largest weight: the
        // scaled weights lie in (0, 2), so Σw² neither overflows (weights near 1e308) nor
        // underflows (near 1e-320), and scaling by a power of two is exact — unit weights and
        // every ordinary weight give the same bits as unscaled sums (SPEC 7.5).
        var largest = 0.0
        for i in 0..<table.count { largest = max(largest, table.weight(i)) }
        let exponent = largest > 0 && largest.isFinite ? Int(largest.exponent) : 0
        @inline(__always) func scaled(_ w: Double) -> Double {
            w == 0 ? 0 : Double(sign: .plus, exponent: w.exponent - exponent, significand: w.significand)
        }
        let unit = Double(sign: .plus, exponent: exponent, significand: 1)
        func unscaled(_ sum: Double, _ what: String, _ domain: String, _ question: String) throws -> Double {
            let value = sum * unit
            guard value.isFinite else {
                throw PipelineError.impossible(
                    "responses.csv: weight: the \(what) of domain \(domain), question \(question) exceeds the largest number (about 1.8e308); scale the weights down")
            }
            return value
        }
        for question in codebook.questions where question.type == .multi {
            let cells = question.items.map { columnIndex[$0.column] ?? 0 }
            var base = [Double](repeating: 0, count: domains.count)
            var baseSquares = [Double](repeating: 0, count: domains.count)
            var selected = [Double](repeating: 0, count: domains.count * cells.count)
            for i in 0..<table.count {
                var any = false
                for cell in cells where table.selected(i, column: cell) {
                    any = true
                    break
                }
                guard any else { continue }
                let w = scaled(table.weight(i))
                let d = domainOf[i]
                base[0] += w
                baseSquares[0] += w * w
                if d > 0 {
                    base[d] += w
                    baseSquares[d] += w * w
                }
                for (k, cell) in cells.enumerated() where table.selected(i, column: cell) {
                    selected[k] += w
                    if d > 0 { selected[d * cells.count + k] += w }
                }
            }
            for d in domains.indices {
                let n = base[d] > 0 ? base[d] * base[d] / baseSquares[d] : 0
                for (k, item) in question.items.enumerated() {
                    var percent: Double?
                    var interval: ClosedRange<Double>?
                    let chosen = selected[d * cells.count + k]
                    if base[d] > 0 {
                        let p = min(1, chosen / base[d])
                        percent = 100 * p
                        let ci = try ProportionInterval.interval(
                            method: config.intervalMethod, p: p, n: n, confidence: config.confidence)
                        interval = (100 * ci.lowerBound)...(100 * ci.upperBound)
                    }
                    byDomain[d].append(
                        SurveyItemEstimate(
                            domain: domains[d], question: question.name, item: item.item, label: item.label,
                            respondents: try unscaled(base[d], "weighted base", domains[d], question.name),
                            selected: try unscaled(chosen, "weighted selections", domains[d], question.name),
                            percent: percent, interval: interval, effectiveN: n))
                }
            }
        }
        return byDomain.flatMap { $0 }
    }
}
