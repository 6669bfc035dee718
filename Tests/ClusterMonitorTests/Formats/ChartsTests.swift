import Foundation
import Testing

@testable import Formats
@testable import Statistics
@testable import Values

/// The SVG charts' geometry, read back from the SVG text: bars, whiskers and points where the
/// chart's own scale puts them. Expected coordinates are computed by hand in the comments.
@Suite struct ChartsTests {
    /// The attributes of every element `<name … class="cls" …>` in `svg`, in order.
    static func elements(_ svg: String, _ name: String, class cls: String? = nil) -> [[String: String]] {
        svg.split(separator: "\n").compactMap { line -> [String: String]? in
            guard line.hasPrefix("<\(name) ") else { return nil }
            var attributes: [String: String] = [:]
            let parts = line.dropFirst(name.count + 2).split(separator: "\"", omittingEmptySubsequences: false)
            var k = 0
            while k + 1 < parts.count {
                let key = parts[k].trimmingSpacesAndEquals
                attributes[key] = String(parts[k + 1])
                k += 2
            }
            if let cls, attributes["class"] != cls { return nil }
            return attributes
        }
    }

    /// survey1: bars start at x = left = 430 and are plot × percent / 100 long (plot 420):
    /// 50 % → 210, 25 % → 105. Rows are 26 apart from top 60; a bar sits 5 below its row.
    /// The whisker of 40–60 % runs from 430 + 420 × 0.4 = 598 to 430 + 420 × 0.6 = 682 at the
    /// bar's middle (y + 13 = 73); a row without an interval has no whisker.
    @Test func survey1Bars() {
        let rows = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: "one", respondents: 4, selected: 2, percent: 50, interval: 40...60, effectiveN: 4),
            SurveyItemEstimate(domain: "all", question: "Q1", item: 2, label: "two", respondents: 4, selected: 1, percent: 25, interval: nil, effectiveN: 4),
        ]
        let svg = Charts.survey1(rows, order: [], confidence: 0.95)
        let bars = Self.elements(svg, "rect", class: "bar")
        #expect(bars.map { $0["x"] } == ["430.00", "430.00"])
        #expect(bars.map { $0["width"] } == ["210.00", "105.00"])
        #expect(bars.map { $0["y"] } == ["65.00", "91.00"])
        let whiskers = Self.elements(svg, "line").filter { $0["stroke"] == "#222222" }
        // The interval line and its two end ticks, for the first row only.
        #expect(whiskers.count == 3)
        #expect(whiskers.first?["x1"] == "598.00")
        #expect(whiskers.first?["x2"] == "682.00")
        #expect(whiskers.first?["y1"] == "73.00")
    }

    /// SPEC 9: a suppressed item has no bar width, no whisker and shows `x`; a low-reliability
    /// one shows `25.0*`; the footnotes name both thresholds and lengthen the chart by 2 × 16.
    @Test func survey1Flags() {
        let rows = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: "one", respondents: 4, selected: nil, percent: nil, interval: nil, effectiveN: 4, status: .suppressedFrequency),
            SurveyItemEstimate(domain: "all", question: "Q1", item: 2, label: "two", respondents: 4, selected: 1, percent: 25, interval: 10...50, effectiveN: 4, status: .lowReliability),
        ]
        let plain = Charts.survey1(rows.map {
            SurveyItemEstimate(domain: $0.domain, question: $0.question, item: $0.item, label: $0.label, respondents: 4, selected: 1, percent: 25, interval: nil, effectiveN: 4)
        }, order: [], confidence: 0.95)
        let svg = Charts.survey1(rows, order: [], confidence: 0.95, reliableN: 30, minBase: 5)
        let bars = Self.elements(svg, "rect", class: "bar")
        #expect(bars.map { $0["width"] } == ["0.00", "105.00"])
        #expect(svg.contains(">x</text>"))
        #expect(svg.contains(">25.0*</text>"))
        #expect(svg.contains("* low reliability: effective n below RELIABLE_N = 30"))
        #expect(svg.contains("x suppressed: fewer than MIN_BASE = 5 respondents"))
        let height = { (s: String) in Self.elements(s, "svg").first?["height"] }
        // top 60 + two one-line rows of 15 + 11 = 26 + 50 below: 162; two notes of 16 more: 194.
        #expect(height(plain) == "162.00")
        #expect(height(svg) == "194.00")
    }

    /// survey2-MEASURE-by-project: one panel per project, four to a row; an ok project has its
    /// two lines, a suppressed one only its status text, never a line.
    @Test func byProjectSmallMultiples() {
        func rows(_ p: String, _ status: ProjectStatus) -> [ProjectIndexRow] {
            [SeriesKind.cluster, .benchmarkCorrected].flatMap { kind in
                (2000...2002).map { year in
                    ProjectIndexRow(
                        project: p, kind: kind, measure: .sales, year: year, enterprises: status == .ok ? 10 : 2,
                        total: status == .ok ? 100 : nil, index: status == .ok ? 1 + Double(year - 2000) / 10 : nil,
                        interval: nil, status: status)
                }
            }
        }
        let svg = Charts.byProject(rows("A", .ok) + rows("B", .suppressedFrequency) + rows("C", .ok) + rows("D", .ok) + rows("E", .ok), measure: .sales, baseYear: 2000)
        #expect(Self.elements(svg, "polyline", class: "series").count == 8)  // 4 ok projects x 2 series
        #expect(Self.elements(svg, "text", class: "status").count == 1)
        #expect(svg.contains(">B (n = 2)</text>"))
        // Five projects, four to a row: two rows of 150 from top 70, 40 below: 70 + 300 + 40.
        #expect(Self.elements(svg, "svg").first?["height"] == "410.00")
    }

    /// The published order puts item 2 first: its bar is then the first row.
    @Test func survey1PublishedOrder() {
        let rows = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: "one", respondents: 4, selected: 2, percent: 50, interval: nil, effectiveN: 4),
            SurveyItemEstimate(domain: "all", question: "Q1", item: 2, label: "two", respondents: 4, selected: 1, percent: 25, interval: nil, effectiveN: 4),
        ]
        let bars = Self.elements(Charts.survey1(rows, order: [2, 1], confidence: 0.95), "rect", class: "bar")
        #expect(bars.map { $0["width"] } == ["105.00", "210.00"])
    }

    /// survey2: cluster 1.0 → 1.2, corrected 1.0 → 0.9. The scale's span is 0.3 (> 0.05), padded by
    /// 12 % each side: low 0.9 − 0.036 = 0.864, high 1.2 + 0.036 = 1.236. y(v) = 110 + 290 ×
    /// (1.236 − v) / 0.372: y(1.2) = 138.06, y(1.0) = 293.98, y(0.9) = 371.94. x: the plot runs
    /// from 70 + 30 = 100 to 720 − 40 − 30 = 650, two years at its ends.
    @Test func survey2Points() {
        let series = ReportTextTests.series(cluster: [1.0, 1.2], corrected: [1.0, 0.9])
        let svg = Charts.survey2(series, measure: .sales, baseYear: 2000)
        let circles = Self.elements(svg, "circle", class: "point")
        #expect(circles.map { $0["cx"] } == ["100.00", "650.00"])
        #expect(circles.map { $0["cy"] } == ["293.98", "138.06"])
        // The corrected series' squares are 10 wide, centred on their points.
        let squares = Self.elements(svg, "rect", class: "point")
        #expect(squares.map { $0["x"] } == ["95.00", "645.00"])
        #expect(squares.map { $0["y"] } == ["288.98", "366.94"])
        // The 1.000 base line is dashed at y(1.0).
        let dashed = Self.elements(svg, "line").filter { $0["stroke-dasharray"] != nil }
        #expect(dashed.map { $0["y1"] } == ["293.98"])
        #expect(svg.contains("Monitoring Survey 2: Sales (2000 = 1.000)"))
    }
}

extension ChartsTests {
    /// The y scale of the case above: 0.372 spans 7.44 steps of 0.05 (the first of 0.001, 0.002,
    /// 0.005, 0.01, 0.02, 0.05 giving at most 10), so ticks at 0.90, 0.95, … 1.20 (the multiples
    /// of 0.05 within 0.864–1.236), labelled with two decimals, at y(v): y(0.9) = 371.94,
    /// y(1.2) = 138.06.
    @Test func survey2YScale() {
        let series = ReportTextTests.series(cluster: [1.0, 1.2], corrected: [1.0, 0.9])
        let svg = Charts.survey2(series, measure: .sales, baseYear: 2000)
        let ticks = Self.elements(svg, "text", class: "ytick")
        #expect(ticks.count == 7)
        #expect(ticks.first?["y"] == "375.94")  // the label's baseline 4 below the tick
        #expect(ticks.last?["y"] == "142.06")
        #expect(svg.contains(">0.90</text>") && svg.contains(">1.20</text>") && svg.contains(">1.05</text>"))
        #expect(Charts.tickStep(0.372) == 0.05)
        #expect(Charts.tickStep(0.04) == 0.005)
        #expect(Charts.tickStep(1.5) == 0.2)
    }

    /// The cluster's bootstrap band: a polygon along the upper ends left to right, then the lower
    /// ends right to left. Intervals [0.98, 1.02] and [1.1, 1.3]; with them the scale is low
    /// 0.9 − 0.048 = 0.852, high 1.3 + 0.048 = 1.348 (span 0.4 × 12 %), y(v) = 110 + 290 ×
    /// (1.348 − v) / 0.496: y(1.02) = 301.77, y(1.3) = 138.06, y(1.1) = 255.0, y(0.98) = 325.16.
    @Test func survey2Band() {
        var series = ReportTextTests.series(cluster: [1.0, 1.2], corrected: [1.0, 0.9])
        let points = series[0].points
        series[0] = IndexSeries(kind: .cluster, measure: .sales, points: [
            IndexPoint(year: 2000, enterprises: 4, total: 100, index: points[0].index, interval: 0.98...1.02),
            IndexPoint(year: 2001, enterprises: 4, total: 120, index: points[1].index, interval: 1.1...1.3),
        ])
        let svg = Charts.survey2(series, measure: .sales, baseYear: 2000)
        let band = Self.elements(svg, "polygon", class: "band")
        #expect(band.count == 1)
        #expect(band.first?["points"] == "100.00,301.77 650.00,138.06 650.00,255.00 100.00,325.16")
        // Without intervals there is no band.
        let plain = Charts.survey2(ReportTextTests.series(cluster: [1.0, 1.2], corrected: [1.0, 0.9]), measure: .sales, baseYear: 2000)
        #expect(Self.elements(plain, "polygon", class: "band").isEmpty)
    }

    /// A long label wraps (at 62 columns) instead of being cut: its row grows to 15 × lines + 11,
    /// the lines 15 apart, and no two label lines overlap (each line's box is its baseline − 12
    /// to + 3 at font size 12). Two labels: 99 characters (two lines, row height 41) and "two"
    /// (one line, 26): bars at the rows' middles 60 + 20.5 − 8 = 72.5 and 101 + 13 − 8 = 106.
    @Test func survey1WrapsLabels() {
        let long = String(repeating: "abcd ", count: 20).trimmingCharacters(in: .whitespaces)
        let rows = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: long, respondents: 4, selected: 2, percent: 50, interval: nil, effectiveN: 4),
            SurveyItemEstimate(domain: "all", question: "Q1", item: 2, label: "two", respondents: 4, selected: 1, percent: 25, interval: nil, effectiveN: 4),
        ]
        let svg = Charts.survey1(rows, order: [], confidence: 0.95)
        let labels = Self.elements(svg, "text", class: "label")
        #expect(labels.count == 3)
        #expect(Self.elements(svg, "rect", class: "bar").map { $0["y"] } == ["72.50", "106.00"])
        // Every word of the long label is shown: the label lines' text together is the label.
        let texts = svg.split(separator: "\n").filter { $0.contains("class=\"label\"") }
            .compactMap { $0.split(separator: ">").dropFirst().first?.split(separator: "<").first.map(String.init) }
        #expect(texts.prefix(2).joined(separator: " ") == long)
        let baselines = labels.compactMap { $0["y"].flatMap(Double.init) }
        for (a, b) in zip(baselines, baselines.dropFirst()) { #expect(b - 12 >= a + 3 - 0.001) }
    }
}

extension Substring {
    /// ` x=` → `x`.
    fileprivate var trimmingSpacesAndEquals: String {
        String(self.filter { $0 != " " && $0 != "=" && $0 != "/" && $0 != ">" })
    }
}
