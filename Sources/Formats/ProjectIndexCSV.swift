import CSVKit
import Rules
import Statistics
import Values

/// index_by_project.csv (SPEC 10):
/// `project,series,measure,year,enterprises,total,index,ci_low,ci_high,status`; projects in
/// code-point order, then measures in MEASURES order, series cluster then benchmark_corrected,
/// years ascending. A suppressed series (SPEC 11) leaves total, index and interval empty; an
/// undefined or empty one its index and interval.
public enum ProjectIndexCSV {
    public static let columns = [
        "project", "series", "measure", "year", "enterprises", "total", "index", "ci_low", "ci_high", "status",
    ]

    public static func write(_ rows: [ProjectIndexRow], to out: CSVWriter) throws {
        try out.row(columns)
        for r in rows {
            out.field(r.project)
            out.field(r.kind.rawValue)
            out.field(r.measure.rawValue)
            out.field(Int64(r.year))
            out.field(r.enterprises)
            for value in [r.total, r.index, r.interval?.lowerBound, r.interval?.upperBound] {
                if let value { out.field(value) } else { out.emptyField() }
            }
            out.field(r.status.rawValue)
            try out.endRow()
        }
    }

    struct Rules: RecordRules {
        let project: Int, series: Int, measure: Int, year: Int, enterprises: Int
        let total: Int, index: Int, low: Int, high: Int, status: Int

        init(header: Header) throws {
            project = try header.require("project")
            series = try header.require("series")
            measure = try header.require("measure")
            year = try header.require("year")
            enterprises = try header.require("enterprises")
            total = try header.require("total")
            index = try header.require("index")
            low = try header.require("ci_low")
            high = try header.require("ci_high")
            status = try header.require("status")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> ProjectIndexRow {
            let p = try r.code(project)
            guard let kind = SeriesKind(rawValue: try r.code(series)), kind != .benchmark else {
                throw Fault(.unexpectedValue, in: r, at: series)
            }
            guard let m = Measure(rawValue: try r.code(measure)) else { throw Fault(.invalidMeasure, in: r, at: measure) }
            guard let y = try r.integer(year, required: true), YearMonth.acceptedYears.contains(Int(y)) else {
                throw Fault(.invalidInteger, in: r, at: year)
            }
            guard let n = try r.integer(enterprises, required: true), n >= 0 else {
                throw Fault(.invalidInteger, in: r, at: enterprises)
            }
            guard let s = ProjectStatus(rawValue: try r.code(status)) else { throw Fault(.unexpectedValue, in: r, at: status) }
            let t = try r.decimal(total)
            let i = try r.decimal(index)
            let l = try r.decimal(low)
            let h = try r.decimal(high)
            // ok: total and index; undefined and empty: the total only; suppressed: nothing.
            let interval: ClosedRange<Double>?
            switch (l, h) {
            case (nil, nil): interval = nil
            case (.some(let a), .some(let b)) where a <= b: interval = a...b
            default: throw Fault(.invalidNumber, in: r, at: low)
            }
            guard (t != nil) == !s.isSuppressed, (i != nil) == (s == .ok), s == .ok || interval == nil else {
                throw Fault(.unexpectedValue, in: r, at: status)
            }
            return ProjectIndexRow(
                project: p, kind: kind, measure: m, year: Int(y), enterprises: n, total: t, index: i, interval: interval,
                status: s)
        }
    }

    /// Reads index_by_project.csv back; any fault is an error naming the line and column.
    public static func read(_ path: String) throws -> [ProjectIndexRow] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns) { try Rules(header: $0) }
    }
}
