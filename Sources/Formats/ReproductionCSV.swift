import CSVKit
import Rules
import Statistics
import Values

/// reproduction.csv (SPEC 1.2): each published value beside the computed one, in published
/// order. The writer and the reader (the report reads it back, every cell checked).
public enum ReproductionCSV {
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

    struct Rules: RecordRules {
        enum Column: Hashable, Sendable { case figure, series, measure, key, published, computed, match }
        let order: [(column: Column, position: Int)]
        let match: Int

        init(header: Header) throws {
            order = try header.order([
                (.figure, "figure"), (.series, "series"), (.measure, "measure"), (.key, "key"),
                (.published, "published"), (.computed, "computed"), (.match, "match"),
            ])
            match = try header.require("match")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> ReproducedValue {
            // Every cell is a code but `computed`, which is empty when nothing was computed.
            var text: [Column: String] = [:]
            for (column, position) in order {
                text[column] = column == .computed ? try r.checkedText(position) : try r.code(position)
            }
            func cell(_ column: Column) -> String { text[column] ?? "" }
            let computed = cell(.computed)
            let value = ReproducedValue(
                published: PublishedValue(
                    figure: cell(.figure), series: cell(.series), measure: cell(.measure), key: cell(.key),
                    value: cell(.published), legibility: "", label: ""),
                computed: computed.isEmpty ? nil : computed)
            // `match` must say what the two values say (a hand-edited file is caught here).
            guard cell(.match) == (value.matches ? "yes" : "no") else { throw Fault(.unexpectedValue, in: r, at: self.match) }
            return value
        }
    }

    /// Reads reproduction.csv back; any fault is an error naming the line and column.
    public static func read(_ path: String) throws -> [ReproducedValue] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns) { try Rules(header: $0) }
    }
}
