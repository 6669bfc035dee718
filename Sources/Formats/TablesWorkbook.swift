import Statistics
import Values
import XLSXKit

/// tables.xlsx: the run's tables for Excel, laid out by Japan's rules for machine-readable
/// statistical tables (MIC, 2020): one datum per cell, numbers as numbers, no merged cells,
/// units stated, no chart inside a data table.
///
/// - `notes`: what each sheet holds, every column's meaning and unit (the data dictionary),
///   the marks and the sources; the sheet the workbook opens on.
/// - one chart sheet per published figure: `chart_survey1` (horizontal bars of the first multi
///   question in the published order, the confidence interval as error bars) and
///   `chart_<measure>` (the cluster and corrected benchmark indices as lines, the value axis
///   over the data's range), worded and coloured as the SVGs (`Wording`).
/// - one sheet per output table (the CSVs' columns and rows) with an autofilter, the header
///   row frozen and repeated on every printed page, printed one page wide on A4.
/// - `survey1` and `survey2`: the charts' data.
///
/// Number formats show the published decimals (percent 0.0, index 0.000); columns are as wide
/// as their content. No clock time: the document's creation date is fixed, so the same tables
/// give the same bytes.
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
        let w = d.wording
        let book = try Workbook(path: path, title: w.surveyTitle, created: created)
        let percent = "0.0"
        func optional(_ x: Double?, _ format: String?) -> Cell { x.map { .number($0, format) } ?? .empty }

        let notes = try book.sheet("notes")
        notes.activate()

        // The charts' data, ranked as published, and the whiskers' lengths (percent points
        // below and above the percent; 0 where there is no interval).
        let first = d.survey.first?.question
        let ranked = Charts.ranked(
            d.survey.filter { $0.domain == SurveyTabulation.allDomain && $0.question == first }, order: publishedOrder)
        let below = ranked.map { r in r.percent.flatMap { p in r.interval.map { p - $0.lowerBound } } }
        let above = ranked.map { r in r.percent.flatMap { p in r.interval.map { $0.upperBound - p } } }
        var charts: [String] = []
        if !ranked.isEmpty {
            charts.append(try survey1Chart(book, ranked, below: below, above: above, question: first ?? "", d))
        }
        let measures = ReportText.orderedUnique(d.index.map(\.measure))
        var survey2Rows: [[Cell]] = []
        var blocks: [(measure: Measure, first: Int, last: Int, values: [Double])] = []
        for measure in measures {
            let cluster = d.index.first { $0.measure == measure && $0.kind == .cluster && $0.isPublished }?.points ?? []
            let corrected =
                d.index.first { $0.measure == measure && $0.kind == .benchmarkCorrected && $0.isPublished }?.points ?? []
            let start = survey2Rows.count + 2
            for (k, p) in cluster.enumerated() {
                survey2Rows.append([
                    .text(measure.rawValue), .number(Double(p.year), w.yearFormat), .number(p.index, "0.000"),
                    k < corrected.count ? .number(corrected[k].index, "0.000") : .empty,
                ])
            }
            blocks.append((measure, start, survey2Rows.count + 1, (cluster + corrected).map(\.index)))
        }
        for block in blocks where block.last >= block.first { charts.append(try survey2Chart(book, block, d)) }

        var contents: [(sheet: String, spec: TableSpec?, what: String)] = []
        func estimates(_ rows: [SurveyItemEstimate]) -> [[Cell]] {
            rows.map { r in
                [
                    .text(r.domain), .text(r.question), .number(Double(r.item), nil), .text(r.label),
                    optional(r.publishedRespondents, nil), optional(r.publishedCount.map(Double.init), nil),
                    optional(r.selected, nil), optional(r.percent, percent),
                    optional(r.interval?.lowerBound, percent), optional(r.interval?.upperBound, percent),
                    optional(r.publishedEffectiveN, "0.0"), .text(r.status.rawValue),
                ]
            }
        }
        try table(book, firstTableSheet, header: DataDictionary.surveyItems.fields.map(\.name), rows: estimates(d.survey))
        contents.append((firstTableSheet, DataDictionary.surveyItems, DataDictionary.surveyItems.title))
        if !d.single.isEmpty {
            try table(book, "survey_single", header: DataDictionary.surveySingle.fields.map(\.name), rows: estimates(d.single))
            contents.append(("survey_single", DataDictionary.surveySingle, DataDictionary.surveySingle.title))
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
        contents.append(("index_series", DataDictionary.indexSeries, DataDictionary.indexSeries.title))
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
            contents.append(("index_by_project", DataDictionary.indexByProject, DataDictionary.indexByProject.title))
        }
        try table(
            book, "panel_log", header: DataDictionary.panelLog.fields.map(\.name),
            rows: d.panelLog.map { [.text($0.measure.rawValue), .text($0.reason.rawValue), .number(Double($0.enterprises), nil)] })
        contents.append(("panel_log", DataDictionary.panelLog, DataDictionary.panelLog.title))
        if let rows = d.reproduction {
            try table(
                book, "reproduction", header: DataDictionary.reproduction.fields.map(\.name),
                rows: rows.map { r in
                    let p = r.published
                    return [
                        .text(p.figure), .text(p.series), .text(p.measure), numeric(p.key, decimals: 0),
                        numeric(p.value, decimals: p.decimals), r.computed.map { numeric($0, decimals: p.decimals) } ?? .empty,
                        .text(r.matches ? "yes" : "no"),
                    ]
                })
            contents.append(("reproduction", DataDictionary.reproduction, DataDictionary.reproduction.title))
        }
        if !ranked.isEmpty {
            try table(
                book, "survey1", header: ["item", "label", "percent", "ci_low", "ci_high", "below", "above"],
                rows: ranked.enumerated().map { k, r in
                    [
                        .number(Double(r.item), nil), .text(r.label), optional(r.percent, percent),
                        optional(r.interval?.lowerBound, percent), optional(r.interval?.upperBound, percent),
                        optional(below[k], percent), optional(above[k], percent),
                    ]
                })
            contents.append(("survey1", nil, w.survey1SheetNote))
        }
        try table(book, "survey2", header: ["measure", "year", "cluster", "benchmark_corrected"], rows: survey2Rows)
        contents.append(("survey2", nil, w.survey2SheetNote))

        try writeNotes(notes, contents: contents, charts: charts, d)
        try book.close()
    }

    /// Survey 1 on a chart sheet: one bar per item in the published order (top down), the
    /// interval as error bars (`below` and `above`: columns F and G of the survey1 sheet), the
    /// value axis 0–100 %. Returns the sheet's name.
    static func survey1Chart(
        _ book: Workbook, _ ranked: [SurveyItemEstimate], below: [Double?], above: [Double?], question: String,
        _ d: ReportData
    ) throws -> String {
        let w = d.wording
        let last = ranked.count + 1
        let chart = try book.chart(.bar)
        let series = try chart.series(
            name: w.percentSeries, categories: range("survey1", "B", 2, last), values: range("survey1", "C", 2, last))
        series.colour(Wording.barColour)
        chart.gap(40)
        series.customErrorBars(
            plus: ErrorValues(range: range("survey1", "G", 2, last), values: above.map { $0 ?? 0 }),
            minus: ErrorValues(range: range("survey1", "F", 2, last), values: below.map { $0 ?? 0 }),
            colour: Wording.whiskerColour)
        let base = ranked.first.map { $0.publishedRespondents.map(ReportText.weighted) ?? "x" } ?? "0"
        chart.title(
            w.survey1Chart(question: question, base: base) + " — "
                + w.survey1Subtitle(level: NumberFormat.plain(d.config.confidence * 100)), size: 12)
        chart.categoriesTopDown()
        chart.categoryAxis(size: 9)
        chart.valueAxis(format: "0", minimum: 0, maximum: 100, step: 10)
        chart.valueAxisName("%")
        chart.noLegend()
        let name = "chart_survey1"
        try book.chartSheet(name, chart)
        return name
    }

    /// A measure of Survey 2 on a chart sheet: the two index lines, coloured and named as in
    /// the SVG, the value axis over the data padded as the SVG pads it (no interval band here),
    /// widened to whole tick steps.
    /// Returns the sheet's name.
    static func survey2Chart(
        _ book: Workbook, _ block: (measure: Measure, first: Int, last: Int, values: [Double]), _ d: ReportData
    ) throws -> String {
        let w = d.wording
        let chart = try book.chart(.line)
        let years = range("survey2", "B", block.first, block.last)
        let cluster = try chart.series(
            name: w.clusterLegend, categories: years, values: range("survey2", "C", block.first, block.last), marker: .circle)
        cluster.colour(Wording.clusterColour)
        let corrected = try chart.series(
            name: w.benchmarkLegend(excluded: d.config.excludeCategories), categories: years,
            values: range("survey2", "D", block.first, block.last), marker: .square)
        corrected.colour(Wording.benchmarkColour)
        chart.title(w.survey2Chart(block.measure, baseYear: d.config.baseYear), size: 14)
        let (low, high) = Charts.paddedRange(block.values)
        let step = Charts.tickStep(high - low)
        chart.valueAxis(
            format: "0.000", minimum: (low / step).rounded(.down) * step, maximum: (high / step).rounded(.up) * step,
            step: step)
        chart.categoryAxis(size: 10, format: w.yearFormat)
        chart.legendAtBottom()
        let name = "chart_\(block.measure.rawValue)"
        try book.chartSheet(name, chart)
        return name
    }

    /// The notes sheet: the title, the sheets, each table's columns with meaning and unit, the
    /// marks, the sources and the settings.
    static func writeNotes(_ sheet: Sheet, contents: [(sheet: String, spec: TableSpec?, what: String)], charts: [String], _ d: ReportData) throws {
        let w = d.wording
        var row = 0
        func line(_ cells: [String], style: Sheet.Style = .plain) throws {
            // Only the meaning column (D) wraps; a shorter line's text runs over the empty cells.
            for (c, text) in cells.enumerated() where !text.isEmpty {
                try sheet.text(row, c, text, style: style != .plain ? style : c == 3 ? .wrapped : .top)
            }
            if cells.count > 3 {
                let lines = ReportText.wrap(cells[3], meaningWidth - 4).count
                if lines > 1 { try sheet.height(row, 15 * Double(lines)) }
            }
            row += 1
        }
        try line([w.surveyTitle], style: .heading)
        try line([w.notesIntro])
        row += 1
        try line(w.notesSheetsHeader, style: .header)
        for chart in charts { try line([chart, w.chartSheetNote]) }
        for c in contents { try line([c.sheet, c.what]) }
        row += 1
        try line(w.notesColumnsHeader, style: .header)
        for c in contents {
            guard let spec = c.spec else { continue }
            for field in spec.fields { try line([c.sheet, field.name, field.unit ?? "", field.description]) }
        }
        row += 1
        try line([w.marksHeading], style: .header)
        try line(["x", w.suppressedFrequency(d.config.minBase)])
        try line(["*", w.lowReliability(d.config.reliableN)])
        try line(["", w.emptyCellNote])
        row += 1
        try line([w.sourcesHeading], style: .header)
        for source in w.sources { try line(["", source]) }
        row += 1
        try line([w.settingsTable], style: .header)
        for (key, value) in d.config.settings { try line([key, value]) }
        try sheet.width(0, 18)
        try sheet.width(1, 22)
        try sheet.width(2, 24)
        try sheet.width(3, Double(meaningWidth))
        try sheet.printSetup(landscape: true, repeatHeader: false)
    }

    /// The notes sheet's meaning column, in characters.
    static let meaningWidth = 90

    /// A number read from published text, shown with `decimals` (the published value's:
    /// `1.063` as 0.000); text that is not a number stays text.
    static func numeric(_ text: String, decimals: Int) -> Cell {
        guard let x = Double(text), x.isFinite else { return text.isEmpty ? .empty : .text(text) }
        return .number(x, decimals <= 0 ? "0" : "0." + String(repeating: "0", count: decimals))
    }

    /// The first table sheet (datapackage.json's dialect points a tabular reader at it).
    public static let firstTableSheet = "survey_items"

    /// A data sheet: a bold, frozen header row with an autofilter, columns as wide as their
    /// content, printed one page wide with the header on every page.
    @discardableResult
    static func table(_ book: Workbook, _ name: String, header: [String], rows: [[Cell]]) throws -> Sheet {
        let sheet = try book.sheet(name)
        var widths = header.map(ReportText.width)
        for (c, title) in header.enumerated() { try sheet.text(0, c, title, style: .header) }
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() where c < widths.count {
                switch cell {
                case .text(let s):
                    try sheet.text(r + 1, c, s)
                    widths[c] = max(widths[c], ReportText.width(s))
                case .number(let x, let format):
                    try sheet.number(r + 1, c, x, format: format)
                    widths[c] = max(widths[c], NumberFormat.plain(x).count + literalWidth(format))
                case .empty:
                    continue
                }
            }
        }
        sheet.freezeHeaderRow()
        try sheet.autofilter(rows: rows.count + 1, columns: header.count)
        // The autofilter's button takes about two characters of the header cell.
        for (c, w) in widths.enumerated() { try sheet.width(c, Double(min(w, 60) + 4)) }
        try sheet.printSetup(landscape: widths.reduce(0) { $0 + min($1, 60) + 4 } > 90)
        return sheet
    }

    /// The columns a number format's quoted text adds to the number (`0"年度"`: 4).
    static func literalWidth(_ format: String?) -> Int {
        guard let format else { return 0 }
        return format.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.reduce(0) { $0 + ReportText.width(String($1.element)) }
    }

    /// `=sheet!$B$2:$B$19`.
    static func range(_ sheet: String, _ column: String, _ first: Int, _ last: Int) -> String {
        "=\(sheet)!$\(column)$\(first):$\(column)$\(last)"
    }
}
