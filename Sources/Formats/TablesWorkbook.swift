import Statistics
import Values
import XLSXKit

/// tables.xlsx: the run's tables for Excel, one sheet per output table (the CSVs' columns and
/// rows), and two sheets with native Excel charts — survey1 (Monitoring Survey 1: horizontal
/// bars of the first multi question, in the published order) and survey2 (Monitoring Survey 2:
/// per measure, the cluster and the corrected benchmark indices as lines). Number formats show
/// the published decimals (percent 0.0, index 0.000); the header row is frozen; columns are as
/// wide as their content. No clock time: the document's creation date is fixed, so the same
/// tables give the same bytes.
public enum TablesWorkbook {
    /// The creation date written into the document properties: 2000-01-01 00:00 UTC (the
    /// index's base year), never the clock.
    public static let created = 946_684_800

    /// A cell of a table: text, or a number with an Excel number format.
    enum Cell {
        case text(String)
        case number(Double, String?)
        case empty
    }

    public static func write(_ d: ReportData, publishedOrder: [Int], to path: String) throws {
        let ja = d.config.language == .ja
        let book = try Workbook(
            path: path, title: ja ? "産業クラスター計画モニタリング調査" : "Industrial Cluster Plan monitoring survey",
            created: created)
        let percent = "0.0"
        func optional(_ x: Double?, _ format: String?) -> Cell { x.map { .number($0, format) } ?? .empty }

        func estimates(_ rows: [SurveyItemEstimate]) -> [[Cell]] {
            rows.map { r in
                [
                    .text(r.domain), .text(r.question), .number(Double(r.item), nil), .text(r.label),
                    optional(r.publishedRespondents, nil), optional(r.selected, nil), optional(r.percent, percent),
                    optional(r.interval?.lowerBound, percent), optional(r.interval?.upperBound, percent),
                    optional(r.publishedEffectiveN, "0.0"), .text(r.status.rawValue),
                ]
            }
        }
        try table(book, "survey_items", header: DataDictionary.surveyItems.fields.map(\.name), rows: estimates(d.survey))
        if !d.single.isEmpty {
            try table(book, "survey_single", header: DataDictionary.surveySingle.fields.map(\.name), rows: estimates(d.single))
        }
        try table(
            book, "index_series", header: DataDictionary.indexSeries.fields.map(\.name),
            rows: d.index.flatMap { s in
                s.points.map { p in
                    let shown = s.isPublished
                    return [
                        .text(s.kind.rawValue), .text(s.measure.rawValue), .number(Double(p.year), nil),
                        .number(Double(p.enterprises), nil), optional(shown ? p.total : nil, "#,##0"),
                        optional(shown ? p.index : nil, "0.000"),
                        optional(shown ? p.interval?.lowerBound : nil, "0.000"),
                        optional(shown ? p.interval?.upperBound : nil, "0.000"), .text(s.status.rawValue),
                    ]
                }
            })
        if !d.byProject.isEmpty {
            try table(
                book, "index_by_project", header: DataDictionary.indexByProject.fields.map(\.name),
                rows: d.byProject.map { r in
                    [
                        .text(r.project), .text(r.kind.rawValue), .text(r.measure.rawValue), .number(Double(r.year), nil),
                        .number(Double(r.enterprises), nil), optional(r.total, "#,##0"), optional(r.index, "0.000"),
                        optional(r.interval?.lowerBound, "0.000"), optional(r.interval?.upperBound, "0.000"),
                        .text(r.status.rawValue),
                    ]
                })
        }
        try table(
            book, "panel_log", header: DataDictionary.panelLog.fields.map(\.name),
            rows: d.panelLog.map { [.text($0.measure.rawValue), .text($0.reason.rawValue), .number(Double($0.enterprises), nil)] })
        if let rows = d.reproduction {
            try table(
                book, "reproduction", header: DataDictionary.reproduction.fields.map(\.name),
                rows: rows.map { r in
                    let p = r.published
                    return [
                        .text(p.figure), .text(p.series), .text(p.measure), .text(p.key), .text(p.value),
                        .text(r.computed ?? ""), .text(r.matches ? "yes" : "no"),
                    ]
                })
        }

        // Survey 1: the first multi question of domain all, in the published order.
        let first = d.survey.first?.question
        let all = d.survey.filter { $0.domain == SurveyTabulation.allDomain && $0.question == first }
        let ranked = publishedOrder.compactMap { key in all.first { $0.item == key } }
            + all.filter { !publishedOrder.contains($0.item) }
        let survey1 = try table(
            book, "survey1", header: ["item", "label", "percent", "ci_low", "ci_high"],
            rows: ranked.map { r in
                [
                    .number(Double(r.item), nil), .text(r.label), optional(r.percent, percent),
                    optional(r.interval?.lowerBound, percent), optional(r.interval?.upperBound, percent),
                ]
            })
        if !ranked.isEmpty {
            let chart = try book.chart(.bar)
            let last = ranked.count + 1
            try chart.series(
                name: ja ? "肯定的な意見の割合（%）" : "percent", categories: range("survey1", "B", 2, last),
                values: range("survey1", "C", 2, last))
            chart.title(
                ja ? "モニタリング調査1：肯定的な意見の割合（\(first ?? "")）"
                    : "Monitoring Survey 1: percentage of affirmative opinions (\(first ?? ""))")
            chart.categoriesTopDown()
            chart.valueAxis(format: "0", minimum: 0)
            chart.noLegend()
            try survey1.insert(chart, row: 1, column: 6)
        }

        // Survey 2: per measure a block of year, cluster, benchmark_corrected, and its chart.
        let measures = ReportText.orderedUnique(d.index.map(\.measure))
        var rows: [[Cell]] = []
        var blocks: [(measure: Measure, first: Int, last: Int)] = []
        for measure in measures {
            let cluster = d.index.first { $0.measure == measure && $0.kind == .cluster && $0.isPublished }?.points ?? []
            let corrected =
                d.index.first { $0.measure == measure && $0.kind == .benchmarkCorrected && $0.isPublished }?.points ?? []
            let start = rows.count + 2
            for (k, p) in cluster.enumerated() {
                rows.append([
                    .text(measure.rawValue), .number(Double(p.year), nil), .number(p.index, "0.000"),
                    k < corrected.count ? .number(corrected[k].index, "0.000") : .empty,
                ])
            }
            blocks.append((measure, start, rows.count + 1))
        }
        let survey2 = try table(book, "survey2", header: ["measure", "year", "cluster", "benchmark_corrected"], rows: rows)
        for (k, block) in blocks.enumerated() where block.last >= block.first {
            let chart = try book.chart(.line)
            let years = range("survey2", "B", block.first, block.last)
            try chart.series(
                name: ja ? "クラスター参加中小企業" : "SMEs participating in clusters", categories: years,
                values: range("survey2", "C", block.first, block.last), marker: true)
            try chart.series(
                name: ja ? "法人企業統計年報（補正後）" : "Annual Statistics on Incorporated Enterprises (corrected)",
                categories: years, values: range("survey2", "D", block.first, block.last), marker: true)
            let name = Charts.title(block.measure, d.config.language)
            chart.title(
                ja ? "モニタリング調査2：\(name)（\(d.config.baseYear)年度 = 1.000）"
                    : "Monitoring Survey 2: \(name) (\(d.config.baseYear) = 1.000)")
            chart.valueAxis(format: "0.000")
            chart.legendAtBottom()
            try survey2.insert(chart, row: 1 + 16 * k, column: 5)
        }
        try book.close()
    }

    /// A sheet with a bold, frozen header row and columns as wide as their content.
    @discardableResult
    static func table(_ book: Workbook, _ name: String, header: [String], rows: [[Cell]]) throws -> Sheet {
        let sheet = try book.sheet(name)
        var widths = header.map(ReportText.width)
        for (c, title) in header.enumerated() { try sheet.text(0, c, title, header: true) }
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() where c < widths.count {
                switch cell {
                case .text(let s):
                    try sheet.text(r + 1, c, s)
                    widths[c] = max(widths[c], ReportText.width(s))
                case .number(let x, let format):
                    try sheet.number(r + 1, c, x, format: format)
                    widths[c] = max(widths[c], NumberFormat.plain(x).count)
                case .empty:
                    continue
                }
            }
        }
        sheet.freezeHeaderRow()
        for (c, w) in widths.enumerated() { try sheet.width(c, Double(min(w, 60) + 2)) }
        return sheet
    }

    /// `=sheet!$B$2:$B$19`.
    static func range(_ sheet: String, _ column: String, _ first: Int, _ last: Int) -> String {
        "=\(sheet)!$\(column)$\(first):$\(column)$\(last)"
    }
}
