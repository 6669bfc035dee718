import Foundation
import Testing
import XLSXKit
import ZipKit

@Suite struct ErrorBarsTests {
    /// A bar chart of three values (69.0, 44.1, 9.0) with custom error bars: above 2.8, 3.1,
    /// 1.9 (cells D2:D4), below 2.9, 3.0, 1.6 (cells C2:C4) — the Survey 1 whiskers of the
    /// FY2005 run, ci_high − percent and percent − ci_low. The chart's XML carries them as
    /// `c:errValType cust` with `c:plus` and `c:minus` referring to the cells and caching the
    /// values, in the schema's order (errBarType, errValType, noEndCap, plus, minus), and no
    /// fixed-value stand-in is left; the other parts of the file are unchanged by the amendment
    /// (the worksheet still holds the numbers).
    @Test func customErrorBarsInTheChartXML() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bars-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let book = try Workbook(path: path, title: "t", created: 946_684_800)
        let sheet = try book.sheet("d")
        for (k, row) in [[69.0, 2.9, 2.8], [44.1, 3.0, 3.1], [9.0, 1.6, 1.9]].enumerated() {
            for (c, x) in row.enumerated() { try sheet.number(k + 1, c + 1, x) }
        }
        let chart = try book.chart(.bar)
        let series = try chart.series(name: "percent", categories: "=d!$A$2:$A$4", values: "=d!$B$2:$B$4")
        series.customErrorBars(
            plus: ErrorValues(range: "=d!$D$2:$D$4", values: [2.8, 3.1, 1.9]),
            minus: ErrorValues(range: "=d!$C$2:$C$4", values: [2.9, 3.0, 1.6]), colour: 0x222222)
        try book.chartSheet("chart", chart)
        try book.close()

        let entries = try ZipArchive.read(path)
        let xml = try #require(entries.first { $0.name == "xl/charts/chart1.xml" }).bytes
        let text = String(decoding: xml, as: UTF8.self)
        let bars = try #require(text.range(of: "<c:errBars>").flatMap { start in
            text.range(of: "</c:errBars>").map { String(text[start.lowerBound..<$0.upperBound]) }
        })
        #expect(bars.hasPrefix("<c:errBars><c:errBarType val=\"both\"/><c:errValType val=\"cust\"/><c:noEndCap val=\"0\"/><c:plus>"))
        #expect(bars.contains("<c:plus><c:numRef><c:f>d!$D$2:$D$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"3\"/><c:pt idx=\"0\"><c:v>2.8</c:v></c:pt><c:pt idx=\"1\"><c:v>3.1</c:v></c:pt><c:pt idx=\"2\"><c:v>1.9</c:v></c:pt></c:numCache></c:numRef></c:plus>"))
        #expect(bars.contains("<c:minus><c:numRef><c:f>d!$C$2:$C$4</c:f>"))
        #expect(!text.contains("fixedVal"))
        let worksheet = try #require(entries.first { $0.name == "xl/worksheets/sheet1.xml" }).bytes
        #expect(String(decoding: worksheet, as: UTF8.self).contains("<v>44.1</v>"))
    }
}
