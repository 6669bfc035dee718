import Statistics
import Values

/// Every sentence the run shows people — report.txt, the SVG charts and tables.xlsx — in the
/// run's language (run.conf LANGUAGE, the contract's section 1.1), from this one catalogue: a
/// chart's title, a legend or a footnote reads the same in the report, the SVG and the
/// workbook, and the legends read as the publication's. Codes (column names, reasons, keys of
/// run.conf) and names (projects, item labels, file names) are shown as they are in either
/// language. Colours of the series are here too, so the SVG and the Excel charts agree.
public struct Wording: Sendable {
    public let language: ReportLanguage
    public init(_ language: ReportLanguage) { self.language = language }

    var ja: Bool { language == .ja }
    func pick(_ en: String, _ ja: String) -> String { self.ja ? ja : en }

    // MARK: colours (RGB, as the SVG writes them)

    /// The participating SMEs' series (red, as published).
    public static let clusterColour: UInt32 = 0xC0392B
    /// The corrected benchmark's series (dark blue-grey).
    public static let benchmarkColour: UInt32 = 0x2C3E50
    /// Survey 1's bars.
    public static let barColour: UInt32 = 0x4A78B0
    /// The confidence interval's whiskers.
    public static let whiskerColour: UInt32 = 0x222222

    public static func css(_ rgb: UInt32) -> String {
        let hex = String(rgb, radix: 16)
        return "#" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex
    }

    // MARK: shared by the report, the charts and the workbook

    public var surveyTitle: String { pick("Industrial Cluster Plan monitoring survey", "産業クラスター計画モニタリング調査") }

    public var survey1: String {
        pick("Monitoring Survey 1: percentage of affirmative opinions", "モニタリング調査1：肯定的な意見の割合")
    }

    /// The Survey 1 chart's title: the question and its base.
    public func survey1Chart(question: String, base: String) -> String {
        pick(
            "Monitoring Survey 1: percentage of affirmative opinions (\(question), base \(base))",
            "モニタリング調査1：肯定的な意見の割合（\(question)、回答者 \(base)）")
    }

    public func survey1Subtitle(level: String) -> String {
        pick("bars: percent; whiskers: \(level)% confidence interval", "棒：割合（%）、ひげ：\(level)%信頼区間")
    }

    public var percentSeries: String { pick("percent affirmative", "肯定的な意見の割合（%）") }

    public func survey2(baseYear: Int) -> String {
        pick("Monitoring Survey 2: index series (\(baseYear) = 1.000)", "モニタリング調査2：指数（\(baseYear)年度 = 1.000）")
    }

    public func survey2Chart(_ measure: Measure, baseYear: Int) -> String {
        pick(
            "Monitoring Survey 2: \(name(measure)) (\(baseYear) = 1.000)",
            "モニタリング調査2：\(name(measure))（\(baseYear)年度 = 1.000）")
    }

    public func byProjectChart(_ measure: Measure, baseYear: Int) -> String {
        pick(
            "Monitoring Survey 2: \(name(measure)) by cluster project (\(baseYear) = 1.000)",
            "モニタリング調査2：\(name(measure))、クラスター・プロジェクト別（\(baseYear)年度 = 1.000）")
    }

    /// The published chart's name of a measure.
    public func name(_ measure: Measure) -> String {
        switch (measure, language) {
        case (.sales, .en): return "Sales"
        case (.netIncome, .en): return "Current net profit"
        case (.employees, .en): return "Number of employees"
        case (.sales, .ja): return "売上高"
        case (.netIncome, .ja): return "当期純利益"
        case (.employees, .ja): return "従業員数"
        }
    }

    /// A fiscal year on an axis: `2000`, `2000年度`.
    public func year(_ year: Int) -> String { pick("\(year)", "\(year)年度") }

    /// The legend of the cluster series, as published.
    public var clusterLegend: String { pick("Small and medium enterprises participating in clusters", "クラスター参加中小企業") }

    /// The legend of the corrected benchmark, as published: `(corrected, except electrical
    /// industry)` when EXCLUDE_CATEGORIES names `electrical`.
    public func benchmarkLegend(excluded: [String]) -> String {
        let list = excluded.joined(separator: ", ")
        if ja {
            return excluded.isEmpty ? "法人企業統計年報（業種構成を補正）" : "法人企業統計年報（業種構成を補正、\(list) を除く）"
        }
        let industry = excluded.count == 1 ? "industry" : "industries"
        return excluded.isEmpty
            ? "Annual Statistics Report on Incorporated Enterprises (corrected)"
            : "Annual Statistics Report on Incorporated Enterprises (corrected, except \(list) \(industry))"
    }

    public var bandLegend: String { pick("Participating SMEs: bootstrap percentile interval", "参加中小企業：ブートストラップ百分位区間") }
    public var clusterShort: String { pick("participating SMEs", "クラスター参加中小企業") }
    public var benchmarkShort: String { pick("national statistics, corrected", "法人企業統計（補正）") }

    public func oneScale(_ low: String, _ high: String) -> String {
        pick("one scale for all: \(low)-\(high)", "共通の縦軸 \(low)–\(high)")
    }

    public var statusSuppressed: String { pick("suppressed (disclosure control)", "非公表（秘匿措置）") }
    public var statusEmpty: String { pick("no panel enterprise", "パネル企業なし") }
    public var statusUndefined: String { pick("undefined (base-year total <= 0)", "定義できない（基準年の合計が0以下）") }

    public func byProjectFootnote(minFrequency: Int, dominance: DominanceRule) -> String {
        let few = dominance.n == 1 ? pick("one", "1社") : pick("the largest \(dominance.n) together", "上位\(dominance.n)社の合計")
        return pick(
            "n: panel enterprises of the project. Suppressed: fewer than \(minFrequency) enterprises, or \(few) above \(dominance.k) % of the base-year total.",
            "n：プロジェクトのパネル企業数。非公表：\(minFrequency)社未満、または\(few)が基準年の合計の\(dominance.k)%超。")
    }

    /// The footnotes of Survey 1's marks.
    public func lowReliability(_ reliableN: Double) -> String {
        pick(
            "* low reliability: effective n below RELIABLE_N = \(NumberFormat.plain(reliableN)); quote with care.",
            "* 信頼性が低い：有効回答数が RELIABLE_N = \(NumberFormat.plain(reliableN)) 未満。引用には注意。")
    }
    public func suppressedFrequency(_ minBase: Int) -> String {
        pick(
            "x suppressed: fewer than MIN_BASE = \(minBase) respondents in the base; not published.",
            "x 非公表：回答者が MIN_BASE = \(minBase) 未満。")
    }
    public var suppressedSecondary: String {
        pick(
            "x withheld so that a suppressed domain cannot be worked out from the others.",
            "x 非公表：他の非公表値の逆算を防ぐため。")
    }

    // MARK: the report

    public var reportTitle: String {
        pick("Industrial Cluster Plan monitoring survey: annual run report", "産業クラスター計画モニタリング調査：年次実行報告")
    }
    public var reportStoppedTitle: String {
        pick(
            "Industrial Cluster Plan monitoring survey: annual run report (stopped)",
            "産業クラスター計画モニタリング調査：年次実行報告（中断）")
    }
    public func stopped(at stage: String) -> String {
        pick(
            "This run stopped at \(stage): what follows are its inputs and settings only; no table was computed. What the run wrote is beside this report.",
            "この実行は \(stage) で止まりました。以下は入力と設定のみで、集計表は作られていません。実行が書いたものはこの報告の隣にあります。")
    }

    public var inputsHeading: String { pick("1. Inputs", "1. 入力") }
    public var rowBalance: String {
        pick(
            "Row balance per file: read = kept + rejected + merged + dropped + filtered.",
            "ファイルごとの行の収支：読込 = 採用 + 棄却 + 統合 + 削除 + 対象外。")
    }
    public var balanceHeader: [String] {
        ja ? ["ファイル", "読込", "採用", "棄却", "統合", "削除", "対象外", "収支"]
            : ["file", "read", "kept", "rejected", "merged", "dropped", "filtered", "balance"]
    }
    public var balanced: String { pick("ok", "一致") }
    public var unbalanced: String { pick("OFF", "不一致") }
    public var fingerprints: String { pick("Encoding and SHA-256 of each input:", "各入力の文字コードと SHA-256：") }
    public var noRejects: String { pick("Rejects: none.", "棄却：なし。") }
    public var rejectsByReason: String {
        pick("Rejects by reason (every rejected record is in rejects.csv):", "理由別の棄却（棄却した記録はすべて rejects.csv にあります）：")
    }
    public var ignoredColumns: String { pick("Ignored columns (not in the contract's 1.1):", "読まなかった列（契約 1.1 にない列）：") }

    public var settingsHeading: String { "2. " + settingsTable }
    public var settingsTable: String { pick("Settings (run.conf)", "設定 (run.conf)") }

    public var survey1Heading: String { "3. " + survey1 }

    public func weightsRaked(_ columns: [String]) -> String {
        let list = columns.joined(separator: ja ? "・" : " and ")
        return pick(
            "Weights: raked to the frame's participants by \(list) (CALIBRATE).",
            "ウェイト：フレームの\(list)別の参加者数に合わせたレイキング (CALIBRATE)。")
    }
    public var marginHeader: [String] {
        ja ? ["列", "値", "フレーム", "補正前", "補正後"] : ["column", "value", "frame", "before", "after"]
    }
    public var weightsHeader: [String] {
        ja ? ["ウェイト", "回答者", "合計", "最小", "最大", "最大/最小", "CV", "deff"]
            : ["weights", "respondents", "sum", "min", "max", "max/min", "CV", "deff"]
    }
    public var weightsBefore: String { pick("before", "補正前") }
    public var weightsAfter: String { pick("calibrated", "補正後") }
    public var weightsNote: String {
        pick(
            "CV: standard deviation / mean of the weights; deff: Kish's design effect of unequal weights, 1 + CV^2. Every estimate below uses the calibrated weights (effective n from them too).",
            "CV：ウェイトの標準偏差 / 平均。deff：ウェイトの不均一による Kish の デザイン効果 1 + CV^2。以下の推定はすべて補正後のウェイトによる（有効回答数も）。")
    }

    /// `Q1, all respondents (base 1000, effective n 1000.0; interval wilson 95%)`.
    public func allHeading(
        question: String, single: Bool, base: String, n: String, unweighted: String?, method: String, level: String
    ) -> String {
        let who = single ? pick("all respondents who answered", "回答した全回答者") : pick("all respondents", "全回答者")
        let count = unweighted.map { pick(", n \($0)", "、回答数 \($0)") } ?? ""
        return pick(
            "\(question), \(who) (base \(base)\(count), effective n \(n); interval \(method) \(level)%)",
            "\(question)、\(who)（回答者 \(base)\(count)、有効回答数 \(n)、区間 \(method) \(level)%）")
    }
    public var itemHeader: [String] {
        ja ? ["項目", "内容", "選択", "割合", "区間"] : ["item", "label", "selected", "percent", "interval"]
    }
    public func byProject(question: String, single: Bool) -> String {
        single
            ? pick("\(question) by project (percent of the base):", "\(question)、プロジェクト別（回答者に対する割合）：")
            : pick(
                "\(question) by project (percent of the base; base = respondents who chose any item):",
                "\(question)、プロジェクト別（回答者に対する割合。回答者 = いずれかの項目を選んだ人）：")
    }
    public var projectHeader: String { pick("project", "プロジェクト") }
    public var baseHeader: String { pick("base", "回答者") }
    public var singlesHeading: String {
        pick("Single questions (base = respondents who answered the question):", "単一回答の設問（回答者 = その設問に回答した人）：")
    }

    public var survey2Series: String {
        pick(
            "cluster: the participating SMEs of the panel (bootstrap, percentile interval); benchmark: national statistics, SME classes, categories not excluded; benchmark_corrected: the same, corrected to the panel's industry mix.",
            "cluster：パネルの参加中小企業（ブートストラップ百分位区間）。benchmark：法人企業統計の中小企業（除外業種を除く）。benchmark_corrected：同じ統計をパネルの業種構成に補正したもの。")
    }
    public func survey2Settings(bootstrap: Int, weights: String) -> String {
        pick("Bootstrap replicates: \(bootstrap); WEIGHTS = \(weights).", "ブートストラップ反復：\(bootstrap) 回。WEIGHTS = \(weights)。")
    }
    public var indexHeader: [String] {
        ja ? ["系列", "年度", "企業数", "合計", "指数", "区間"] : ["series", "year", "enterprises", "total", "index", "interval"]
    }
    public func chartLegend(baseYear: Int) -> String {
        pick(
            "C cluster   B benchmark_corrected   * both   - \(baseYear) level",
            "C cluster   B benchmark_corrected   * 両方   - \(baseYear)年度の水準")
    }
    public var byProjectHeading: String {
        pick(
            "By cluster project, last year of each measure (cluster index / corrected benchmark):",
            "クラスター・プロジェクト別、各指標の最終年度（クラスター指数 / 補正後の統計）：")
    }
    public var byProjectColumns: [String] { ja ? ["n", "指数", "統計"] : ["n", "cluster", "bench."] }
    public func byProjectNote(minFrequency: Int, dominance: DominanceRule) -> String {
        pick(
            "n: panel enterprises of the project. x suppressed (disclosure control): fewer than MIN_FREQUENCY = \(minFrequency) enterprises, one or two dominant enterprises (DOMINANCE = \(dominance.n),\(dominance.k)), the p% rule, or withheld so that no suppressed project can be worked out; ? undefined: the base-year total is not positive; - no panel enterprise.",
            "n：プロジェクトのパネル企業数。x 非公表（秘匿措置）：MIN_FREQUENCY = \(minFrequency) 社未満、少数の企業が支配的 (DOMINANCE = \(dominance.n),\(dominance.k))、p% ルール、または非公表のプロジェクトを逆算できないための秘匿。? 定義できない：基準年の合計が正でない。- パネル企業なし。")
    }

    public var panelHeading: String { pick("5. Panel and panel log", "5. パネルとパネルの記録") }
    public var reasonHeader: String { pick("reason", "理由") }
    public var participantsRow: String { pick("participants", "参加者") }

    public var notesHeading: String { pick("6. Notes", "6. 注記") }
    public var nothingExcluded: String { pick("No benchmark category is excluded.", "除外する業種はありません。") }
    public func excluded(_ categories: [String]) -> String {
        pick(
            "Excluded from panel and benchmark alike: \(categories.joined(separator: ", ")) (EXCLUDE_CATEGORIES).",
            "パネルと統計の両方から除外：\(categories.joined(separator: ", ")) (EXCLUDE_CATEGORIES)。")
    }
    public func smeClasses(_ capital: Int64) -> String {
        pick(
            "SME classes of the benchmark: capital_max at most \(capital) thousand yen.",
            "統計の中小企業の区分：capital_max が \(capital) 千円以下。")
    }
    public var panelNote: String {
        pick(
            "Participants outside a panel are counted once per measure under the first reason that applies; statements of enterprises outside the frame are validated and counted as filtered.",
            "パネルに入らない参加者は、指標ごとに最初に当てはまる理由で一度だけ数えます。フレーム外の企業の財務諸表は検証したうえで対象外 (filtered) として数えます。")
    }
    public func filteredStatements(_ n: Int) -> String {
        pick(
            "statements.csv: \(n) valid statements of non-participants left out of the panel.",
            "statements.csv：参加者でない企業の有効な財務諸表 \(n) 件をパネルから外しました。")
    }

    public var reproductionHeading: String { pick("7. Reproduction of the published values", "7. 公表値の再現") }
    public var reproductionHeader: [String] {
        ja ? ["図", "系列", "指標", "キー", "公表値", "計算値", "一致"]
            : ["figure", "series", "measure", "key", "published", "computed", "match"]
    }
    public func matches(_ yes: Bool) -> String { yes ? pick("yes", "○") : pick("NO", "×") }
    public func mismatches(_ n: Int) -> String {
        pick("Mismatches: \(n) (listed above as NO).", "不一致：\(n) 件（上の表の ×）。")
    }
    /// The reproduction's one-line verdict: cluster-compare's (`reproduced 42 of 42 published
    /// values`), or its Japanese.
    public func verdict(_ rows: [ReproducedValue]) -> String {
        pick(Reproduction.verdict(rows), "公表値 \(rows.count) 件のうち \(rows.filter(\.matches).count) 件を再現")
    }

    // MARK: the workbook

    /// The Excel number format of a fiscal year: General, or `0"年度"`.
    public var yearFormat: String? { ja ? "0\"年度\"" : nil }

    public var notesIntro: String {
        pick(
            "One datum per cell, numbers as numbers; an empty cell has no value (see the marks). The charts are on sheets of their own, drawn from the sheets survey1 and survey2.",
            "1つのセルに1つのデータ、数値は数値として記録。空のセルは値なし（記号の説明を参照）。グラフは専用のシートにあり、survey1 と survey2 のシートから描かれています。")
    }
    public var notesSheetsHeader: [String] { ja ? ["シート", "内容"] : ["sheet", "contents"] }
    public var notesColumnsHeader: [String] { ja ? ["シート", "列", "単位", "意味"] : ["sheet", "column", "unit", "meaning"] }
    public var chartSheetNote: String { pick("chart of the published figure", "公表図のグラフ") }
    public var survey1SheetNote: String {
        pick(
            "data of chart_survey1: the first question's items in the published order; below and above: the interval's lengths under and over the percent (the error bars), in percent points",
            "chart_survey1 のデータ：最初の設問の項目（公表順）。below・above：割合から区間の下端・上端までの長さ（誤差範囲、ポイント）")
    }
    public var survey2SheetNote: String {
        pick(
            "data of the chart_<measure> sheets: the cluster and corrected benchmark indices (base year = 1.000)",
            "chart_<指標> シートのデータ：クラスターと補正後の統計の指数（基準年度 = 1.000）")
    }
    public var marksHeading: String { pick("Marks", "記号") }
    public var emptyCellNote: String {
        pick(
            "An empty cell: suppressed (status says why), no base, or not computed.",
            "空のセル：非公表（status 列に理由）、回答者なし、または計算なし。")
    }
    public var sourcesHeading: String { pick("Sources", "出典") }
    public var sources: [String] {
        ja
            ? ["産業クラスター計画モニタリング調査（参加中小企業の回答と財務諸表）", "財務省「法人企業統計年報」（中小企業の区分、パネルの業種構成に補正）"]
            : [
                "Industrial Cluster Plan monitoring survey (the participating SMEs' returns and financial statements)",
                "Ministry of Finance, Annual Statistics Report on Incorporated Enterprises (SME classes, corrected to the panel's industry mix)",
            ]
    }
}
