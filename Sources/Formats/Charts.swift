import CSVKit
import Rules
import Statistics
import Values

/// The two published figures redrawn as SVG from the computed data (hand-written SVG 1.1,
/// no scripts, fonts left to the browser).
public enum Charts {
    /// survey1.svg: horizontal bars of the `all` domain's first multi question, in `order`
    /// (the published order of item keys; codebook order for the others), with the confidence
    /// interval as a whisker and the value at the bar's end.
    /// A low_reliability item's value carries `*`, a suppressed item has no bar, no whisker and
    /// no number (`x`); a footnote under the axis explains the marks shown.
    public static func survey1(
        _ rows: [SurveyItemEstimate], order: [Int], confidence: Double, language: ReportLanguage = .en,
        reliableN: Double = 30, minBase: Int = 0
    ) -> String {
        let w = Wording(language)
        let ranked = ranked(rows, order: order)
        let lineHeight = 15.0
        let left = 430.0
        let plot = 420.0
        let top = 60.0
        // Each label wraps at 62 columns (never cut); its row grows with its lines.
        let labels = ranked.map { ReportText.wrap($0.label, 62) }
        let heights = labels.map { lineHeight * Double($0.count) + 11 }
        let notes = footnotes(ranked, reliableN: reliableN, minBase: minBase, language: language)
        let height = top + heights.reduce(0, +) + 50 + 16 * Double(notes.count)
        let axis = top + heights.reduce(0, +) + 50
        let width = left + plot + 60
        var svg = header(width: width, height: height)
        let question = ranked.first?.question ?? ""
        let base = ranked.first.map { $0.publishedRespondents.map(ReportText.weighted) ?? "x" } ?? "0"
        let level = NumberFormat.plain(confidence * 100)
        svg += text(x: 20, y: 28, w.survey1Chart(question: question, base: base), size: 16, weight: "bold")
        svg += text(x: 20, y: 46, w.survey1Subtitle(level: level), size: 12)
        for tick in stride(from: 0, through: 100, by: 20) {
            let x = left + plot * Double(tick) / 100
            svg += line(x1: x, y1: top - 6, x2: x, y2: axis - 40, stroke: "#dddddd")
            svg += text(x: x, y: axis - 24, "\(tick)%", size: 11, anchor: "middle", cls: "tick")
        }
        for (n, note) in notes.enumerated() {
            svg += text(x: 20, y: axis - 4 + 16 * Double(n), note, size: 11, cls: "footnote")
        }
        var y = top
        for (k, r) in ranked.enumerated() {
            let rowHeight = heights[k]
            let middle = y + rowHeight / 2
            let value = r.percent ?? 0
            let firstLine = middle - lineHeight * Double(labels[k].count - 1) / 2 + 4
            for (n, part) in labels[k].enumerated() {
                svg += text(x: left - 10, y: firstLine + lineHeight * Double(n), part, size: 12, anchor: "end", cls: "label")
            }
            svg += "<rect class=\"bar\" x=\"\(f(left))\" y=\"\(f(middle - 8))\" width=\"\(f(plot * value / 100))\" height=\"16\" fill=\"\(Wording.css(Wording.barColour))\"/>\n"
            if let interval = r.interval {
                let x1 = left + plot * interval.lowerBound / 100
                let x2 = left + plot * interval.upperBound / 100
                let whisker = Wording.css(Wording.whiskerColour)
                svg += line(x1: x1, y1: middle, x2: x2, y2: middle, stroke: whisker)
                svg += line(x1: x1, y1: middle - 5, x2: x1, y2: middle + 5, stroke: whisker)
                svg += line(x1: x2, y1: middle - 5, x2: x2, y2: middle + 5, stroke: whisker)
            }
            let end = left + plot * max(value, r.interval?.upperBound ?? value) / 100
            svg += text(x: end + 6, y: middle + 4, ReportText.flagged(r.percent, r.status), size: 12)
            y += rowHeight
        }
        return svg + "</svg>\n"
    }

    /// The footnotes of the flags among `rows` (none when nothing is flagged).
    static func footnotes(_ rows: [SurveyItemEstimate], reliableN: Double, minBase: Int, language: ReportLanguage) -> [String] {
        let w = Wording(language)
        var notes: [String] = []
        if rows.contains(where: { $0.status == .lowReliability }) { notes.append(w.lowReliability(reliableN)) }
        if rows.contains(where: { $0.status == .suppressedFrequency }) { notes.append(w.suppressedFrequency(minBase)) }
        if rows.contains(where: { $0.status == .suppressedSecondary }) { notes.append(w.suppressedSecondary) }
        return notes
    }

    /// survey2-<measure>-by-project.svg: one small panel per project (code-point order, four to
    /// a row) with the project's cluster and corrected benchmark indices on one shared scale; a
    /// suppressed or undefined project shows its status, never a line.
    public static func byProject(
        _ rows: [ProjectIndexRow], measure: Measure, baseYear: Int, language: ReportLanguage = .en,
        minFrequency: Int = 3, dominance: DominanceRule = DominanceRule(n: 1, k: 85)
    ) -> String {
        let w = Wording(language)
        let projects = ReportText.orderedUnique(rows.map(\.project))
        let years = ReportText.orderedUnique(rows.map(\.year)).sorted()
        let columns = 4
        let cellWidth = 220.0, cellHeight = 150.0
        let top = 70.0, left = 20.0
        let rowsOfCells = (projects.count + columns - 1) / columns
        let width = left * 2 + cellWidth * Double(columns)
        let height = top + cellHeight * Double(rowsOfCells) + 40
        let values = rows.compactMap(\.index) + [1]
        let span = max((values.max() ?? 1) - (values.min() ?? 1), 0.05)
        let low = (values.min() ?? 1) - 0.1 * span
        let high = (values.max() ?? 1) + 0.1 * span
        var svg = header(width: width, height: height)
        let clusterColour = Wording.css(Wording.clusterColour), benchmarkColour = Wording.css(Wording.benchmarkColour)
        svg += text(x: 20, y: 28, w.byProjectChart(measure, baseYear: baseYear), size: 16, weight: "bold")
        svg += line(x1: 20, y1: 48, x2: 40, y2: 48, stroke: clusterColour)
        svg += text(x: 46, y: 52, w.clusterShort, size: 12)
        svg += line(x1: 190, y1: 48, x2: 210, y2: 48, stroke: benchmarkColour)
        svg += text(x: 216, y: 52, w.benchmarkShort, size: 12)
        svg += text(
            x: 440, y: 52, w.oneScale(NumberFormat.rounded(low, decimals: 2), NumberFormat.rounded(high, decimals: 2)),
            size: 12)
        for (k, project) in projects.enumerated() {
            let x0 = left + cellWidth * Double(k % columns)
            let y0 = top + cellHeight * Double(k / columns)
            let plotLeft = x0 + 34, plotRight = x0 + cellWidth - 12
            let plotTop = y0 + 26, plotBottom = y0 + cellHeight - 28
            func x(_ i: Int) -> Double {
                years.count <= 1 ? plotLeft : plotLeft + (plotRight - plotLeft) * Double(i) / Double(years.count - 1)
            }
            func y(_ v: Double) -> Double { plotBottom - (plotBottom - plotTop) * (v - low) / (high - low) }
            let own = rows.filter { $0.project == project }
            let n = own.first?.enterprises ?? 0
            svg += text(x: x0 + 4, y: y0 + 16, "\(project) (n = \(n))", size: 12, weight: "bold", cls: "project")
            svg += "<rect x=\"\(f(plotLeft))\" y=\"\(f(plotTop))\" width=\"\(f(plotRight - plotLeft))\" height=\"\(f(plotBottom - plotTop))\" fill=\"none\" stroke=\"#cccccc\"/>\n"
            svg += text(x: plotLeft - 4, y: y(1) + 4, "1.00", size: 10, anchor: "end")
            if let first = years.first, let last = years.last {
                svg += text(x: plotLeft, y: plotBottom + 14, w.year(first), size: 10, anchor: "middle")
                svg += text(x: plotRight, y: plotBottom + 14, w.year(last), size: 10, anchor: "middle")
            }
            let status = own.first?.status ?? .empty
            guard status == .ok else {
                let note =
                    status.isSuppressed
                    ? w.statusSuppressed : status == .empty ? w.statusEmpty : w.statusUndefined
                svg += text(x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2 + 4, note, size: 11, anchor: "middle", fill: "#888888", cls: "status")
                continue
            }
            svg += line(x1: plotLeft, y1: y(1), x2: plotRight, y2: y(1), stroke: "#aaaaaa", dash: true)
            for (kind, color) in [(SeriesKind.cluster, clusterColour), (.benchmarkCorrected, benchmarkColour)] {
                let points = years.enumerated().compactMap { i, year in
                    own.first { $0.kind == kind && $0.year == year }?.index.map { "\(f(x(i))),\(f(y($0)))" }
                }
                svg += "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
            }
        }
        svg += text(
            x: 20, y: height - 14,
            w.byProjectFootnote(minFrequency: minFrequency, dominance: dominance),
            size: 11, cls: "footnote")
        return svg + "</svg>\n"
    }

    /// survey2-<measure>.svg: the cluster and corrected benchmark indices as two lines, the
    /// base level 1.000 as a dashed line, the value at each point.
    public static func survey2(
        _ series: [IndexSeries], measure: Measure, baseYear: Int, language: ReportLanguage = .en,
        excluded: [String] = []
    ) -> String {
        let w = Wording(language)
        let clusterColour = Wording.css(Wording.clusterColour), benchmarkColour = Wording.css(Wording.benchmarkColour)
        let series = series.filter(\.isPublished)
        let cluster = series.first { $0.kind == .cluster }?.points ?? []
        let corrected = series.first { $0.kind == .benchmarkCorrected }?.points ?? []
        let bands = cluster.compactMap(\.interval)
        let (low, high) = paddedRange((cluster + corrected).map(\.index) + bands.flatMap { [$0.lowerBound, $0.upperBound] })
        let width = 720.0
        let height = 460.0
        let left = 70.0, right = 40.0, top = 110.0, bottom = 60.0
        let inset = 30.0
        let years = cluster.map(\.year)
        func x(_ k: Int) -> Double {
            years.count <= 1
                ? left + inset : left + inset + (width - left - right - 2 * inset) * Double(k) / Double(years.count - 1)
        }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (high - v) / (high - low) }
        var svg = header(width: width, height: height)
        svg += text(
            x: 20, y: 28,
            w.survey2Chart(measure, baseYear: baseYear),
            size: 16, weight: "bold")
        svg += "<circle cx=\"30\" cy=\"48\" r=\"5\" fill=\"\(clusterColour)\"/>\n"
        svg += text(x: 42, y: 52, w.clusterLegend, size: 12)
        svg += "<rect x=\"25\" y=\"63\" width=\"10\" height=\"10\" fill=\"\(benchmarkColour)\"/>\n"
        svg += text(x: 42, y: 72, w.benchmarkLegend(excluded: excluded), size: 12)
        svg += "<rect x=\"22\" y=\"83\" width=\"16\" height=\"10\" fill=\"\(clusterColour)\" fill-opacity=\"0.18\"/>\n"
        svg += text(x: 42, y: 92, w.bandLegend, size: 12)
        // The y scale: ticks at a round step (0.01, 0.02, 0.05, 0.1, ...) with grid lines.
        let step = tickStep(high - low)
        var tick = (low / step).rounded(.up) * step
        while tick <= high {
            svg += line(x1: left, y1: y(tick), x2: width - right, y2: y(tick), stroke: "#eeeeee")
            svg += line(x1: left - 5, y1: y(tick), x2: left, y2: y(tick), stroke: "#444444")
            svg += text(x: left - 8, y: y(tick) + 4, NumberFormat.rounded(tick, decimals: step < 0.01 ? 3 : step < 0.1 ? 2 : 1), size: 11, anchor: "end", cls: "ytick")
            tick += step
        }
        if !bands.isEmpty, bands.count == cluster.count {
            let upper = cluster.indices.compactMap { k in cluster[k].interval.map { "\(f(x(k))),\(f(y($0.upperBound)))" } }
            let lower = cluster.indices.reversed().compactMap { k in cluster[k].interval.map { "\(f(x(k))),\(f(y($0.lowerBound)))" } }
            svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(clusterColour)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
        }
        svg += line(x1: left, y1: y(1), x2: width - right, y2: y(1), stroke: "#888888", dash: true)
        svg += line(x1: left, y1: top, x2: left, y2: height - bottom, stroke: "#444444")
        svg += line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: "#444444")
        for (k, year) in years.enumerated() {
            svg += text(x: x(k), y: height - bottom + 22, w.year(year), size: 12, anchor: "middle")
        }
        for (series, color, isCluster) in [(cluster, clusterColour, true), (corrected, benchmarkColour, false)] {
            let points = series.enumerated().map { k, r in "\(f(x(k))),\(f(y(r.index)))" }.joined(separator: " ")
            svg += "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
            for (k, r) in series.enumerated() {
                if isCluster {
                    svg += "<circle class=\"point\" cx=\"\(f(x(k)))\" cy=\"\(f(y(r.index)))\" r=\"5\" fill=\"\(color)\"/>\n"
                } else {
                    svg += "<rect class=\"point\" x=\"\(f(x(k) - 5))\" y=\"\(f(y(r.index) - 5))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>\n"
                }
                // The cluster's value above its point, the benchmark's below, on a white halo.
                let other = isCluster ? corrected : cluster
                let above = k < other.count ? r.index >= other[k].index : isCluster
                svg += text(
                    x: x(k), y: y(r.index) + (above ? -11 : 21), NumberFormat.rounded(r.index, decimals: 3), size: 11,
                    anchor: "middle", fill: color, halo: true)
            }
        }
        return svg + "</svg>\n"
    }

    /// Survey 1's items in the published order (`order`: item keys), then the others in the
    /// order given (the codebook's): the order of survey1.svg and of tables.xlsx's chart.
    static func ranked(_ rows: [SurveyItemEstimate], order: [Int]) -> [SurveyItemEstimate] {
        order.compactMap { key in rows.first { $0.item == key } } + rows.filter { !order.contains($0.item) }
    }

    /// The value range of an index chart: `values` and 1.000, widened by 12 % of their span (at
    /// least 0.05) on each side, so that no point sits on the frame (survey2 SVGs and the
    /// workbook's charts).
    static func paddedRange(_ values: [Double]) -> (low: Double, high: Double) {
        let all = values + [1]
        let low = all.min() ?? 1, high = all.max() ?? 1
        let span = max(high - low, 0.05)
        return (low - 0.12 * span, high + 0.12 * span)
    }

    /// A round step for about 4 to 10 ticks over `range`: 1, 2 or 5 times a power of ten.
    static func tickStep(_ range: Double) -> Double {
        guard range > 0, range.isFinite else { return 0.1 }
        var step = 0.001
        while range / step > 10 {
            for factor in [2.0, 2.5, 2.0] {  // 0.001 → 0.002 → 0.005 → 0.01 → …
                step *= factor
                if range / step <= 10 { break }
            }
        }
        return step
    }

    // MARK: SVG pieces

    static func header(width: Double, height: Double) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    }

    static func text(
        x: Double, y: Double, _ content: String, size: Int, anchor: String = "start", weight: String = "normal",
        fill: String = "#222222", halo: Bool = false, cls: String? = nil
    ) -> String {
        let outline = halo ? " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"" : ""
        let klass = cls.map { " class=\"\($0)\"" } ?? ""
        return "<text\(klass) x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(outline)>\(Text.xmlEscaped(content))</text>\n"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, dash: Bool = false) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"\(dash ? " stroke-dasharray=\"6 4\"" : "")/>\n"
    }

    /// Coordinates with two decimals.
    static func f(_ v: Double) -> String { NumberFormat.rounded(v, decimals: 2) }
}
