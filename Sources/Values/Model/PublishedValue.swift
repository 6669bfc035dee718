/// The published figures a value may belong to (published.csv's `figure`).
public enum PublishedFigure: String, Sendable {
    /// Monitoring Survey 1: series = domain, measure = question, key = item, value = percent.
    case survey1
    /// Monitoring Survey 2: series, measure, key = fiscal year, value = index.
    case survey2
}

/// One value of a published chart, kept as printed so that its decimals decide the rounding.
public struct PublishedValue: Equatable, Sendable {
    public let figure: String
    public let series: String
    public let measure: String
    public let key: String
    /// As printed (`69.0`, `1.31`, `0.998`).
    public let value: String
    public let legibility: String
    public let label: String

    public init(figure: String, series: String, measure: String, key: String, value: String, legibility: String, label: String) {
        self.figure = figure
        self.series = series
        self.measure = measure
        self.key = key
        self.value = value
        self.legibility = legibility
        self.label = label
    }

    /// The figure, when it is one this pipeline computes.
    public var knownFigure: PublishedFigure? { PublishedFigure(rawValue: figure) }

    /// How many decimals the printed value has.
    public var decimals: Int {
        guard let point = value.firstIndex(of: ".") else { return 0 }
        return value.distance(from: point, to: value.endIndex) - 1
    }
}
