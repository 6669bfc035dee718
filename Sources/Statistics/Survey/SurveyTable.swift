import GSLKit
import Values

/// Whether an estimate may be quoted (SPEC 9, column `status`).
public enum EstimateStatus: String, CaseIterable, Sendable {
    /// Published as it is.
    case ok
    /// Effective n below RELIABLE_N: the numbers are shown, with a flag.
    case lowReliability = "low_reliability"
    /// The base has fewer than MIN_BASE respondents (the survey's frequency rule, SPEC 11):
    /// selected, percent and interval withheld.
    case suppressedFrequency = "suppressed_frequency"
    /// Withheld so that a suppressed domain cannot be worked out from `all` minus the others
    /// (SPEC 11).
    case suppressedSecondary = "suppressed_secondary"
    /// No base at all.
    case empty

    /// Whether selected, percent and interval are withheld.
    public var isSuppressed: Bool { self == .suppressedFrequency || self == .suppressedSecondary }

    /// The status of an estimate whose base has `count` respondents (counted, not weighted) and
    /// effective n `effectiveN`: empty, then suppressed, then low_reliability, else ok. An
    /// effective n within 1e-9 (relative) below RELIABLE_N reaches it: equal weights give
    /// (Σw)²/Σw² a rounding error away from the count (30 respondents of weight 9.9 give
    /// 29.999999999999996), and such a base is the count it is.
    public static func of(count: Int, effectiveN: Double, config: RunConfig) -> EstimateStatus {
        if count == 0 { return .empty }
        if count < config.minBase { return .suppressedFrequency }
        if effectiveN < config.reliableN * (1 - 1e-9) { return .lowReliability }
        return .ok
    }
}

/// One row of survey_items.csv (an item of a multi question in one domain) or of
/// survey_single.csv (a code of a single question in one domain).
public struct SurveyItemEstimate: Equatable, Sendable {
    public let domain: String
    public let question: String
    public let item: Int
    public let label: String
    /// Σ weights of the base (multi: respondents who selected at least one item of the
    /// question; single: respondents who answered it).
    public let respondents: Double
    /// Σ weights of the base respondents who selected the item; nil once withheld (SPEC 11).
    public let selected: Double?
    /// 0…100, nil when the base is empty or suppressed.
    public let percent: Double?
    /// 0…100, nil when the base is empty or suppressed.
    public let interval: ClosedRange<Double>?
    /// Kish: (Σw)² / Σw² (the count without weights); 0 for an empty base.
    public let effectiveN: Double
    public let status: EstimateStatus
    /// The base counted without weights (what MIN_BASE tests); nil when read from a table of an
    /// edition before the column `n`.
    public let count: Int?

    public init(
        domain: String, question: String, item: Int, label: String, respondents: Double, selected: Double?,
        percent: Double?, interval: ClosedRange<Double>?, effectiveN: Double, status: EstimateStatus = .ok,
        count: Int? = nil
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
        self.status = status
        self.count = count
    }
}

extension SurveyItemEstimate {
    /// The base as published: nil when withheld (SPEC 11).
    public var publishedRespondents: Double? { status.isSuppressed ? nil : respondents }

    /// The effective n as published: nil when withheld (SPEC 11).
    public var publishedEffectiveN: Double? { status.isSuppressed ? nil : effectiveN }

    /// The unweighted base as published: nil when withheld (SPEC 11) or not known.
    public var publishedCount: Int? { status.isSuppressed ? nil : count }

    /// The row as published with `status`: a suppressed status withholds selected, percent and
    /// interval (SPEC 11).
    public func published(as status: EstimateStatus) -> SurveyItemEstimate {
        let hide = status.isSuppressed
        return SurveyItemEstimate(
            domain: domain, question: question, item: item, label: label, respondents: respondents,
            selected: hide ? nil : selected, percent: hide ? nil : percent, interval: hide ? nil : interval,
            effectiveN: effectiveN, status: status, count: count)
    }
}

/// Monitoring Survey 1 (SPEC 3.1) and the single questions (SPEC 9): the percentage of each
/// item of each question among the question's base, per domain, with its status.
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

    /// The multi questions over a compact table: one pass over the respondents per question.
    /// `weights` (one per respondent, the calibrated ones) replace the table's when given.
    public static func tabulate(_ table: ResponseTable, frame: Frame, config: RunConfig, weights: [Double]? = nil)
        throws -> [SurveyItemEstimate]
    {
        try audited(table, frame: frame, config: config, weights: weights, type: .multi).rows
    }

    /// A table of `type` as published (primary and secondary suppression applied, SPEC 11)
    /// with the audit of its withheld cells.
    public static func audited(
        _ table: ResponseTable, frame: Frame, config: RunConfig, weights: [Double]? = nil, type: QuestionType
    ) throws -> (rows: [SurveyItemEstimate], audit: [AuditRow]) {
        let raw = try estimates(table, frame: frame, config: config, weights: weights, type: type)
        return try SurveyDisclosure.protect(
            raw, table: type == .multi ? "survey_items.csv" : "survey_single.csv", type: type, config: config)
    }

    /// The single questions (survey_single.csv): base = respondents who answered the question,
    /// one row per code of the codebook; domains and order as `tabulate`.
    public static func tabulateSingle(
        _ table: ResponseTable, frame: Frame, config: RunConfig, weights: [Double]? = nil
    ) throws -> [SurveyItemEstimate] {
        try audited(table, frame: frame, config: config, weights: weights, type: .single).rows
    }

    private static func estimates(
        _ table: ResponseTable, frame: Frame, config: RunConfig, weights: [Double]?, type: QuestionType
    ) throws -> [SurveyItemEstimate] {
        let codebook = table.codebook
        let domains = [allDomain] + frame.projects
        let columnIndex = Dictionary(uniqueKeysWithValues: codebook.columns.enumerated().map { ($1, $0) })
        // Each respondent's domain besides `all` (1 + project position), looked up once.
        let domainOf = (0..<table.count).map { i in frame.projectIndex(table.respondents[i]).map { $0 + 1 } ?? 0 }
        var byDomain = [[SurveyItemEstimate]](repeating: [], count: domains.count)
        // Weights are summed in units of 2^e, e the binary exponent of the largest weight: the
        // scaled weights lie in (0, 2), so Σw² neither overflows (weights near 1e308) nor
        // underflows (near 1e-320), and scaling by a power of two is exact — unit weights and
        // every ordinary weight give the same bits as unscaled sums (SPEC 7.5). Scaled once per
        // respondent, for every question.
        let given = weights ?? (0..<table.count).map(table.weight)
        let largest = given.reduce(0.0) { max($0, $1) }
        let exponent = largest > 0 && largest.isFinite ? Int(largest.exponent) : 0
        let scaledWeights = given.map { w in
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
        for question in codebook.questions where question.type == type {
            let items = question.items.count
            var sums = Sums(domains: domains.count, items: items)
            switch type {
            case .multi:
                let cells = question.items.map { columnIndex[$0.column] ?? 0 }
                for i in 0..<table.count {
                    var any = false
                    for cell in cells where table.selected(i, column: cell) {
                        any = true
                        break
                    }
                    guard any else { continue }
                    let (w, d) = (scaledWeights[i], domainOf[i])
                    sums.add(w, domain: d)
                    for (k, cell) in cells.enumerated() where table.selected(i, column: cell) { sums.choose(k, w, domain: d) }
                }
            case .single:
                // One column; its cells hold the 1-based position of the code in codebook order.
                let cell = question.items.first.flatMap { columnIndex[$0.column] } ?? 0
                for i in 0..<table.count {
                    let position = table.answer(i, column: cell)
                    guard position > 0 && position <= items else { continue }
                    let (w, d) = (scaledWeights[i], domainOf[i])
                    sums.add(w, domain: d)
                    sums.choose(position - 1, w, domain: d)
                }
            }
            let (base, baseSquares, count, selected) = (sums.base, sums.baseSquares, sums.count, sums.selected)
            for d in domains.indices {
                let n = base[d] > 0 ? base[d] * base[d] / baseSquares[d] : 0
                let status = EstimateStatus.of(count: count[d], effectiveN: n, config: config)
                let respondents = try unscaled(base[d], "weighted base", domains[d], question.name)
                for (k, item) in question.items.enumerated() {
                    var percent: Double?
                    var interval: ClosedRange<Double>?
                    let chosen = try unscaled(selected[d * items + k], "weighted selections", domains[d], question.name)
                    if base[d] > 0 {
                        let p = min(1, selected[d * items + k] / base[d])
                        percent = 100 * p
                        let ci = try ProportionInterval.interval(
                            method: config.intervalMethod, p: p, n: n, confidence: config.confidence)
                        interval = (100 * ci.lowerBound)...(100 * ci.upperBound)
                    }
                    byDomain[d].append(
                        SurveyItemEstimate(
                            domain: domains[d], question: question.name, item: item.item, label: item.label,
                            respondents: respondents,
                            selected: chosen, percent: percent, interval: interval,
                            effectiveN: n, status: status, count: count[d]))
                }
            }
        }
        return byDomain.flatMap { $0 }
    }
}

/// The sums of one question: per domain (0 = all) the base's weights, squared weights and count,
/// and per domain and item the weights of those who chose it. A value type with mutating
/// methods, so that the loops over a million respondents touch plain arrays.
private struct Sums {
    let items: Int
    var base: [Double]
    var baseSquares: [Double]
    var count: [Int]
    var selected: [Double]

    init(domains: Int, items: Int) {
        self.items = items
        base = [Double](repeating: 0, count: domains)
        baseSquares = base
        count = [Int](repeating: 0, count: domains)
        selected = [Double](repeating: 0, count: domains * items)
    }

    /// A respondent of `domain` (besides all) with scaled weight `w` in the base.
    @inline(__always)
    mutating func add(_ w: Double, domain d: Int) {
        base[0] += w
        baseSquares[0] += w * w
        count[0] += 1
        if d > 0 {
            base[d] += w
            baseSquares[d] += w * w
            count[d] += 1
        }
    }

    /// That respondent chose item `k`.
    @inline(__always)
    mutating func choose(_ k: Int, _ w: Double, domain d: Int) {
        selected[k] += w
        if d > 0 { selected[d * items + k] += w }
    }
}
