/// One published chart value against the computed one (reproduction.csv, SPEC 1.2).
public struct ReproducedValue: Equatable, Sendable {
    public let published: PublishedValue
    /// The computed value rounded half away from zero to the published decimals; nil when the
    /// computation has no such value.
    public let computed: String?

    /// Equal as decimals at the published precision: `069.0`, `+69.0` and `69.0` are one value
    /// (compared as numbers; both sides carry the published decimals, so this is exact).
    public var matches: Bool {
        guard let computed else { return false }
        if computed == published.value { return true }
        guard let a = Double(computed), let b = Double(published.value) else { return false }
        return a == b
    }
}

/// Compares published values with survey_items.csv (figure survey1: series = domain, measure =
/// question, key = item, value = percent) and index_series.csv (figure survey2: series,
/// measure, key = year, value = index).
public enum Reproduction {
    public static func compare(published: [PublishedValue], survey: CSVTable?, index: CSVTable?) throws
        -> [ReproducedValue]
    {
        var percent: [String: Double] = [:]
        if let survey {
            for r in try survey.records(["domain", "question", "item", "percent"]) {
                if let v = Double(r["percent"] ?? "") {
                    percent[key(r["domain"], r["question"], r["item"])] = v
                }
            }
        }
        var indices: [String: Double] = [:]
        if let index {
            for r in try index.records(["series", "measure", "year", "index"]) {
                if let v = Double(r["index"] ?? "") { indices[key(r["series"], r["measure"], r["year"])] = v }
            }
        }
        return published.map { p in
            let k = key(p.series, p.measure, p.key)
            let value: Double?
            switch p.figure {
            case "survey1": value = percent[k]
            case "survey2": value = indices[k]
            default: value = nil
            }
            return ReproducedValue(published: p, computed: value.map { NumberFormat.rounded($0, decimals: p.decimals) })
        }
    }

    private static func key(_ a: String?, _ b: String?, _ c: String?) -> String {
        "\(a ?? "")\u{1F}\(b ?? "")\u{1F}\(c ?? "")"
    }

    public static let columns = ["figure", "series", "measure", "key", "published", "computed", "match"]

    public static func write(_ rows: [ReproducedValue], to out: CSVWriter) throws {
        try out.row(columns)
        for r in rows {
            try out.row([
                r.published.figure, r.published.series, r.published.measure, r.published.key, r.published.value,
                r.computed ?? "", r.matches ? "yes" : "no",
            ])
        }
    }

    /// `reproduced 42 of 42 published values`.
    public static func verdict(_ rows: [ReproducedValue]) -> String {
        "reproduced \(rows.filter(\.matches).count) of \(rows.count) published values"
    }

    /// Reads reproduction.csv back (for the report).
    public static func read(_ table: CSVTable) throws -> [ReproducedValue] {
        try table.records(columns).map { r in
            ReproducedValue(
                published: PublishedValue(
                    figure: r["figure"] ?? "", series: r["series"] ?? "", measure: r["measure"] ?? "", key: r["key"] ?? "",
                    value: r["published"] ?? "", legibility: "", label: ""),
                computed: (r["computed"] ?? "").isEmpty ? nil : r["computed"])
        }
    }
}
