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
    /// 12 % each side: low 0.9 − 0.036 = 0.864, high 1.2 + 0.036 = 1.236. y(v) = 90 + 290 ×
    /// (1.236 − v) / 0.372: y(1.2) = 118.06, y(1.0) = 273.98, y(0.9) = 351.94. x: the plot runs
    /// from 70 + 30 = 100 to 720 − 40 − 30 = 650, two years at its ends.
    @Test func survey2Points() {
        let series = ReportTextTests.series(cluster: [1.0, 1.2], corrected: [1.0, 0.9])
        let svg = Charts.survey2(series, measure: .sales, baseYear: 2000)
        let circles = Self.elements(svg, "circle", class: "point")
        #expect(circles.map { $0["cx"] } == ["100.00", "650.00"])
        #expect(circles.map { $0["cy"] } == ["273.98", "118.06"])
        // The corrected series' squares are 10 wide, centred on their points.
        let squares = Self.elements(svg, "rect", class: "point")
        #expect(squares.map { $0["x"] } == ["95.00", "645.00"])
        #expect(squares.map { $0["y"] } == ["268.98", "346.94"])
        // The 1.000 base line is dashed at y(1.0).
        let dashed = Self.elements(svg, "line").filter { $0["stroke-dasharray"] != nil }
        #expect(dashed.map { $0["y1"] } == ["273.98"])
        #expect(svg.contains("Monitoring Survey 2: Sales (2000 = 1.000)"))
    }
}

extension Substring {
    /// ` x=` → `x`.
    fileprivate var trimmingSpacesAndEquals: String {
        String(self.filter { $0 != " " && $0 != "=" && $0 != "/" && $0 != ">" })
    }
}
