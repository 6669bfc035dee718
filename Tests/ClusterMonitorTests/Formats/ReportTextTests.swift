import Testing

@testable import Formats
@testable import Statistics
@testable import Values

/// report.txt (SPEC 5): layout, the 100-column limit by display width, the text chart, and the
/// rounding of the reproduction table. Every expected string is derived in its comment.
@Suite struct ReportTextTests {
    // MARK: table layout

    /// `row`: a cell padded to its width (left-aligned before `rightFrom`, right-aligned from
    /// it) and one space after each: "a" in 4 → "a   ", "bb" in 3 → "bb ", "3" in 5 → "    3".
    @Test func rowPadsAndAligns() {
        #expect(ReportText.row(["a", "bb", "3"], widths: [4, 3, 5], rightFrom: 2) == "a    bb      3 ")
    }

    /// A cell wider than its column is kept whole (the table widens rather than lose a digit).
    @Test func rowKeepsAWideCell() {
        #expect(ReportText.row(["123456"], widths: [3], rightFrom: 0) == "123456 ")
    }

    /// Display width: kanji and full-width forms take two columns, ASCII and the half-width
    /// katakana block (U+FF61–U+FF9F) one.
    @Test func displayWidth() {
        #expect(ReportText.width("abc") == 3)
        #expect(ReportText.width("電子") == 4)
        #expect(ReportText.width("Ａ1") == 3)  // U+FF21 is full-width
        #expect(ReportText.width("ｱ") == 1)  // U+FF71 is half-width
        // Padding counts columns, not characters: "電子" (4) padded to 6 gets two spaces.
        #expect(ReportText.pad("電子", 6) == "電子  ")
        #expect(ReportText.lpad("電子", 6) == "  電子")
    }

    /// `wrap` breaks at spaces, and between characters where there is none (Japanese): by
    /// hand, "電子部品製造業" (14 columns) in lines of 9 is 電子部品 (8; 製 would make 10) and
    /// 製造業 (6); "a bb ccc" in lines of 4 is "a bb", "ccc"; an English word that does not fit
    /// moves down whole ("aaa bbbb" in 6: "aaa", "bbbb"), Japanese fills the line ("ab 電子部品"
    /// in 7: "ab 電子" is 2 + 1 + 4 = 7, then "部品"). Nothing is cut: the lines without their
    /// spaces give the text without its spaces.
    @Test func wrapByDisplayWidth() {
        #expect(ReportText.wrap("電子部品製造業", 9) == ["電子部品", "製造業"])
        #expect(ReportText.wrap("a bb ccc", 4) == ["a bb", "ccc"])
        #expect(ReportText.wrap("aaa bbbb", 6) == ["aaa", "bbbb"])
        #expect(ReportText.wrap("ab 電子部品", 7) == ["ab 電子", "部品"])
        #expect(ReportText.wrap("short", 9) == ["short"])
        #expect(ReportText.wrap("", 9) == [""])
        let long = String(repeating: "地域資源を活用した新事業 ", count: 6)
        let lines = ReportText.wrap(long, 50)
        #expect(lines.allSatisfy { ReportText.width($0) <= 50 })
        #expect(lines.joined().filter { $0 != " " } == long.filter { $0 != " " })
    }

    /// A line never starts with a closing mark (kinsoku): "あいう。えお" in lines of 6 would
    /// break before 。 (あいう is 6); う goes down with it: "あい", "う。え" (6), "お".
    @Test func wrapKeepsClosingMarksOffTheLineStart() {
        #expect(ReportText.wrap("あいう。えお", 6) == ["あい", "う。え", "お"])
    }

    /// A heading's underline is as wide as the heading shows: "1. 入力" is 3 + 2 × 2 = 7 columns.
    @Test func underlineByDisplayWidth() {
        #expect(ReportText.title("1. 入力") == ["1. 入力", "-------"])
        #expect(ReportText.title("Notes", underline: "=") == ["Notes", "====="])
    }

    /// Weighted sums for people: a whole number as it is, else one decimal (341.9879999999999
    /// → 342.0; 2.25 → 2.3, half away from zero).
    @Test func weightedSumsForDisplay() {
        #expect(ReportText.weighted(1000) == "1000")
        #expect(ReportText.weighted(341.9879999999999) == "342.0")
        #expect(ReportText.weighted(2.25) == "2.3")
    }

    // MARK: the whole report within 80 columns

    /// A run whose labels, project names and file names are long and Japanese, in English and
    /// in Japanese: no line of the report is wider than 80 columns (a kanji counts 2), and the
    /// survey table's columns line up by display width.
    @Test(arguments: [ReportLanguage.en, .ja])
    func everyLineWithin80Columns(_ language: ReportLanguage) {
        var data = Self.sample()
        data.config.language = language
        let text = ReportText.render(data)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines { #expect(ReportText.width(line) <= 80, "\(ReportText.width(line)): \(line)") }
        // Survey 1's row of item 1: item (4, left) "1   ", the label's first 36 columns (18
        // characters of two columns each), selected (9, right) 2 → "        2", percent (8)
        // "50.0" → "    50.0", interval (15) [30.0, 70.0] → "   [30.0, 70.0]"; the rest of
        // the label on the next lines, nothing cut.
        let label = String(repeating: "地域資源を活用した新事業", count: 6)
        let first = String(label.prefix(18))
        let expected = "1    " + first + " " + "        2" + " " + "    50.0" + " " + "   [30.0, 70.0]"
        #expect(lines.contains(expected))
        #expect(lines.contains("     " + String(label.dropFirst(18).prefix(18))))
    }

    // MARK: the text chart of Survey 2

    /// Cluster 1.0 → 1.2 and corrected 1.0 → 0.9 over 2000–2001. Scale: low 0.9, high 1.2, ten
    /// rows, level(v) = round((v − 0.9) / 0.3 × 9): level(1.0) = 3, level(1.2) = 9, level(0.9) = 0.
    /// Columns: 8 per year, the mark at 3 and 11. In 2000 both are at level 3 ("*", on the
    /// 1.000 line of "-"); in 2001 C at level 9 and B at level 0.
    @Test func lineChartPlacesTheMarks() {
        let series = Self.series(cluster: [1.0, 1.2], corrected: [1.0, 0.9])
        let chart = ReportText.lineChart(series, baseYear: 2000, Wording(.en))
        let blank = String(repeating: " ", count: 16)
        func row(_ label: String, _ grid: String) -> String { ReportText.lpad(label, 8) + " |" + grid }
        let expected = [
            row("1.200", String(repeating: " ", count: 11) + "C" + "    "),
            row("", blank), row("", blank), row("", blank), row("", blank), row("", blank),
            row("1.000", "---*------------"),
            row("", blank), row("", blank),
            row("0.900", String(repeating: " ", count: 11) + "B" + "    "),
            String(repeating: " ", count: 9) + "+" + String(repeating: "-", count: 16),
            String(repeating: " ", count: 10) + "   2000 " + "   2001 ",
            String(repeating: " ", count: 10) + "C cluster   B benchmark_corrected   * both   - 2000 level",
        ]
        #expect(chart == expected)
    }

    /// A flat series (every value 1.000) has no scale: no chart rather than a division by zero.
    @Test func flatSeriesHasNoChart() {
        #expect(ReportText.lineChart(Self.series(cluster: [1, 1], corrected: [1, 1]), baseYear: 2000, Wording(.en)).isEmpty)
    }

    // MARK: rounding in the reproduction table

    /// Half away from zero at the published decimals, on the decimal value as printed (not
    /// the binary one): 69.05 (binary 69.04999…) → 69.1; 1.2495 → 1.250; −0.25 → −0.3.
    @Test func reproductionRoundsAsPrinted() {
        let published = [
            PublishedValue(figure: "survey1", series: "all", measure: "Q1", key: "1", value: "69.1", legibility: "", label: ""),
            PublishedValue(figure: "survey2", series: "cluster", measure: "sales", key: "2001", value: "1.250", legibility: "", label: ""),
            PublishedValue(figure: "survey2", series: "cluster", measure: "net_income", key: "2001", value: "-0.3", legibility: "", label: ""),
            // Equal as numbers: a published "069.0" matches a computed 69.0.
            PublishedValue(figure: "survey1", series: "all", measure: "Q1", key: "2", value: "069.0", legibility: "", label: ""),
            // Nothing computed for item 3: no match, shown as "-".
            PublishedValue(figure: "survey1", series: "all", measure: "Q1", key: "3", value: "1.0", legibility: "", label: ""),
        ]
        let survey = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: "a", respondents: 10, selected: 7, percent: 69.05, interval: 40...90, effectiveN: 10),
            SurveyItemEstimate(domain: "all", question: "Q1", item: 2, label: "b", respondents: 10, selected: 7, percent: 69.0, interval: 40...90, effectiveN: 10),
        ]
        let index = [
            IndexSeries(kind: .cluster, measure: .sales, points: [IndexPoint(year: 2001, enterprises: 3, total: 1, index: 1.2495, interval: nil)]),
            IndexSeries(kind: .cluster, measure: .netIncome, points: [IndexPoint(year: 2001, enterprises: 3, total: 1, index: -0.25, interval: nil)]),
        ]
        let rows = Reproduction.compare(published: published, survey: survey, index: index)
        #expect(rows.map(\.computed) == ["69.1", "1.250", "-0.3", "69.0", nil])
        #expect(rows.map(\.matches) == [true, true, true, true, false])
        var data = ReportData()
        data.reproduction = rows
        let text = ReportText.render(data)
        #expect(text.contains("reproduced 4 of 5 published values"))
        #expect(text.contains("Mismatches: 1 (listed above as NO)."))
    }

    // MARK: flags, weights and projects (SPEC 9-10)

    /// A percent's cell by status: ok "41.1", low_reliability "41.1*", suppressed "x" (never
    /// the number, even were one given), empty "-".
    @Test func flaggedCells() {
        #expect(ReportText.flagged(41.06, .ok) == "41.1")
        #expect(ReportText.flagged(41.06, .lowReliability) == "41.1*")
        #expect(ReportText.flagged(41.06, .suppressedFrequency) == "x")
        #expect(ReportText.flagged(41.06, .suppressedSecondary) == "x")
        #expect(ReportText.flagged(nil, .empty) == "-")
    }

    /// Survey 1 with a low-reliability project (TAMA, 41.1 %) and a suppressed one (HOKKAIDO,
    /// base 3): the project table shows `41.1*` and `x`, both footnotes name their thresholds
    /// (RELIABLE_N 30, MIN_BASE 5), and the suppressed row's number appears nowhere.
    @Test func projectTableMarksAndNeverShowsASuppressedNumber() {
        var data = ReportData()
        data.config.minBase = 5
        data.survey = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 1, label: "a", respondents: 40, selected: 20, percent: 50, interval: 35...65, effectiveN: 40),
            SurveyItemEstimate(domain: "HOKKAIDO", question: "Q1", item: 1, label: "a", respondents: 3, selected: nil, percent: nil, interval: nil, effectiveN: 3, status: .suppressedFrequency),
            SurveyItemEstimate(domain: "TAMA", question: "Q1", item: 1, label: "a", respondents: 17, selected: 7, percent: 41.17647, interval: 20...60, effectiveN: 17, status: .lowReliability),
        ]
        let text = ReportText.render(data)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("HOKKAIDO") && $0.hasSuffix(" x") })
        // Its base (3) is withheld too (SPEC 11): `x` in the base column.
        #expect(lines.contains { $0.hasPrefix("HOKKAIDO") && $0.split(separator: " ").dropFirst().first == "x" })
        #expect(lines.contains { $0.hasPrefix("TAMA") && $0.hasSuffix(" 41.2*") })
        #expect(text.contains("* low reliability: effective n below RELIABLE_N = 30"))
        #expect(text.contains("x suppressed: fewer than MIN_BASE = 5 respondents"))
    }

    /// The weighting block: weights [1, 1, 2, 4] before and [2, 2, 2, 2] after (by hand: before
    /// sum 8, min 1, max 4, max/min 4, CV √1.5/2 = 0.612, deff 1.375; after CV 0, deff 1), and a
    /// margin row (project TAMA: frame 8, before 8, after 8).
    @Test func weightingSection() {
        var data = ReportData()
        data.config.calibrate = [.project]
        data.weights = zip([1.0, 1, 2, 4], [2.0, 2, 2, 2]).enumerated().map { k, w in
            WeightsCSV.Row(
                respondent: PanelFixtures.id(100_000_000_001 + UInt64(k)), project: "TAMA", region: "", weight: w.0,
                calibrated: w.1)
        }
        data.margins = [Calibration.MarginRow(column: .project, value: "TAMA", frame: 8, before: 8, after: 8)]
        let lines = ReportText.weighting(data).map(\.trimmingTrailingSpaces)
        #expect(lines.first == "Weights: raked to the frame's participants by project (CALIBRATE).")
        // Columns: column 8, value 30, frame 9, before 12, after 12 (a space after each).
        #expect(lines.contains("project  TAMA                                   8          8.0        8.000"))
        // Columns: weights 10 (left), respondents 11, sum 10, min 9, max 9, max/min 8, CV 7, deff 7.
        #expect(lines.contains("before               4        8.0     1.000     4.000     4.00   0.612   1.375"))
        #expect(lines.contains("calibrated           4        8.0     2.000     2.000     1.00   0.000   1.000"))
    }

    /// The per-project table: the last year of each measure; TAMA ok (1.063 against 0.880),
    /// TINY suppressed (x, its size still shown), NEG undefined (?).
    @Test func projectIndexTable() {
        var data = ReportData()
        func row(_ p: String, _ kind: SeriesKind, _ n: Int64, _ index: Double?, _ status: ProjectStatus) -> ProjectIndexRow {
            ProjectIndexRow(
                project: p, kind: kind, measure: .sales, year: 2004, enterprises: n, total: index.map { $0 * 100 },
                index: index, interval: nil, status: status)
        }
        data.byProject = [
            row("NEG", .cluster, 4, nil, .undefined), row("NEG", .benchmarkCorrected, 4, nil, .undefined),
            row("TAMA", .cluster, 36, 1.0634, .ok), row("TAMA", .benchmarkCorrected, 36, 0.88, .ok),
            row("TINY", .cluster, 2, nil, .suppressedFrequency), row("TINY", .benchmarkCorrected, 2, nil, .suppressedFrequency),
            row("ZAO", .cluster, 40, nil, .suppressedSecondary), row("ZAO", .benchmarkCorrected, 40, nil, .suppressedSecondary),
        ]
        let lines = ReportText.byProject(data).map(\.trimmingTrailingSpaces)
        // Columns: project 14 (the longest name, at least 14), then per measure n 5, cluster 7,
        // benchmark 7, right-aligned.
        #expect(lines.contains("TAMA             36  1.063  0.880"))
        #expect(lines.contains("TINY              2      x      x"))
        #expect(lines.contains("NEG               4      ?      ?"))
        #expect(lines.contains("ZAO              40      x      x"))
        #expect(lines.allSatisfy { ReportText.width($0) <= ReportText.width })
    }

    // MARK: fixtures

    static func series(cluster: [Double], corrected: [Double]) -> [IndexSeries] {
        func points(_ values: [Double]) -> [IndexPoint] {
            values.enumerated().map { k, v in IndexPoint(year: 2000 + k, enterprises: 4, total: v * 100, index: v, interval: nil) }
        }
        return [
            IndexSeries(kind: .cluster, measure: .sales, points: points(cluster)),
            IndexSeries(kind: .benchmarkCorrected, measure: .sales, points: points(corrected)),
        ]
    }

    /// 1,234,567 records read = 1,234,000 kept + 500 rejected + 60 merged + 7 filtered.
    static var balance: RowBalance {
        var b = RowBalance(file: "statements.csv")
        (b.read, b.kept, b.rejected, b.merged, b.filtered) = (1_234_567, 1_234_000, 500, 60, 7)
        return b
    }

    /// A report's data with long Japanese labels and names everywhere a table shows them.
    static func sample() -> ReportData {
        var data = ReportData()
        data.inputs = [
            ReportData.Input(
                summary: IngestSummaryCSV.Row(
                    balance: Self.balance,
                    encoding: "cp932", bom: false, bytes: 1_000_000, ignoredColumns: "備考 担当者名"),
                sha256: String(repeating: "a", count: 64))
        ]
        data.rejects = [(file: "statements.csv", reason: .invalidCorporateNumber, count: 500)]
        let label = String(repeating: "地域資源を活用した新事業", count: 6)
        let projects = ["all", "北海道スーパー・クラスター振興戦略プロジェクト", "TAMA"]
        data.survey = projects.flatMap { domain in
            (1...18).map { item in
                SurveyItemEstimate(
                    domain: domain, question: "Q1", item: item, label: item == 1 ? label : "項目\(item)",
                    respondents: 4, selected: 2, percent: 50, interval: 30...70, effectiveN: 4)
            }
        }
        data.single = projects.flatMap { domain in
            (1...5).map { item in
                SurveyItemEstimate(
                    domain: domain, question: "Q2", item: item, label: "回答\(item)", respondents: 4, selected: 1,
                    percent: 25, interval: 10...50, effectiveN: 4)
            }
        }
        data.index = series(cluster: [1.0, 1.2], corrected: [1.0, 0.9])
        data.byProject = projects.dropFirst().flatMap { project in
            [Measure.sales, .netIncome, .employees].flatMap { measure in
                [SeriesKind.cluster, .benchmarkCorrected].map { kind in
                    ProjectIndexRow(
                        project: project, kind: kind, measure: measure, year: 2004, enterprises: 12_345, total: 1,
                        index: 1.0634, interval: nil, status: .ok)
                }
            }
        }
        data.config.calibrate = [.project]
        data.weights = [
            WeightsCSV.Row(respondent: PanelFixtures.id(100_000_000_001), project: projects[1], region: "", weight: 1, calibrated: 2)
        ]
        data.margins = [Calibration.MarginRow(column: .project, value: projects[1], frame: 8, before: 8, after: 8)]
        data.panelLog = PanelReason.allCases.map { PanelCSV.LogRow(measure: .sales, reason: $0, enterprises: 1) }
        return data
    }
}
