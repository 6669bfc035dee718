import GSLKit
import Values

/// One published chart value against the computed one (reproduction.csv, SPEC 1.2).
public struct ReproducedValue: Equatable, Sendable {
    public let published: PublishedValue
    /// The computed value rounded half away from zero to the published decimals; nil when the
    /// computation has no such value.
    public let computed: String?

    public init(published: PublishedValue, computed: String?) {
        self.published = published
        self.computed = computed
    }

    /// Equal as decimals at the published precision: `069.0`, `+69.0` and `69.0` are one value
    /// (compared as numbers; both sides carry the published decimals, so this is exact).
    public var matches: Bool {
        guard let computed else { return false }
        if computed == published.value { return true }
        guard let a = Double(computed), let b = Double(published.value) else { return false }
        return a == b
    }
}

/// Compares published values with the survey estimates (figure survey1: series = domain,
/// measure = question, key = item, value = percent) and the index series (figure survey2:
/// series, measure, key = year, value = index).
public enum Reproduction {
    public static func compare(published: [PublishedValue], survey: [SurveyItemEstimate], index: [IndexSeries])
        -> [ReproducedValue]
    {
        var percent: [String: Double] = [:]
        for r in survey {
            if let v = r.percent { percent[key(r.domain, r.question, String(r.item))] = v }
        }
        var indices: [String: Double] = [:]
        for s in index where s.isPublished {
            for p in s.points { indices[key(s.kind.rawValue, s.measure.rawValue, String(p.year))] = p.index }
        }
        return published.map { p in
            let k = key(p.series, p.measure, p.key)
            let value: Double?
            switch p.knownFigure {
            case .survey1: value = percent[k]
            case .survey2: value = indices[k]
            case nil: value = nil
            }
            return ReproducedValue(published: p, computed: value.map { NumberFormat.rounded($0, decimals: p.decimals) })
        }
    }

    private static func key(_ a: String, _ b: String, _ c: String) -> String {
        "\(a)\u{1F}\(b)\u{1F}\(c)"
    }

    /// STRICT_REPRODUCTION's failure (exit 65) when a published value is not reproduced, naming
    /// the first `shown` of them by their row in reproduction.csv; nil when all are.
    public static func strictFailure(_ rows: [ReproducedValue], unreadable: [Reject] = [], shown: Int = 5) -> PipelineError? {
        let missed = rows.indices.filter { !rows[$0].matches }
        guard !missed.isEmpty || !unreadable.isEmpty else { return nil }
        // A published value that does not read is not reproduced: it is named first.
        let lines = unreadable.map(describeUnreadable) + missed.map { i in
            let p = rows[i].published
            return "reproduction.csv row \(i + 1): \(p.figure) \(p.series) \(p.measure) \(p.key): published \(p.value), computed \(rows[i].computed ?? "nothing")"
        }
        return .notReproduced(
            count: missed.count + unreadable.count, total: rows.count + unreadable.count, first: Array(lines.prefix(shown)))
    }

    /// A published value that does not read, as the messages name it.
    public static func describeUnreadable(_ r: Reject) -> String {
        "\(r.file) line \(r.line), column \(r.column): '\(r.value)' does not read (\(r.reason.rawValue)): not compared"
    }

    /// `reproduced 42 of 42 published values`.
    public static func verdict(_ rows: [ReproducedValue]) -> String {
        "reproduced \(rows.filter(\.matches).count) of \(rows.count) published values"
    }
}
