import CSVKit
import Rules
import Statistics
import Values

/// report.txt (the contract's section 5): plain text, every line at most 80 display columns
/// (a kanji or a full-width form counts two), no clock time; every sentence from `Wording` in
/// the run's language. Tables are cut into blocks or their names wrapped to fit; prose wraps at
/// spaces (Japanese between characters); a SHA-256 has a line of its own. Nothing is cut.
public enum ReportText {
    public static let width = 80

    public static func render(_ d: ReportData) -> String {
        let w = d.wording
        var out: [String] = []
        out += title(w.reportTitle, underline: "=")
        out.append("")
        out += inputs(d)
        out += settings(d)
        out += survey1(d)
        out += survey2(d)
        out += panel(d)
        out += notes(d)
        out += reproduction(d)
        return out.map { $0.trimmingTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    /// The report of a run that stopped at `stage` (the contract's 6.11): the title, the inputs
    /// (row balances, SHA-256, rejects) and the settings; the later sections had nothing to show.
    public static func renderPartial(_ d: ReportData, stoppedAt stage: String) -> String {
        let w = d.wording
        var out: [String] = []
        out += title(w.reportStoppedTitle, underline: "=")
        out.append("")
        out += para(w.stopped(at: stage))
        out.append("")
        out += inputs(d)
        out += settings(d)
        return out.map { $0.trimmingTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    // MARK: sections

    static func inputs(_ d: ReportData) -> [String] {
        let w = d.wording
        var out = title(w.inputsHeading)
        out += para(w.rowBalance)
        out.append("")
        let widths = [16, 8, 8, 8, 8, 8, 8, 7]
        out.append(row(w.balanceHeader, widths: widths, rightFrom: 1))
        for i in d.inputs {
            let b = i.summary.balance
            out += wrappedRow(
                [b.file, "\(b.read)", "\(b.kept)", "\(b.rejected)", "\(b.merged)", "\(b.dropped)", "\(b.filtered)",
                 b.isBalanced ? w.balanced : w.unbalanced],
                widths: widths, rightFrom: 1)
        }
        out.append("")
        out.append(w.fingerprints)
        for i in d.inputs {
            let s = i.summary
            out += hanging("  ", "\(i.file) (\(s.encoding + (s.bom ? "+BOM" : "")))")
            out.append("    " + i.sha256)
        }
        if !d.configSHA256.isEmpty {
            out.append("  run.conf")
            out.append("    " + d.configSHA256)
        }
        out.append("")
        if d.rejects.isEmpty {
            out.append(w.noRejects)
        } else {
            out += para(w.rejectsByReason)
            for r in d.rejects { out.append("  \(pad(r.file, 16)) \(pad(r.reason.rawValue, 28)) \(lpad("\(r.count)", 8))") }
        }
        let ignored = d.inputs.filter { !$0.summary.ignoredColumns.isEmpty }
        if !ignored.isEmpty {
            out.append("")
            out += para(w.ignoredColumns)
            for i in ignored { out += hanging("  \(pad(i.file, 16)) ", i.summary.ignoredColumns) }
        }
        out.append("")
        return out
    }

    static func settings(_ d: ReportData) -> [String] {
        var out = title(d.wording.settingsHeading)
        // A long value (MEASURES) breaks after a comma: its pieces, each keeping its comma,
        // filled into lines of the value column's width.
        for (k, v) in d.config.settings {
            var pieces = v.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for n in pieces.indices.dropLast() { pieces[n] += "," }
            var lines = [""]
            for piece in pieces {
                if let last = lines.last, !last.isEmpty, width(last + piece) > width - 25 { lines.append("") }
                lines[lines.count - 1] += piece
            }
            for (n, text) in lines.enumerated() {
                out += hanging(n == 0 ? "  \(pad(k, 22)) " : String(repeating: " ", count: 25), text)
            }
        }
        out.append("")
        return out
    }

    static func survey1(_ d: ReportData) -> [String] {
        let w = d.wording
        var out = title(w.survey1Heading)
        out += weighting(d)
        let questions = orderedUnique(d.survey.map(\.question))
        for q in questions {
            let rows = d.survey.filter { $0.domain == SurveyTabulation.allDomain && $0.question == q }
            out += allTable(rows, question: q, single: false, d)
            // The bars, one per item of the table above (its number, then the bar): ASCII '#',
            // one column wide in every font, CJK ones included, 60 columns for 100 %. A
            // suppressed item has no bar and no number.
            for r in rows {
                let value = r.percent ?? 0
                let bar = String(repeating: "#", count: Int((value / 100 * 60).rounded()))
                out.append("\(lpad("\(r.item)", 4)) |\(pad(bar, 60)) \(lpad(flagged(r.percent, r.status), 6))")
            }
            out.append(pad("", 5) + "0%" + String(repeating: " ", count: 27) + "50%" + String(repeating: " ", count: 26) + "100%")
            out += footnote(rows, d)
            out.append("")
            let domains = orderedUnique(d.survey.map(\.domain)).filter { $0 != SurveyTabulation.allDomain }
            if !domains.isEmpty {
                out += para(w.byProject(question: q, single: false))
                let items = rows.map(\.item)
                out += projectTable(domains: domains, items: items, survey: d.survey, question: q, w)
                out += footnote(d.survey.filter { $0.question == q }, d)
                out.append("")
            }
        }
        out += singles(d)
        return out
    }

    /// A question's table for the `all` domain: item, label, selected, percent (flagged), interval.
    static func allTable(_ rows: [SurveyItemEstimate], question q: String, single: Bool, _ d: ReportData) -> [String] {
        let w = d.wording
        var out: [String] = []
        let base = rows.first.map { $0.publishedRespondents.map(weighted) ?? "x" } ?? "0"
        let n = rows.first.map { $0.publishedEffectiveN.map { NumberFormat.rounded($0, decimals: 1) } ?? "x" } ?? "0"
        out += para(
            w.allHeading(
                question: q, single: single, base: base, n: n,
                unweighted: d.weights == nil ? nil : rows.first.map { $0.publishedCount.map { "\($0)" } ?? "x" },
                method: d.config.intervalMethod.rawValue,
                level: NumberFormat.rounded(d.config.confidence * 100, decimals: 0)))
        out.append("")
        let widths = [4, 36, 9, 8, 15]
        out.append(row(w.itemHeader, widths: widths, rightFrom: 2))
        for r in rows {
            let label = wrap(r.label, 36)
            out.append(row(
                ["\(r.item)", label.first ?? "", r.selected.map(weighted) ?? (r.status.isSuppressed ? "x" : "-"),
                 flagged(r.percent, r.status), interval(r.interval, decimals: 1)],
                widths: widths, rightFrom: 2))
            for more in label.dropFirst() { out.append(row(["", more], widths: widths, rightFrom: 2)) }
        }
        out.append("")
        return out
    }

    /// A percent with one decimal and its flag: `41.1*` low reliability, `x` suppressed, `-` no base.
    static func flagged(_ p: Double?, _ status: EstimateStatus) -> String {
        switch status {
        case .suppressedFrequency, .suppressedSecondary: return "x"
        case .empty: return "-"
        case .lowReliability: return pctText(p) + "*"
        case .ok: return pctText(p)
        }
    }

    /// The footnote of the flags `rows` carry (nothing when none is flagged).
    static func footnote(_ rows: [SurveyItemEstimate], _ d: ReportData) -> [String] {
        let w = d.wording
        var out: [String] = []
        if rows.contains(where: { $0.status == .lowReliability }) { out += para(w.lowReliability(d.config.reliableN)) }
        if rows.contains(where: { $0.status == .suppressedFrequency }) { out += para(w.suppressedFrequency(d.config.minBase)) }
        if rows.contains(where: { $0.status == .suppressedSecondary }) { out += para(w.suppressedSecondary) }
        return out
    }

    /// The weighting block (CALIBRATE): margins before and after, and the weights' spread.
    static func weighting(_ d: ReportData) -> [String] {
        guard let weights = d.weights else { return [] }
        let w = d.wording
        var out: [String] = []
        out += para(w.weightsRaked(d.config.calibrate.map(\.rawValue)))
        out.append("")
        if !d.margins.isEmpty {
            let widths = [8, 30, 9, 12, 12]
            out.append(row(w.marginHeader, widths: widths, rightFrom: 2))
            for m in d.margins {
                out += wrappedRow(
                    [m.column.rawValue, m.value, "\(m.frame)", NumberFormat.rounded(m.before, decimals: 1),
                     NumberFormat.rounded(m.after, decimals: 3)],
                    widths: widths, rightFrom: 2, wrapping: 1)
            }
            out.append("")
        }
        let widths = [10, 11, 10, 9, 9, 8, 7, 7]
        out.append(row(w.weightsHeader, widths: widths, rightFrom: 1))
        for (name, values) in [(w.weightsBefore, weights.map(\.weight)), (w.weightsAfter, weights.map(\.calibrated))] {
            let s = WeightSummary(values)
            out.append(row(
                [name, "\(s.count)", NumberFormat.rounded(s.sum, decimals: 1), NumberFormat.rounded(s.min, decimals: 3),
                 NumberFormat.rounded(s.max, decimals: 3), NumberFormat.rounded(s.ratio, decimals: 2),
                 NumberFormat.rounded(s.cv, decimals: 3), NumberFormat.rounded(s.designEffect, decimals: 3)],
                widths: widths, rightFrom: 1))
        }
        out += para(w.weightsNote)
        out.append("")
        return out
    }

    /// The single questions (survey_single.csv): the `all` table and the table by project.
    static func singles(_ d: ReportData) -> [String] {
        guard !d.single.isEmpty else { return [] }
        let w = d.wording
        var out: [String] = []
        out += para(w.singlesHeading)
        out.append("")
        for q in orderedUnique(d.single.map(\.question)) {
            let rows = d.single.filter { $0.domain == SurveyTabulation.allDomain && $0.question == q }
            out += allTable(rows, question: q, single: true, d)
            out += footnote(rows, d)
            let domains = orderedUnique(d.single.map(\.domain)).filter { $0 != SurveyTabulation.allDomain }
            if !domains.isEmpty {
                out += para(w.byProject(question: q, single: true))
                out += projectTable(domains: domains, items: rows.map(\.item), survey: d.single, question: q, w)
                out += footnote(d.single.filter { $0.question == q }, d)
            }
            out.append("")
        }
        return out
    }

    /// The by-project table (percent with one decimal), split into column blocks that fit the
    /// width, then its items' labels (wrapped, never cut). A project name wider than its column
    /// wraps, its numbers on its last line.
    static func projectTable(domains: [String], items: [Int], survey: [SurveyItemEstimate], question: String, _ w: Wording)
        -> [String]
    {
        var out: [String] = []
        let domainWidth = min(22, max(14, domains.map(width).max() ?? 0))
        let perBlock = max(1, (width - domainWidth - 7) / 6)
        var start = 0
        while start < items.count {
            let block = Array(items[start..<min(items.count, start + perBlock)])
            var head = pad(w.projectHeader, domainWidth) + lpad(w.baseHeader, 7)
            for item in block { head += lpad("\(item)", 6) }
            out.append(head)
            for domain in domains {
                let rows = survey.filter { $0.domain == domain && $0.question == question }
                var line = name(domain, domainWidth, into: &out) + lpad(rows.first.map { $0.publishedRespondents.map(weighted) ?? "x" } ?? "0", 7)
                for item in block {
                    let cell = rows.first { $0.item == item }
                    line += lpad(cell.map { flagged($0.percent, $0.status) } ?? "-", 6)
                }
                out.append(line)
            }
            start += perBlock
            if start < items.count { out.append("") }
        }
        out.append("")
        let labels = survey.filter { $0.domain == SurveyTabulation.allDomain && $0.question == question }
        for item in items {
            let label = labels.first { $0.item == item }?.label ?? ""
            out += hanging(lpad("\(item)", 4) + "  ", label)
        }
        return out
    }

    static func survey2(_ d: ReportData) -> [String] {
        let w = d.wording
        var out = title("4. " + w.survey2(baseYear: d.config.baseYear))
        out += para(w.survey2Series)
        out += para(w.survey2Settings(bootstrap: d.config.bootstrap, weights: d.config.weights.rawValue))
        out.append("")
        let widths = [19, 5, 11, 16, 7, 15]
        for measure in orderedUnique(d.index.map(\.measure)) {
            let series = d.index.filter { $0.measure == measure }
            out.append("\(measure.rawValue) (\(w.name(measure)))")
            out.append(row(w.indexHeader, widths: widths, rightFrom: 1))
            for s in series {
                for p in s.points {
                    // A withheld series (the contract's 11) shows its size and `x`, never its numbers.
                    let numbers =
                        s.isPublished
                        ? [NumberFormat.rounded(p.total, decimals: 0), NumberFormat.rounded(p.index, decimals: 3),
                           interval(p.interval, decimals: 3)]
                        : ["x", "x", ""]
                    out.append(row([s.kind.rawValue, "\(p.year)", "\(p.enterprises)"] + numbers, widths: widths, rightFrom: 1))
                }
            }
            out.append("")
            out += lineChart(series, baseYear: d.config.baseYear, w)
            out.append("")
        }
        out += byProject(d)
        return out
    }

    /// The index per project (index_by_project.csv): per project the last year of each measure,
    /// cluster index against corrected benchmark; x suppressed, ? undefined.
    static func byProject(_ d: ReportData) -> [String] {
        guard !d.byProject.isEmpty else { return [] }
        let w = d.wording
        var out: [String] = []
        let measures = orderedUnique(d.byProject.map(\.measure))
        let last = Dictionary(d.byProject.map { ($0.measure, $0.year) }, uniquingKeysWith: max)
        out += para(w.byProjectHeading)
        out.append("")
        let projects = orderedUnique(d.byProject.map(\.project))
        let projectWidth = min(22, max(14, projects.map(width).max() ?? 0))
        var head = pad(w.projectHeader, projectWidth)
        for m in measures { head += lpad("\(m.rawValue) \(last[m] ?? 0)", 19) }
        out.append(head)
        var sub = pad("", projectWidth)
        let columns = w.byProjectColumns
        for _ in measures { sub += lpad(columns[0], 5) + lpad(columns[1], 7) + lpad(columns[2], 7) }
        out.append(sub)
        for p in projects {
            var line = name(p, projectWidth, into: &out)
            for m in measures {
                let year = last[m] ?? 0
                let cluster = d.byProject.first { $0.project == p && $0.measure == m && $0.kind == .cluster && $0.year == year }
                let bench = d.byProject.first {
                    $0.project == p && $0.measure == m && $0.kind == .benchmarkCorrected && $0.year == year
                }
                func shown(_ r: ProjectIndexRow?) -> String {
                    guard let r else { return "-" }
                    if r.status.isSuppressed { return "x" }
                    switch r.status {
                    case .ok: return r.index.map { NumberFormat.rounded($0, decimals: 3) } ?? "-"
                    case .undefined: return "?"
                    default: return "-"
                    }
                }
                line += lpad("\(cluster?.enterprises ?? 0)", 5) + lpad(shown(cluster), 7) + lpad(shown(bench), 7)
            }
            out.append(line)
        }
        out += para(w.byProjectNote(minFrequency: d.config.minFrequency, dominance: d.config.dominance))
        out.append("")
        return out
    }

    /// A small text chart: C = cluster, B = benchmark_corrected, * = both, - = 1.000. A year
    /// takes 8 columns, fewer when there are more than 8 years; a year's label is left out when
    /// the one before it would touch it.
    static func lineChart(_ series: [IndexSeries], baseYear: Int, _ w: Wording) -> [String] {
        let series = series.filter(\.isPublished)
        let cluster = series.first { $0.kind == .cluster }?.points ?? []
        let corrected = series.first { $0.kind == .benchmarkCorrected }?.points ?? []
        let values = (cluster + corrected).map(\.index) + [1]
        guard let low = values.min(), let high = values.max(), high > low, !cluster.isEmpty else { return [] }
        let height = 10
        let years = cluster.map(\.year)
        let step = max(1, min(8, (width - 11) / years.count))
        func level(_ v: Double) -> Int { Int(((v - low) / (high - low) * Double(height - 1)).rounded()) }
        var grid = [[Character]](repeating: [Character](repeating: " ", count: years.count * step), count: height)
        let one = level(1)
        for x in 0..<(years.count * step) { grid[one][x] = "-" }
        for k in years.indices {
            let x = k * step + (step - 1) / 2
            let c = k < cluster.count ? level(cluster[k].index) : nil
            let b = k < corrected.count ? level(corrected[k].index) : nil
            if let c { grid[c][x] = "C" }
            if let b { grid[b][x] = b == c ? "*" : "B" }
        }
        var out: [String] = []
        for y in stride(from: height - 1, through: 0, by: -1) {
            let label = y == height - 1 ? NumberFormat.rounded(high, decimals: 3)
                : y == 0 ? NumberFormat.rounded(low, decimals: 3)
                : y == one ? "1.000" : ""
            out.append(lpad(label, 8) + " |" + String(grid[y]))
        }
        out.append(String(repeating: " ", count: 9) + "+" + String(repeating: "-", count: years.count * step))
        // Each year's label starts under its mark, when it does not touch the label before it.
        var axis = [Character](repeating: " ", count: 10 + years.count * step)
        var free = 0
        for (k, year) in years.enumerated() {
            let text = Array("\(year)")
            let start = 10 + k * step + (step - 1) / 2
            guard start >= free, start + text.count <= axis.count else { continue }
            for (i, c) in text.enumerated() { axis[start + i] = c }
            free = start + text.count + 1
        }
        out.append(String(axis))
        out.append(String(repeating: " ", count: 10) + w.chartLegend(baseYear: baseYear))
        return out
    }

    static func panel(_ d: ReportData) -> [String] {
        let w = d.wording
        var out = title(w.panelHeading)
        let measures = orderedUnique(d.panelLog.map(\.measure))
        var head = pad(w.reasonHeader, 24)
        for m in measures { head += lpad(m.rawValue, 12) }
        out.append(head)
        for reason in PanelReason.allCases {
            var line = pad(reason.rawValue, 24)
            for m in measures {
                let n = d.panelLog.first { $0.measure == m && $0.reason == reason }?.enterprises ?? 0
                line += lpad("\(n)", 12)
            }
            out.append(line)
        }
        var total = pad(w.participantsRow, 24)
        for m in measures {
            total += lpad("\(d.panelLog.filter { $0.measure == m }.reduce(0) { $0 + $1.enterprises })", 12)
        }
        out.append(total)
        out.append("")
        return out
    }

    static func notes(_ d: ReportData) -> [String] {
        let w = d.wording
        var out = title(w.notesHeading)
        let excluded = d.config.excludeCategories
        out += para(excluded.isEmpty ? w.nothingExcluded : w.excluded(excluded))
        out += para(w.smeClasses(d.config.benchmarkMaxCapital))
        out += para(w.panelNote)
        let filtered = d.inputs.first { $0.file == InputKind.statements.fileName }?.summary.balance.filtered ?? 0
        if filtered > 0 { out += para(w.filteredStatements(filtered)) }
        out.append("")
        return out
    }

    static func reproduction(_ d: ReportData) -> [String] {
        guard let rows = d.reproduction else { return [] }
        let w = d.wording
        var out = title(w.reproductionHeading)
        out += para(w.verdict(rows))
        out.append("")
        let widths = [8, 20, 11, 5, 10, 10, 6]
        out.append(row(w.reproductionHeader, widths: widths, rightFrom: 4))
        for r in rows {
            let p = r.published
            out += wrappedRow(
                [p.figure, p.series, p.measure, p.key, p.value, r.computed ?? "-", w.matches(r.matches)],
                widths: widths, rightFrom: 4)
        }
        let mismatches = rows.filter { !$0.matches }
        if !mismatches.isEmpty {
            out.append("")
            out += para(w.mismatches(mismatches.count))
        }
        out.append("")
        return out
    }

    // MARK: formatting

    static func title(_ text: String, underline: Character = "-") -> [String] {
        [text, String(repeating: underline, count: width(text))]
    }

    static func pctText(_ p: Double?) -> String { p.map { NumberFormat.rounded($0, decimals: 1) } ?? "-" }


    static func interval(_ range: ClosedRange<Double>?, decimals: Int) -> String {
        guard let range else { return "" }
        return "[\(NumberFormat.rounded(range.lowerBound, decimals: decimals)), \(NumberFormat.rounded(range.upperBound, decimals: decimals))]"
    }

    /// A name in a table's first column of `w` columns: the lines it wraps to but the last go
    /// to `out`; the last, padded, starts the row (its numbers follow it).
    static func name(_ text: String, _ w: Int, into out: inout [String]) -> String {
        let lines = wrap(text, w)
        out += lines.dropLast()
        return pad(lines.last ?? "", w)
    }

    /// Prose wrapped to the report's width.
    static func para(_ text: String) -> [String] { wrap(text, width) }

    /// `prefix` then `text`, the text wrapped to the width and its later lines under its first.
    static func hanging(_ prefix: String, _ text: String) -> [String] {
        let indent = width(prefix)
        let lines = wrap(text, max(10, width - indent))
        return [prefix + (lines.first ?? "")] + lines.dropFirst().map { String(repeating: " ", count: indent) + $0 }
    }

    /// A table row whose cell `wrapping` (the first by default) wraps to its column's width,
    /// the other cells on the row's last line. Any other cell wider than its column widens
    /// the line (nothing is cut), so the widths are chosen for the longest value they hold.
    static func wrappedRow(_ cells: [String], widths: [Int], rightFrom: Int, wrapping: Int = 0) -> [String] {
        guard wrapping < cells.count, wrapping < widths.count else { return [row(cells, widths: widths, rightFrom: rightFrom)] }
        let parts = wrap(cells[wrapping], widths[wrapping])
        var lines: [String] = []
        for part in parts.dropLast() {
            var blank = [String](repeating: "", count: wrapping + 1)
            blank[wrapping] = part
            lines.append(row(blank, widths: widths, rightFrom: rightFrom))
        }
        var last = cells
        last[wrapping] = parts.last ?? ""
        lines.append(row(last, widths: widths, rightFrom: rightFrom))
        return lines
    }

    static func row(_ cells: [String], widths: [Int], rightFrom: Int) -> String {
        var line = ""
        for (k, cell) in cells.enumerated() {
            let w = k < widths.count ? widths[k] : cell.count
            line += (k >= rightFrom ? lpad(cell, w) : pad(cell, w)) + " "
        }
        return line
    }

    /// Columns `s` takes in a terminal: East Asian wide characters (kanji, kana, full-width
    /// forms) take two, so that Japanese labels keep the tables aligned and within 80 columns.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { total, c in
            let v = c.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || v >= 0x20000
            return total + (wide ? 2 : 1)
        }
    }

    static func pad(_ s: String, _ w: Int) -> String {
        let n = width(s)
        return n >= w ? s : s + String(repeating: " ", count: w - n)
    }

    static func lpad(_ s: String, _ w: Int) -> String {
        let n = width(s)
        return n >= w ? s : String(repeating: " ", count: w - n) + s
    }

    /// A weighted sum for people: whole when it is whole (a count), else one decimal.
    static func weighted(_ x: Double) -> String {
        NumberFormat.rounded(x, decimals: x == x.rounded() ? 0 : 1)
    }

    /// `s` in lines of at most `w` columns: broken at spaces; Japanese (a word with a wide
    /// character) fills the line and breaks between characters, as a word wider than a line
    /// does. Nothing is cut.
    static func wrap(_ s: String, _ w: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        func flush() {
            if !line.isEmpty { lines.append(line) }
            line = ""
        }
        for word in s.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let joined = line.isEmpty ? word : line + " " + word
            if width(joined) <= w {
                line = joined
                continue
            }
            if width(word) == word.unicodeScalars.count, width(word) <= w {
                flush()  // an English word moves to the next line whole
            } else if !line.isEmpty, width(line) + 2 <= w {
                line += " "  // Japanese, or a word longer than a line, starts here
            } else {
                flush()
            }
            for c in word {
                if width(line + String(c)) > w {
                    // A line does not start with a closing mark (。、）ー…): the character
                    // before it goes down with it.
                    if closing.contains(c), line.count >= 2, let carried = line.popLast() {
                        flush()
                        line.append(carried)
                    } else {
                        flush()
                    }
                }
                line.append(c)
            }
        }
        flush()
        return lines.isEmpty ? [""] : lines
    }

    /// What a Japanese line does not start with (kinsoku): closing punctuation and the long
    /// vowel mark.
    static let closing: Set<Character> = ["。", "、", "）", "」", "』", "ー", "・", "：", "，", "．", ")", "]", ",", "."]

    package static func orderedUnique<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension ReportData {
    /// The run's wording (run.conf LANGUAGE).
    public var wording: Wording { Wording(config.language) }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
