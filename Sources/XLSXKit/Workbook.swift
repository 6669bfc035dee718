import CXLSX
import Values
import ZipKit

/// An .xlsx workbook written with libxlsxwriter: the only code that touches its pointers. The
/// workbook owns the C workbook (and, through it, every sheet, format and chart); `close()`
/// writes the file, and a workbook dropped without it is freed without writing anything.
/// Text is always written as a string cell (a label starting with `=` never becomes a formula).
/// What libxlsxwriter cannot write — custom error bars — is written into the chart's XML after
/// it closed the file (`Series.customErrorBars`).
public final class Workbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private let path: String
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var bold: UnsafeMutablePointer<lxw_format>?
    private var wrapped: UnsafeMutablePointer<lxw_format>?
    private var heading: UnsafeMutablePointer<lxw_format>?
    private var top: UnsafeMutablePointer<lxw_format>?
    /// Custom error bars to write after closing: each stands in the chart as fixed error bars
    /// of its marker value, which `close()` replaces by the custom values.
    fileprivate var errorBars: [(marker: Int, plus: ErrorValues, minus: ErrorValues)] = []

    /// A new workbook for `path` whose document properties carry `created` (seconds since
    /// 1970) instead of the clock, so that the same tables give the same bytes.
    public init(path: String, title: String, created: Int) throws {
        guard let handle = workbook_new(path) else {
            throw PipelineError.outputUnwritable(path: path, reason: "libxlsxwriter could not start the workbook")
        }
        self.handle = handle
        self.path = path
        var properties = lxw_doc_properties()
        properties.created = time_t(created)
        let status = title.withCString { t in
            "ClusterMonitor".withCString { a in
                properties.title = UnsafeMutablePointer(mutating: t)
                properties.author = UnsafeMutablePointer(mutating: a)
                return workbook_set_properties(handle, &properties)
            }
        }
        try check(status)
        let format = workbook_add_format(handle)
        format_set_bold(format)
        bold = format
        let wrap = workbook_add_format(handle)
        format_set_text_wrap(wrap)
        format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        wrapped = wrap
        let big = workbook_add_format(handle)
        format_set_bold(big)
        format_set_font_size(big, 14)
        heading = big
        let up = workbook_add_format(handle)
        format_set_align(up, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        top = up
    }

    deinit {
        if let handle { lxw_workbook_free(handle) }
    }

    /// A sheet named `name` (at most 31 characters, Excel's limit).
    public func sheet(_ name: String) throws -> Sheet {
        guard let handle, let sheet = workbook_add_worksheet(handle, name) else {
            throw PipelineError.library(name: "libxlsxwriter", message: "\(path): cannot add the sheet \(name)")
        }
        return Sheet(handle: sheet, workbook: self)
    }

    /// A chart sheet named `name` showing `chart` (the whole window; printed on one landscape
    /// A4 page).
    public func chartSheet(_ name: String, _ chart: Chart) throws {
        guard let handle, let sheet = workbook_add_chartsheet(handle, name) else {
            throw PipelineError.library(name: "libxlsxwriter", message: "\(path): cannot add the chart sheet \(name)")
        }
        try check(chartsheet_set_chart(sheet, chart.handle))
        chartsheet_set_landscape(sheet)
        chartsheet_set_paper(sheet, 9)
    }

    /// A chart to place on a sheet with `Sheet.insert(_:row:column:)` or on a chart sheet.
    public func chart(_ kind: Chart.Kind) throws -> Chart {
        let type: lxw_chart_type
        switch kind {
        case .bar: type = LXW_CHART_BAR
        case .line: type = LXW_CHART_LINE
        }
        guard let handle, let chart = workbook_add_chart(handle, UInt8(type.rawValue)) else {
            throw PipelineError.library(name: "libxlsxwriter", message: "\(path): cannot add a chart")
        }
        return Chart(handle: chart, kind: kind, workbook: self)
    }

    /// Writes the file, then the custom error bars into their charts. The workbook cannot be
    /// used afterwards.
    public func close() throws {
        guard let handle else { return }
        self.handle = nil
        let status = workbook_close(handle)  // frees the workbook, written or not
        if status != LXW_NO_ERROR {
            throw PipelineError.outputUnwritable(path: path, reason: String(cString: lxw_strerror(status)))
        }
        guard !errorBars.isEmpty else { return }
        var entries = try ZipArchive.read(path)
        var pending = errorBars
        for k in entries.indices where entries[k].name.hasPrefix("xl/charts/chart") {
            for (n, bars) in pending.enumerated().reversed() {
                let fixed = Array("<c:errValType val=\"fixedVal\"/><c:val val=\"\(bars.marker)\"/>".utf8)
                guard let found = entries[k].bytes.firstRange(of: fixed) else { continue }
                entries[k].bytes.replaceSubrange(
                    found,
                    with: Array(
                        "<c:errValType val=\"cust\"/><c:noEndCap val=\"0\"/><c:plus>\(bars.plus.xml)</c:plus><c:minus>\(bars.minus.xml)</c:minus>".utf8))
                pending.remove(at: n)
            }
        }
        guard pending.isEmpty else {
            throw PipelineError.library(name: "libxlsxwriter", message: "\(path): a chart's error bars were not where they were written")
        }
        try ZipArchive.write(entries, to: path)
    }

    /// The cell format of a number format string (`0.0`), made once per string.
    fileprivate func format(_ numberFormat: String?) -> UnsafeMutablePointer<lxw_format>? {
        guard let numberFormat, let handle else { return nil }
        if let known = formats[numberFormat] { return known }
        let format = workbook_add_format(handle)
        format_set_num_format(format, numberFormat)
        formats[numberFormat] = format
        return format
    }

    fileprivate var headerFormat: UnsafeMutablePointer<lxw_format>? { bold }
    fileprivate var wrappedFormat: UnsafeMutablePointer<lxw_format>? { wrapped }
    fileprivate var headingFormat: UnsafeMutablePointer<lxw_format>? { heading }
    fileprivate var topFormat: UnsafeMutablePointer<lxw_format>? { top }

    fileprivate func check(_ status: lxw_error) throws {
        if status != LXW_NO_ERROR {
            throw PipelineError.library(name: "libxlsxwriter", message: "\(path): \(String(cString: lxw_strerror(status)))")
        }
    }
}

/// A sheet of a `Workbook` (which owns it).
public struct Sheet {
    fileprivate let handle: UnsafeMutablePointer<lxw_worksheet>
    fileprivate let workbook: Workbook

    public enum Style: Sendable { case plain, header, wrapped, heading, top }

    /// Text as a string cell: plain, bold (`header`), wrapped in its column (and at the top of
    /// its cell), a heading, or at the top of its cell (beside a wrapped one).
    public func text(_ row: Int, _ column: Int, _ value: String, style: Style = .plain) throws {
        let format: UnsafeMutablePointer<lxw_format>?
        switch style {
        case .plain: format = nil
        case .header: format = workbook.headerFormat
        case .wrapped: format = workbook.wrappedFormat
        case .heading: format = workbook.headingFormat
        case .top: format = workbook.topFormat
        }
        try workbook.check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), value, format))
    }

    /// An autofilter on the header row over `rows` rows (the header included) and `columns` columns.
    public func autofilter(rows: Int, columns: Int) throws {
        guard rows > 0, columns > 0 else { return }
        try workbook.check(worksheet_autofilter(handle, 0, 0, lxw_row_t(rows - 1), lxw_col_t(columns - 1)))
    }

    /// Printing: A4, landscape when `landscape`, as many pages down as it takes but one page
    /// wide, the header row on every page, the sheet's name and the page number in the footer.
    public func printSetup(landscape: Bool, repeatHeader: Bool = true) throws {
        worksheet_set_paper(handle, 9)
        if landscape { worksheet_set_landscape(handle) }
        worksheet_fit_to_pages(handle, 1, 0)
        if repeatHeader { try workbook.check(worksheet_repeat_rows(handle, 0, 0)) }
        try workbook.check(worksheet_set_footer(handle, "&L&A&R&P / &N"))
    }

    /// The sheet shown when the workbook opens.
    public func activate() { worksheet_activate(handle) }

    /// A number shown with `format` (an Excel number format, `0.0`), or General.
    public func number(_ row: Int, _ column: Int, _ value: Double, format: String? = nil) throws {
        try workbook.check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), value, workbook.format(format)))
    }

    /// Keeps the first row in view when scrolling.
    public func freezeHeaderRow() { worksheet_freeze_panes(handle, 1, 0) }

    /// The width of a column in characters.
    public func width(_ column: Int, _ characters: Double) throws {
        try workbook.check(worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), characters, nil))
    }

    /// The height of a row in points (a wrapped cell's lines need it: the file has no layout).
    public func height(_ row: Int, _ points: Double) throws {
        try workbook.check(worksheet_set_row(handle, lxw_row_t(row), points, nil))
    }

    /// Places `chart` with its top left corner at the cell.
    public func insert(_ chart: Chart, row: Int, column: Int) throws {
        try workbook.check(worksheet_insert_chart(handle, lxw_row_t(row), lxw_col_t(column), chart.handle))
    }
}

/// Custom error-bar lengths: a sheet range and its values (the chart's cache of them).
public struct ErrorValues: Sendable {
    public let range: String
    public let values: [Double]
    public init(range: String, values: [Double]) {
        self.range = range
        self.values = values
    }

    /// `<c:numRef>` with the formula (without its `=`) and the cached values.
    var xml: String {
        let formula = range.hasPrefix("=") ? String(range.dropFirst()) : range
        let points = values.enumerated().map { "<c:pt idx=\"\($0.offset)\"><c:v>\(NumberFormat.plain($0.element))</c:v></c:pt>" }
        return "<c:numRef><c:f>\(Text.xmlEscaped(formula))</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"\(values.count)\"/>\(points.joined())</c:numCache></c:numRef>"
    }
}

/// A series of a `Chart`.
public struct Series {
    fileprivate let handle: UnsafeMutablePointer<lxw_chart_series>
    fileprivate let chart: Chart

    /// The series' colour (RGB): a bar's fill, a line's stroke and its markers.
    public func colour(_ rgb: UInt32) {
        var fill = lxw_chart_fill()
        fill.color = rgb
        var line = lxw_chart_line()
        line.color = rgb
        switch chart.kind {
        case .bar:
            chart_series_set_fill(handle, &fill)
            chart_series_set_line(handle, &line)
        case .line:
            line.width = 2.25
            chart_series_set_line(handle, &line)
            chart_series_set_marker_fill(handle, &fill)
            var edge = lxw_chart_line()
            edge.color = rgb
            chart_series_set_marker_line(handle, &edge)
        }
    }

    /// Error bars of custom lengths above (`plus`) and below (`minus`) each value, in `rgb`.
    public func customErrorBars(plus: ErrorValues, minus: ErrorValues, colour rgb: UInt32) {
        let workbook = chart.workbook
        let marker = 900_001 + workbook.errorBars.count
        let bars = chart.kind == .bar ? handle.pointee.x_error_bars : handle.pointee.y_error_bars
        chart_series_set_error_bars(bars, UInt8(LXW_CHART_ERROR_BAR_TYPE_FIXED.rawValue), Double(marker))
        var line = lxw_chart_line()
        line.color = rgb
        line.width = 1.25
        chart_series_set_error_bars_line(bars, &line)
        workbook.errorBars.append((marker, plus, minus))
    }

    /// Each point's value shown in the chart, in `format`; `insideBase`: at the bar's start.
    public func labels(format: String, insideBase: Bool) {
        chart_series_set_labels(handle)
        chart_series_set_labels_num_format(handle, format)
        if insideBase { chart_series_set_labels_position(handle, UInt8(LXW_CHART_LABEL_POSITION_INSIDE_BASE.rawValue)) }
    }

}

/// A native Excel chart of a `Workbook` (which owns it).
public struct Chart {
    public enum Kind: Sendable { case bar, line }
    fileprivate let handle: UnsafeMutablePointer<lxw_chart>
    fileprivate let kind: Kind
    fileprivate let workbook: Workbook

    /// A bar chart's value axis is its x axis (the bars run across), a line chart's its y axis.
    private var valueAxisHandle: UnsafeMutablePointer<lxw_chart_axis>? {
        kind == .bar ? handle.pointee.x_axis : handle.pointee.y_axis
    }
    private var categoryAxisHandle: UnsafeMutablePointer<lxw_chart_axis>? {
        kind == .bar ? handle.pointee.y_axis : handle.pointee.x_axis
    }

    public enum Marker: Sendable { case none, circle, square }

    /// A series: its name, categories and values as sheet ranges (`='Survey items'!$A$2:$A$19`).
    @discardableResult
    public func series(name: String, categories: String, values: String, marker: Marker = .none) throws -> Series {
        guard let series = chart_add_series(handle, categories, values) else {
            throw PipelineError.library(name: "libxlsxwriter", message: "cannot add the chart series \(name)")
        }
        chart_series_set_name(series, name)
        switch marker {
        case .none: break
        case .circle: chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
        case .square: chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_SQUARE.rawValue))
        }
        if marker != .none { chart_series_set_marker_size(series, 7) }
        return Series(handle: series, chart: self)
    }

    /// The title, in `size` points.
    public func title(_ text: String, size: Double = 14) {
        chart_title_set_name(handle, text)
        var font = lxw_chart_font()
        font.size = size
        font.bold = 1
        chart_title_set_name_font(handle, &font)
    }

    /// The value axis' number format and, when given, its range and step.
    public func valueAxis(format: String, minimum: Double? = nil, maximum: Double? = nil, step: Double? = nil) {
        chart_axis_set_num_format(valueAxisHandle, format)
        if let minimum { chart_axis_set_min(valueAxisHandle, minimum) }
        if let maximum { chart_axis_set_max(valueAxisHandle, maximum) }
        if let step { chart_axis_set_major_unit(valueAxisHandle, step) }
    }

    /// The category axis' labels in `size` points and, when given, a number format (a year as
    /// `0"年度"`).
    public func categoryAxis(size: Double, format: String? = nil) {
        var font = lxw_chart_font()
        font.size = size
        chart_axis_set_num_font(categoryAxisHandle, &font)
        if let format { chart_axis_set_num_format(categoryAxisHandle, format) }
    }

    /// The gap between bars, in percent of a bar's width.
    public func gap(_ percent: Int) { chart_set_series_gap(handle, UInt16(percent)) }

    /// The value axis' name (its unit).
    public func valueAxisName(_ text: String) { chart_axis_set_name(valueAxisHandle, text) }

    /// Categories from the top down (a bar chart's first row at the top, as published).
    public func categoriesTopDown() {
        chart_axis_set_reverse(categoryAxisHandle)
        chart_axis_set_crossing_max(categoryAxisHandle)  // the value axis stays at the bottom
    }

    public func legendAtBottom() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) }
    public func noLegend() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
}
