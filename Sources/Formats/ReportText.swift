import CSVKit
import Rules
import Statistics
import Values

/// report.txt (SPEC 5): plain text, at most 100 columns, no clock time.
public enum ReportText {
    public static let width = 100

    public static func render(_ d: ReportData) -> String {
        var out: [String] = []
        out += title(d.ja ? "産業クラスター計画モニタリング調査：年次実行報告" : "Industrial Cluster Plan monitoring survey: annual run report", underline: "=")
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

    /// The report of a run that stopped at `stage` (SPEC 6.11): the title, the inputs (row
    /// balances, SHA-256, rejects) and the settings; the later sections had nothing to show.
    public static func renderPartial(_ d: ReportData, stoppedAt stage: String) -> String {
        var out: [String] = []
        out += title(d.ja ? "産業クラスター計画モニタリング調査：年次実行報告（中断）" : "Industrial Cluster Plan monitoring survey: annual run report (stopped)", underline: "=")
        out.append("")
        out.append(d.ja ? "この実行は \(stage) で止まりました。以下は入力と設定のみです。" : "This run stopped at \(stage): what follows are its inputs and settings only; no table was")
        if !d.ja { out.append("computed. What the run wrote is beside this report.") }
        out.append("")
        out += inputs(d)
        out += settings(d)
        return out.map { $0.trimmingTrailingSpaces }.joined(separator: "\n") + "\n"
    }

    // MARK: sections

    static func inputs(_ d: ReportData) -> [String] {
        var out = title(d.ja ? "1. 入力" : "1. Inputs")
        out.append("Row balance per file: read = kept + rejected + merged + dropped + filtered (SPEC 2).")
        out.append("")
        out.append(row(["file", "encoding", "read", "kept", "rejected", "merged", "dropped", "filtered", "balance"],
                       widths: [18, 10, 9, 9, 9, 8, 8, 9, 8], rightFrom: 2))
        for i in d.inputs {
            let (s, b) = (i.summary, i.summary.balance)
            let encoding = s.encoding + (s.bom ? "+BOM" : "")
            out.append(row(
                [b.file, encoding, "\(b.read)", "\(b.kept)", "\(b.rejected)", "\(b.merged)", "\(b.dropped)",
                 "\(b.filtered)", b.isBalanced ? "ok" : "OFF"],
                widths: [18, 10, 9, 9, 9, 8, 8, 9, 8], rightFrom: 2))
        }
        out.append("")
        out.append("SHA-256 of each input:")
        for i in d.inputs { out.append("  \(pad(i.file, 18)) \(i.sha256)") }
        if !d.configSHA256.isEmpty { out.append("  \(pad("run.conf", 18)) \(d.configSHA256)") }
        out.append("")
        if d.rejects.isEmpty {
            out.append("Rejects: none.")
        } else {
            out.append("Rejects by reason (every rejected record is in rejects.csv):")
            for r in d.rejects { out.append("  \(pad(r.file, 18)) \(pad(r.reason.rawValue, 28)) \(lpad("\(r.count)", 8))") }
        }
        let ignored = d.inputs.filter { !$0.summary.ignoredColumns.isEmpty }
        if !ignored.isEmpty {
            out.append("")
            out.append("Ignored columns (not in SPEC 1.1):")
            for i in ignored { out.append("  \(pad(i.file, 18)) \(i.summary.ignoredColumns)") }
        }
        out.append("")
        return out
    }

    static func settings(_ d: ReportData) -> [String] {
        let c = d.config
        var out = title(d.ja ? "2. 設定 (run.conf)" : "2. Settings (run.conf)")
        for (k, v) in c.settings { out.append("  \(pad(k, 22)) \(v)") }
        out.append("")
        return out
    }

    static func survey1(_ d: ReportData) -> [String] {
        var out = title(d.ja ? "3. モニタリング調査1：肯定的な意見の割合" : "3. Monitoring Survey 1: percentage of affirmative opinions")
        out += weighting(d)
        let questions = orderedUnique(d.survey.map(\.question))
        for q in questions {
            let rows = d.survey.filter { $0.domain == SurveyTabulation.allDomain && $0.question == q }
            out += allTable(rows, question: q, what: "all respondents", d)
            // The bars are ASCII '#' (one column wide in every font, CJK ones included); a label
            // longer than its 40 columns wraps, its bar on its last line. A suppressed item has
            // no bar and no number.
            for r in rows {
                let value = r.percent ?? 0
                let bar = String(repeating: "#", count: Int((value / 100 * 50).rounded()))
                let label = wrap(r.label, 40)
                for more in label.dropLast() { out.append(more) }
                out.append("\(pad(label.last ?? "", 40)) |\(pad(bar, 50)) \(lpad(flagged(r.percent, r.status), 5))")
            }
            out.append("\(pad("", 40)) 0%\(String(repeating: " ", count: 21))50%\(String(repeating: " ", count: 21))100%")
            out += footnote(rows, d)
            out.append("")
            let domains = orderedUnique(d.survey.map(\.domain)).filter { $0 != SurveyTabulation.allDomain }
            if !domains.isEmpty {
                out.append("\(q) by project (percent of the base; base = respondents who chose any item):")
                let items = rows.map(\.item)
                out += projectTable(domains: domains, items: items, survey: d.survey, question: q)
                out += footnote(d.survey.filter { $0.question == q }, d)
                out.append("")
            }
        }
        out += singles(d)
        return out
    }

    /// A question's table for the `all` domain: item, label, selected, percent (flagged), interval.
    static func allTable(_ rows: [SurveyItemEstimate], question q: String, what: String, _ d: ReportData) -> [String] {
        var out: [String] = []
        let base = rows.first.map { $0.publishedRespondents.map(weighted) ?? "x" } ?? "0"
        let n = rows.first.map { $0.publishedEffectiveN.map { NumberFormat.rounded($0, decimals: 1) } ?? "x" } ?? "0"
        out.append("\(q), \(what) (base \(base), effective n \(n); interval \(d.config.intervalMethod.rawValue) \(NumberFormat.rounded(d.config.confidence * 100, decimals: 0))%)")
        out.append("")
        out.append(row(["item", "label", "selected", "percent", "interval"], widths: [4, 50, 9, 8, 16], rightFrom: 2))
        for r in rows {
            let label = wrap(r.label, 50)
            out.append(row(
                ["\(r.item)", label.first ?? "", r.selected.map(weighted) ?? (r.status.isSuppressed ? "x" : "-"),
                 flagged(r.percent, r.status), interval(r.interval, decimals: 1)],
                widths: [4, 50, 9, 8, 16], rightFrom: 2))
            for more in label.dropFirst() { out.append(row(["", more], widths: [4, 50], rightFrom: 2)) }
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
        var out: [String] = []
        if rows.contains(where: { $0.status == .lowReliability }) {
            out.append("* low reliability: effective n below RELIABLE_N = \(NumberFormat.plain(d.config.reliableN)); quote with care (SPEC 9).")
        }
        if rows.contains(where: { $0.status == .suppressedFrequency }) {
            out.append("x suppressed: fewer than MIN_BASE = \(d.config.minBase) respondents in the base; not published (SPEC 9).")
        }
        if rows.contains(where: { $0.status == .suppressedSecondary }) {
            out.append("x also withheld so that a suppressed domain cannot be worked out from the others (SPEC 11).")
        }
        return out
    }

    /// The weighting block (CALIBRATE): margins before and after, and the weights' spread.
    static func weighting(_ d: ReportData) -> [String] {
        guard let weights = d.weights else { return [] }
        var out: [String] = []
        let columns = d.config.calibrate.map(\.rawValue).joined(separator: " and ")
        out.append(d.ja ? "ウェイト：フレームの\(columns)別の参加者数に合わせたレイキング (CALIBRATE, SPEC 9)"
            : "Weights: raked to the frame's participants by \(columns) (CALIBRATE, SPEC 9)")
        out.append("")
        if !d.margins.isEmpty {
            out.append(row(["column", "value", "frame", "before", "after"], widths: [8, 30, 9, 12, 12], rightFrom: 2))
            for m in d.margins {
                out.append(row(
                    [m.column.rawValue, m.value, "\(m.frame)", NumberFormat.rounded(m.before, decimals: 1),
                     NumberFormat.rounded(m.after, decimals: 3)],
                    widths: [8, 30, 9, 12, 12], rightFrom: 2))
            }
            out.append("")
        }
        out.append(row(["weights", "respondents", "sum", "min", "max", "max/min", "CV", "deff"],
                       widths: [12, 11, 10, 9, 9, 8, 7, 7], rightFrom: 1))
        for (name, values) in [("before", weights.map(\.weight)), ("calibrated", weights.map(\.calibrated))] {
            let w = WeightSummary(values)
            out.append(row(
                [name, "\(w.count)", NumberFormat.rounded(w.sum, decimals: 1), NumberFormat.rounded(w.min, decimals: 3),
                 NumberFormat.rounded(w.max, decimals: 3), NumberFormat.rounded(w.ratio, decimals: 2),
                 NumberFormat.rounded(w.cv, decimals: 3), NumberFormat.rounded(w.designEffect, decimals: 3)],
                widths: [12, 11, 10, 9, 9, 8, 7, 7], rightFrom: 1))
        }
        out.append("CV: standard deviation / mean of the weights; deff: Kish's design effect of unequal weights, 1 + CV^2.")
        out.append("Every estimate below uses the calibrated weights (effective n from them too).")
        out.append("")
        return out
    }

    /// The single questions (survey_single.csv): the `all` table and the table by project.
    static func singles(_ d: ReportData) -> [String] {
        guard !d.single.isEmpty else { return [] }
        var out: [String] = []
        out.append(d.ja ? "単一回答の設問（回答者 = その設問に回答した人）" : "Single questions (base = respondents who answered the question):")
        out.append("")
        for q in orderedUnique(d.single.map(\.question)) {
            let rows = d.single.filter { $0.domain == SurveyTabulation.allDomain && $0.question == q }
            out += allTable(rows, question: q, what: "all respondents who answered", d)
            out += footnote(rows, d)
            let domains = orderedUnique(d.single.map(\.domain)).filter { $0 != SurveyTabulation.allDomain }
            if !domains.isEmpty {
                out.append("\(q) by project (percent of the base):")
                out += projectTable(domains: domains, items: rows.map(\.item), survey: d.single, question: q)
                out += footnote(d.single.filter { $0.question == q }, d)
            }
            out.append("")
        }
        return out
    }

    /// The by-project table (percent with one decimal), split into column blocks that fit the
    /// width, then its items' labels (wrapped, never cut).
    static func projectTable(domains: [String], items: [Int], survey: [SurveyItemEstimate], question: String)
        -> [String]
    {
        var out: [String] = []
        let domainWidth = max(18, domains.map(width).max() ?? 0)
        let perBlock = max(1, (width - domainWidth - 8) / 7)
        var start = 0
        while start < items.count {
            let block = Array(items[start..<min(items.count, start + perBlock)])
            var head = pad("project", domainWidth) + lpad("base", 8)
            for item in block { head += lpad("\(item)", 7) }
            out.append(head)
            for domain in domains {
                let rows = survey.filter { $0.domain == domain && $0.question == question }
                var line = pad(domain, domainWidth) + lpad(rows.first.map { $0.publishedRespondents.map(weighted) ?? "x" } ?? "0", 8)
                for item in block {
                    let cell = rows.first { $0.item == item }
                    line += lpad(cell.map { flagged($0.percent, $0.status) } ?? "-", 7)
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
            let lines = wrap(label, width - 6)
            out.append(lpad("\(item)", 4) + "  " + (lines.first ?? ""))
            for more in lines.dropFirst() { out.append("      " + more) }
        }
        return out
    }

    static func survey2(_ d: ReportData) -> [String] {
        var out = title(d.ja ? "4. モニタリング調査2：指数（\(d.config.baseYear)年度 = 1.000）" : "4. Monitoring Survey 2: index series (\(d.config.baseYear) = 1.000)")
        out.append("cluster: participating SMEs of the panel (bootstrap \(d.config.bootstrap) replicates, percentile interval);")
        out.append("benchmark: national statistics, SME classes, categories not excluded;")
        out.append("benchmark_corrected: the same, corrected to the panel's industry mix (WEIGHTS=\(d.config.weights.rawValue)).")
        out.append("")
        for measure in orderedUnique(d.index.map(\.measure)) {
            let series = d.index.filter { $0.measure == measure }
            out.append(measure.rawValue)
            out.append(row(["series", "year", "enterprises", "total", "index", "interval"],
                           widths: [20, 5, 12, 20, 8, 16], rightFrom: 1))
            for s in series {
                for p in s.points {
                    // A withheld series (SPEC 11) shows its size and `x`, never its numbers.
                    let numbers =
                        s.isPublished
                        ? [NumberFormat.rounded(p.total, decimals: 0), NumberFormat.rounded(p.index, decimals: 3),
                           interval(p.interval, decimals: 3)]
                        : ["x", "x", ""]
                    out.append(row(
                        [s.kind.rawValue, "\(p.year)", "\(p.enterprises)"] + numbers,
                        widths: [20, 5, 12, 20, 8, 16], rightFrom: 1))
                }
            }
            out.append("")
            out += lineChart(series, baseYear: d.config.baseYear)
            out.append("")
        }
        out += byProject(d)
        return out
    }

    /// The index per project (index_by_project.csv): per project the last year of each measure,
    /// cluster index against corrected benchmark; x suppressed, ? undefined.
    static func byProject(_ d: ReportData) -> [String] {
        guard !d.byProject.isEmpty else { return [] }
        var out: [String] = []
        let measures = orderedUnique(d.byProject.map(\.measure))
        let last = Dictionary(d.byProject.map { ($0.measure, $0.year) }, uniquingKeysWith: max)
        out.append(d.ja ? "クラスター・プロジェクト別（各指標の最終年度：クラスター指数 / 補正後の統計）"
            : "By cluster project, last year of each measure (cluster index / corrected benchmark; SPEC 10):")
        out.append("")
        let projects = orderedUnique(d.byProject.map(\.project))
        let projectWidth = max(18, projects.map(width).max() ?? 0)
        var head = pad("project", projectWidth)
        for m in measures { head += lpad("\(m.rawValue) \(last[m] ?? 0)", 24) }
        out.append(head)
        var sub = pad("", projectWidth)
        for _ in measures { sub += lpad("n", 6) + lpad("cluster", 9) + lpad("bench.", 9) }
        out.append(sub)
        for p in projects {
            var line = pad(p, projectWidth)
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
                line += lpad("\(cluster?.enterprises ?? 0)", 6) + lpad(shown(cluster), 9) + lpad(shown(bench), 9)
            }
            out.append(line)
        }
        out.append("n: panel enterprises of the project. x suppressed (disclosure control, SPEC 11): fewer than")
        out.append("MIN_FREQUENCY = \(d.config.minFrequency) enterprises, one or two dominant enterprises (DOMINANCE = \(d.config.dominance.n),\(d.config.dominance.k)),")
        out.append("the p% rule, or withheld so that no suppressed project can be worked out; ? undefined: the")
        out.append("base-year total is not positive; - no panel enterprise.")
        out.append("")
        return out
    }

    /// A small text chart: C = cluster, B = benchmark_corrected, * = both, - = 1.000.
    static func lineChart(_ series: [IndexSeries], baseYear: Int) -> [String] {
        let series = series.filter(\.isPublished)
        let cluster = series.first { $0.kind == .cluster }?.points ?? []
        let corrected = series.first { $0.kind == .benchmarkCorrected }?.points ?? []
        let values = (cluster + corrected).map(\.index) + [1]
        guard let low = values.min(), let high = values.max(), high > low else { return [] }
        let height = 10
        let years = cluster.map(\.year)
        func level(_ v: Double) -> Int { Int(((v - low) / (high - low) * Double(height - 1)).rounded()) }
        var grid = [[Character]](repeating: [Character](repeating: " ", count: years.count * 8), count: height)
        let one = level(1)
        for x in 0..<(years.count * 8) { grid[one][x] = "-" }
        for (k, _) in years.enumerated() {
            let x = k * 8 + 3
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
        out.append(String(repeating: " ", count: 9) + "+" + String(repeating: "-", count: years.count * 8))
        out.append(String(repeating: " ", count: 10) + years.map { lpad("\($0)", 7) + " " }.joined())
        out.append(String(repeating: " ", count: 10) + "C cluster   B benchmark_corrected   * both   - \(baseYear) level")
        return out
    }

    static func panel(_ d: ReportData) -> [String] {
        var out = title(d.ja ? "5. パネルとパネルの記録" : "5. Panel (SPEC 3.2) and panel log")
        let measures = orderedUnique(d.panelLog.map(\.measure))
        var head = pad("reason", 24)
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
        var total = pad("participants", 24)
        for m in measures {
            total += lpad("\(d.panelLog.filter { $0.measure == m }.reduce(0) { $0 + $1.enterprises })", 12)
        }
        out.append(total)
        out.append("")
        return out
    }

    static func notes(_ d: ReportData) -> [String] {
        var out = title(d.ja ? "6. 注記" : "6. Notes")
        let excluded = d.config.excludeCategories
        out.append(excluded.isEmpty
            ? "No benchmark category is excluded."
            : "Excluded from panel and benchmark alike: \(excluded.joined(separator: ", ")) (EXCLUDE_CATEGORIES).")
        out.append("SME classes of the benchmark: capital_max at most \(d.config.benchmarkMaxCapital) thousand yen.")
        out.append("Participants outside a panel are counted once per measure under the first reason that applies;")
        out.append("statements of enterprises outside the frame are validated and counted as filtered.")
        let filtered = d.inputs.first { $0.file == InputKind.statements.fileName }?.summary.balance.filtered ?? 0
        if filtered > 0 { out.append("statements.csv: \(filtered) valid statements of non-participants left out of the panel.") }
        out.append("")
        return out
    }

    static func reproduction(_ d: ReportData) -> [String] {
        guard let rows = d.reproduction else { return [] }
        var out = title(d.ja ? "7. 公表値の再現" : "7. Reproduction of the published values")
        out.append(Reproduction.verdict(rows))
        out.append("")
        out.append(row(["figure", "series", "measure", "key", "published", "computed", "match"],
                       widths: [8, 20, 11, 5, 10, 10, 6], rightFrom: 4))
        for r in rows {
            let p = r.published
            out.append(row([p.figure, p.series, p.measure, p.key, p.value, r.computed ?? "-", r.matches ? "yes" : "NO"],
                           widths: [8, 20, 11, 5, 10, 10, 6], rightFrom: 4))
        }
        let mismatches = rows.filter { !$0.matches }
        if !mismatches.isEmpty {
            out.append("")
            out.append("Mismatches: \(mismatches.count) (listed above as NO).")
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

    static func row(_ cells: [String], widths: [Int], rightFrom: Int) -> String {
        var line = ""
        for (k, cell) in cells.enumerated() {
            let w = k < widths.count ? widths[k] : cell.count
            line += (k >= rightFrom ? lpad(cell, w) : pad(cell, w)) + " "
        }
        return line
    }

    /// Columns `s` takes in a terminal: East Asian wide characters (kanji, kana, full-width
    /// forms) take two, so that Japanese labels keep the tables aligned and within 100 columns.
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

    /// `s` in lines of at most `w` columns: broken at spaces, a word wider than a line (or text
    /// without spaces, as Japanese is) broken between characters. Nothing is cut.
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
            flush()
            for c in word {
                if width(line + String(c)) > w { flush() }
                line.append(c)
            }
        }
        flush()
        return lines.isEmpty ? [""] : lines
    }

    package static func orderedUnique<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension ReportData {
    /// Titles in Japanese (run.conf LANGUAGE=ja).
    var ja: Bool { config.language == .ja }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
