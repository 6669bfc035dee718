import CXLSX
import Values

/// An .xlsx workbook written with libxlsxwriter: the only code that touches its pointers. The
/// workbook owns the C workbook (and, through it, every sheet, format and chart); `close()`
/// writes the file, and a workbook dropped without it is freed without writing anything.
/// Text is always written as a string cell (a label starting with `=` never becomes a formula).
public final class Workbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private let path: String
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var bold: UnsafeMutablePointer<lxw_format>?

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

    /// A chart to place on a sheet with `Sheet.insert(_:row:column:)`.
    public func chart(_ kind: Chart.Kind) throws -> Chart {
        let type: lxw_chart_type
        switch kind {
        case .bar: type = LXW_CHART_BAR
        case .line: type = LXW_CHART_LINE
        }
        guard let handle, let chart = workbook_add_chart(handle, UInt8(type.rawValue)) else {
            throw PipelineError.library(name: "libxlsxwriter", message: "\(path): cannot add a chart")
        }
        return Chart(handle: chart, kind: kind)
    }

    /// Writes the file. The workbook cannot be used afterwards.
    public func close() throws {
        guard let handle else { return }
        self.handle = nil
        let status = workbook_close(handle)  // frees the workbook, written or not
        if status != LXW_NO_ERROR {
            throw PipelineError.outputUnwritable(path: path, reason: String(cString: lxw_strerror(status)))
        }
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

    /// Text as a string cell; `header` makes it bold.
    public func text(_ row: Int, _ column: Int, _ value: String, header: Bool = false) throws {
        try workbook.check(
            worksheet_write_string(
                handle, lxw_row_t(row), lxw_col_t(column), value, header ? workbook.headerFormat : nil))
    }

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

    /// Places `chart` with its top left corner at the cell.
    public func insert(_ chart: Chart, row: Int, column: Int) throws {
        try workbook.check(worksheet_insert_chart(handle, lxw_row_t(row), lxw_col_t(column), chart.handle))
    }
}

/// A native Excel chart of a `Workbook` (which owns it).
public struct Chart {
    public enum Kind: Sendable { case bar, line }
    fileprivate let handle: UnsafeMutablePointer<lxw_chart>
    fileprivate let kind: Kind

    /// A bar chart's value axis is its x axis (the bars run across), a line chart's its y axis.
    private var valueAxisHandle: UnsafeMutablePointer<lxw_chart_axis>? {
        kind == .bar ? handle.pointee.x_axis : handle.pointee.y_axis
    }
    private var categoryAxisHandle: UnsafeMutablePointer<lxw_chart_axis>? {
        kind == .bar ? handle.pointee.y_axis : handle.pointee.x_axis
    }

    /// A series: its name, categories and values as sheet ranges (`='Survey items'!$A$2:$A$19`).
    public func series(name: String, categories: String, values: String, marker: Bool = false) throws {
        guard let series = chart_add_series(handle, categories, values) else {
            throw PipelineError.library(name: "libxlsxwriter", message: "cannot add the chart series \(name)")
        }
        chart_series_set_name(series, name)
        if marker { chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue)) }
    }

    public func title(_ text: String) { chart_title_set_name(handle, text) }

    /// The value axis' number format and, when given, its minimum.
    public func valueAxis(format: String, minimum: Double? = nil) {
        chart_axis_set_num_format(valueAxisHandle, format)
        if let minimum { chart_axis_set_min(valueAxisHandle, minimum) }
    }

    /// Categories from the top down (a bar chart's first row at the top, as published).
    public func categoriesTopDown() { chart_axis_set_reverse(categoryAxisHandle) }

    public func legendAtBottom() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) }
    public func noLegend() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
}
