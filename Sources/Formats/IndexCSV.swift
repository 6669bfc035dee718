import CSVKit
import Rules
import Statistics
import Values

/// index_series.csv (SPEC 1.2) and the totals file of the correct stage.
///
/// Row order: measures in MEASURES order; within a measure the series cluster, benchmark,
/// benchmark_corrected; years ascending.
public enum IndexCSV {
    public static let columns = ["series", "measure", "year", "enterprises", "total", "index", "ci_low", "ci_high", "status"]
    public static let totalsColumns = ["series", "measure", "year", "enterprises", "total"]

    public static func write(_ series: [IndexSeries], to out: CSVWriter) throws {
        try out.row(columns)
        for s in series {
            for p in s.points {
                guard s.isPublished else {
                    // Withheld (SPEC 11): the panel size stays, the numbers go.
                    writeKey(s, p, to: out)
                    for _ in 0..<4 { out.emptyField() }
                    out.field(s.status.rawValue)
                    try out.endRow()
                    continue
                }
                writeLevel(s, p, to: out)
                out.field(p.index)
                if let interval = p.interval {
                    out.field(interval.lowerBound)
                    out.field(interval.upperBound)
                } else {
                    out.emptyField()
                    out.emptyField()
                }
                out.field(s.status.rawValue)
                try out.endRow()
            }
        }
    }

    /// The columns both files begin with: series, measure, year, enterprises, total.
    private static func writeLevel(_ s: IndexSeries, _ p: IndexPoint, to out: CSVWriter) {
        writeKey(s, p, to: out)
        out.field(p.total)
    }

    /// series, measure, year, enterprises: what every row shows, withheld or not.
    private static func writeKey(_ s: IndexSeries, _ p: IndexPoint, to out: CSVWriter) {
        out.field(s.kind.rawValue)
        out.field(s.measure.rawValue)
        out.field(Int64(p.year))
        out.field(p.enterprises)
    }

    /// The correct stage's output: the levels of the two benchmark series.
    public static func writeTotals(_ series: [IndexSeries], to out: CSVWriter) throws {
        try out.row(totalsColumns)
        for s in series where s.kind != .cluster {
            for p in s.points {
                writeLevel(s, p, to: out)
                try out.endRow()
            }
        }
    }

    struct SeriesRules: RecordRules {
        enum Column: Sendable { case series, measure, year, enterprises, total, index, low, high, status }
        let order: [(column: Column, position: Int)]
        let index: Int

        init(header: Header) throws {
            order = try header.order([
                (.series, "series"), (.measure, "measure"), (.year, "year"), (.enterprises, "enterprises"),
                (.total, "total"), (.index, "index"), (.low, "ci_low"), (.high, "ci_high"),
            ], optional: [(.status, "status")])
            index = try header.require("index")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> (
            kind: SeriesKind, measure: Measure, point: IndexPoint, status: ProjectStatus
        ) {
            var kind = SeriesKind.cluster, measure = Measure.sales, year = 0, enterprises: Int64 = 0
            var total: Double?, index: Double?, low: Double?, high: Double?
            var status = ProjectStatus.ok
            for (column, position) in order {
                switch column {
                case .series:
                    guard let k = SeriesKind(rawValue: try r.code(position)) else {
                        throw Fault(.unexpectedValue, in: r, at: position)
                    }
                    kind = k
                case .measure:
                    guard let m = Measure(rawValue: try r.code(position)) else {
                        throw Fault(.invalidMeasure, in: r, at: position)
                    }
                    measure = m
                case .year:
                    guard let y = try r.integer(position, required: true), YearMonth.acceptedYears.contains(Int(y)) else {
                        throw Fault(.invalidInteger, in: r, at: position)
                    }
                    year = Int(y)
                case .enterprises: enterprises = try r.integer(position, required: true) ?? 0
                case .total: total = try r.decimal(position)
                case .index: index = try r.decimal(position)
                case .low: low = try r.decimal(position)
                case .high: high = try r.decimal(position)
                case .status:
                    guard let s = ProjectStatus(rawValue: try r.code(position)), s == .ok || s.isSuppressed,
                        s != .suppressedSecondary
                    else { throw Fault(.unexpectedValue, in: r, at: position) }
                    status = s
                }
            }
            // A published row has its total and index; a withheld one neither (nor an interval).
            if status.isSuppressed {
                guard total == nil, index == nil, low == nil, high == nil else {
                    throw Fault(.unexpectedValue, in: r, at: self.index)
                }
            } else {
                for (value, column) in [(total, Column.total), (index, .index)] where value == nil {
                    let position = order.first { $0.column == column }?.position ?? self.index
                    throw Fault(.missingValue, in: r, at: position)
                }
            }
            let interval: ClosedRange<Double>?
            switch (low, high) {
            case (nil, nil): interval = nil
            case (.some(let l), .some(let h)) where l <= h: interval = l...h
            default: throw Fault(.unexpectedValue, in: r, at: self.index)
            }
            return (
                kind, measure,
                IndexPoint(year: year, enterprises: enterprises, total: total ?? 0, index: index ?? 0, interval: interval),
                status
            )
        }
    }

    /// Reads index_series.csv back into its series (in file order, each series' years as
    /// listed); any fault is an error naming the line and column. A withheld series (SPEC 11)
    /// reads with its status and zeros in place of its numbers, which nothing may show.
    public static func read(_ path: String) throws -> [IndexSeries] {
        let rows = try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns) {
            try SeriesRules(header: $0)
        }
        var series: [IndexSeries] = []
        for row in rows {
            if let last = series.last, last.kind == row.kind, last.measure == row.measure {
                series[series.count - 1] = IndexSeries(
                    kind: last.kind, measure: last.measure, points: last.points + [row.point], status: last.status)
            } else {
                series.append(IndexSeries(kind: row.kind, measure: row.measure, points: [row.point], status: row.status))
            }
        }
        return series
    }

    struct TotalsRow: Sendable, Equatable {
        let kind: SeriesKind
        let measure: Measure
        let year: Int
        let enterprises: Int64
        let total: Double
    }

    struct TotalsRules: RecordRules {
        let series: Int, measure: Int, year: Int, enterprises: Int, total: Int

        init(header: Header) throws {
            series = try header.require("series")
            measure = try header.require("measure")
            year = try header.require("year")
            enterprises = try header.require("enterprises")
            total = try header.require("total")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> TotalsRow {
            guard let kind = SeriesKind(rawValue: try r.code(series)), kind != .cluster else {
                throw Fault(.invalidMeasure, in: r, at: series)
            }
            guard let m = Measure(rawValue: try r.code(measure)) else { throw Fault(.invalidMeasure, in: r, at: measure) }
            guard let y = try r.integer(year, required: true) else { throw Fault(.missingValue, in: r, at: year) }
            guard let e = try r.integer(enterprises, required: true) else { throw Fault(.missingValue, in: r, at: enterprises) }
            guard let t = DecimalParser.parse(r.field(total)) else { throw Fault(.invalidNumber, in: r, at: total) }
            return TotalsRow(kind: kind, measure: m, year: Int(y), enterprises: e, total: t)
        }
    }

    /// Reads the correct stage's totals back into the benchmark and benchmark_corrected series.
    public static func readTotals(_ path: String?, file: String, config: RunConfig) throws -> [IndexSeries] {
        let rows = try RecordLoop.readIntermediate(path, file: file, columns: totalsColumns) {
            try TotalsRules(header: $0)
        }
        var series: [IndexSeries] = []
        for window in config.measures {
            for kind in [SeriesKind.benchmark, .benchmarkCorrected] {
                var totals: [Double] = []
                var enterprises: [Int64] = []
                for year in window.years {
                    guard let row = rows.first(where: { $0.kind == kind && $0.measure == window.measure && $0.year == year })
                    else {
                        throw PipelineError.badIntermediate(
                            path: file, line: 0, message: "no \(kind.rawValue) \(window.measure.rawValue) total for \(year)")
                    }
                    totals.append(row.total)
                    enterprises.append(row.enterprises)
                }
                series.append(
                    try IndexSeries.make(
                        kind: kind, measure: window.measure, first: window.first, baseYear: config.baseYear,
                        totals: totals, enterprises: enterprises))
            }
        }
        return series
    }
}
