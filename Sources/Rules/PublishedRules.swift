import CSVKit
import Values

/// published.csv: chart values to reproduce.
public struct PublishedRules: Sendable {
    enum Column: Sendable { case figure, series, measure, key, value, legibility, label }

    /// The columns in file order (faults are reported for the first in that order); the
    /// optional ones only when the header names them.
    let order: [(column: Column, position: Int)]

    public init(header: Header) throws {
        order = try header.order(
            [(.figure, "figure"), (.series, "series"), (.measure, "measure"), (.key, "key"), (.value, "value")],
            optional: [(.legibility, "legibility"), (.label, "label")])
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> PublishedValue {
        var figure = "", series = "", measure = "", key = "", value = "", legibility = "", label = ""
        for (column, position) in order {
            switch column {
            case .figure: figure = try r.code(position)
            case .series: series = try r.code(position)
            case .measure: measure = try r.code(position)
            case .key: key = try r.code(position)
            case .value:
                let printed = try r.code(position)
                guard DecimalParser.parse(ArraySlice(printed.utf8)) != nil, !printed.contains("e"),
                    !printed.contains("E")
                else { throw Fault(.invalidNumber, in: r, at: position) }
                value = printed
            case .legibility: legibility = try r.checkedText(position)
            case .label: label = try r.checkedText(position)
            }
        }
        return PublishedValue(
            figure: figure, series: series, measure: measure, key: key, value: value, legibility: legibility,
            label: label)
    }

    public static func key(_ row: PublishedValue) -> CompositeKey {
        CompositeKey([row.figure, row.series, row.measure, row.key])
    }
}
