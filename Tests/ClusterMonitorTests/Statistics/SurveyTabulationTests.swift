import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 3.1 (survey percentages), 1.2 (survey_items.csv), 6.4 (validation before
/// de-duplication, latest submission wins) and 6.10 (domain order, empty rows).
@Suite struct SurveyTabulationTests {
    // MARK: fixtures

    /// A valid corporate number from a 12-digit base: check digit first.
    static func id(_ base: UInt64) -> String { String(CorporateNumber.checkDigit(base: base)) + String(base) }

    static let codebookCSV = #"""
        question,type,item,column,label
        Q1,multi,1,q1_1,"Information, subsidies"
        Q1,multi,2,q1_2,ネットワーク形成
        Q1,multi,3,q1_3,"Market ""trends"""
        Q2,single,1,q2,Yes
        Q2,single,2,q2,No

        """#

    static let labels = ["Information, subsidies", "ネットワーク形成", "Market \"trends\""]

    struct Run {
        let rows: [SurveyItemEstimate]
        let report: IngestReport
        let csv: String
    }

    /// Runs the tabulate stage (ingest of the three files, then the table) as the executable does.
    static func tabulate(
        responses: String, participants: String, codebook: String = codebookCSV, method: IntervalMethod = .wilson
    ) throws -> Run {
        var config = RunConfig()
        config.intervalMethod = method
        let out = TestFiles.folder.appendingPathComponent(UUID().uuidString + "-survey_items.csv").path
        let (rows, report) = try TabulateStage.run(
            responsesPath: TestFiles.write(responses), label: "responses.csv", codebookPath: TestFiles.write(codebook),
            participantsPath: TestFiles.write(participants), config: config, outputPath: out)
        return Run(rows: rows, report: report, csv: TestFiles.read(out))
    }

    static func row(_ rows: [SurveyItemEstimate], _ domain: String, _ question: String = "Q1", item: Int)
        -> SurveyItemEstimate?
    {
        rows.first { $0.domain == domain && $0.question == question && $0.item == item }
    }

    // MARK: hand-computed table

    /// Ten respondents of the frame in two projects (TAMA: r1–r5, r10; HOKKAIDO: r6–r9), Q1 a
    /// multi question with 3 items, Q2 a single question (not tabulated).
    ///
    ///   respondent  project    Q1 items selected  note
    ///   r1          TAMA       1 2
    ///   r2          TAMA       1
    ///   r3          TAMA       2                  (written with ○)
    ///   r4          TAMA       1 3                submitted 2005-09-10; an EARLIER submission
    ///                                             (2005-09-02, item 2 only) comes later in the file
    ///                                             and must not count (SPEC 1.1, latest wins)
    ///   r5          TAMA       —                  selected nothing: not in the base of Q1
    ///   r10         TAMA       1
    ///   r6          HOKKAIDO   1 2 3
    ///   r7          HOKKAIDO   3
    ///   r8          HOKKAIDO   1 3
    ///   r9          HOKKAIDO   2 3
    ///   outsider    —          1 2 3              valid number, not in participants.csv: reject
    ///
    /// Hand counts (base = respondents with at least one Q1 item):
    ///   all      base 9: item1 6 (r1 r2 r4 r10 r6 r8), item2 4 (r1 r3 r6 r9), item3 5 (r4 r6 r7 r8 r9)
    ///   HOKKAIDO base 4: item1 2, item2 2, item3 4
    ///   TAMA     base 5: item1 4, item2 2, item3 1
    /// (Had the earlier r4 row counted: all 5/5/4, TAMA 3/3/0. Had the outsider counted: all base 10.)
    /// Domains: all, then HOKKAIDO < TAMA (code points). effective_n = the base (no weights).
    ///
    /// Intervals (0…100): scipy 1.17.1, `binomtest(k, n).proportion_ci(0.95, 'wilson')` and
    /// `(0.95, 'exact')` (Clopper–Pearson), times 100.
    static let handExpected: [(domain: String, item: Int, k: Int, n: Int, wilson: (Double, Double), exact: (Double, Double))] = [
        ("all", 1, 6, 9, (35.4202135580396, 87.9416181613089), (29.929505620854, 92.5145368580312)),
        ("all", 2, 4, 9, (18.8778521097665, 73.3348706504507), (13.6995662265164, 78.7991493221404)),
        ("all", 3, 5, 9, (26.6651293495493, 81.1221478902335), (21.2008506778596, 86.3004337734836)),
        ("HOKKAIDO", 1, 2, 4, (15.003898915215, 84.996101084785), (6.7585986488543, 93.2414013511457)),
        ("HOKKAIDO", 2, 2, 4, (15.003898915215, 84.996101084785), (6.7585986488543, 93.2414013511457)),
        ("HOKKAIDO", 3, 4, 4, (51.0109163545403, 100), (39.7635364383514, 100)),
        ("TAMA", 1, 4, 5, (37.5534629762525, 96.377589136757), (28.3582063881911, 99.4949236620532)),
        ("TAMA", 2, 2, 5, (11.7620774232648, 76.9275718723987), (5.27449505263157, 85.3367200365327)),
        ("TAMA", 3, 1, 5, (3.62241086324302, 62.4465370237475), (0.505076337946811, 71.6417936118089)),
    ]

    static let handParticipants = """
        enterprise_id,name,project,region
        \(id(100_000_000_001)),r1 株式会社,TAMA,東京都
        \(id(100_000_000_002)),r2,TAMA,東京都
        \(id(100_000_000_003)),r3,TAMA,神奈川県
        \(id(100_000_000_004)),r4,TAMA,東京都
        \(id(100_000_000_005)),r5,TAMA,東京都
        \(id(100_000_000_006)),r6,HOKKAIDO,北海道
        \(id(100_000_000_007)),r7,HOKKAIDO,北海道
        \(id(100_000_000_008)),r8,HOKKAIDO,北海道
        \(id(100_000_000_009)),r9,HOKKAIDO,北海道
        \(id(100_000_000_010)),r10,TAMA,埼玉県

        """

    static let handResponses = """
        respondent_id,submitted_at,q1_1,q1_2,q1_3,q2
        \(id(100_000_000_001)),2005-09-01,1,1,0,1
        \(id(100_000_000_002)),2005-09-01T10:00:00,1,0,0,2
        \(id(100_000_000_003)),2005-09-03,0,○,,1
        \(id(100_000_000_004)),2005-09-10,1,0,1,1
        \(id(100_000_000_005)),2005-09-04,0,0,0,2
        \(id(100_000_000_006)),2005-09-05,1,1,1,
        \(id(100_000_000_007)),2005-09-05,0,0,1,1
        \(id(100_000_000_008)),2005-09-06,1,0,1,1
        \(id(100_000_000_009)),2005-09-06,0,1,1,2
        \(id(200_000_000_001)),2005-09-07,1,1,1,1
        \(id(100_000_000_010)),2005-09-08,1,0,0,1
        \(id(100_000_000_004)),2005-09-02,0,1,0,2

        """

    @Test(arguments: [IntervalMethod.wilson, .clopperPearson])
    func handComputedTable(_ method: IntervalMethod) throws {
        let run = try Self.tabulate(responses: Self.handResponses, participants: Self.handParticipants, method: method)
        // 12 data rows = 10 kept + 1 rejected (outsider) + 1 dropped (r4's earlier submission).
        #expect(run.report.balance.rejected == 1)
        #expect(run.report.balance.dropped == 1)
        #expect(run.rows.map(\.domain) == ["all", "all", "all", "HOKKAIDO", "HOKKAIDO", "HOKKAIDO", "TAMA", "TAMA", "TAMA"])
        #expect(run.rows.map(\.item) == [1, 2, 3, 1, 2, 3, 1, 2, 3])
        #expect(run.rows.allSatisfy { $0.question == "Q1" })
        #expect(run.rows.map(\.label) == Self.labels + Self.labels + Self.labels)
        for e in Self.handExpected {
            guard let r = Self.row(run.rows, e.domain, item: e.item) else {
                Issue.record("no row for \(e.domain) item \(e.item)")
                continue
            }
            let where_ = "\(e.domain) item \(e.item) (\(method.rawValue))"
            #expect(r.respondents == Double(e.n), "\(where_)")
            #expect(r.selected == Double(e.k), "\(where_)")
            #expect(r.effectiveN == Double(e.n), "\(where_)")
            let percent = try #require(r.percent, "\(where_)")
            #expect(abs(percent - 100 * Double(e.k) / Double(e.n)) <= 1e-9, "\(where_): \(percent)")
            let ci = try #require(r.interval, "\(where_)")
            let want = method == .wilson ? e.wilson : e.exact
            #expect(abs(ci.lowerBound - want.0) <= 1e-7, "\(where_): low \(ci.lowerBound)")
            #expect(abs(ci.upperBound - want.1) <= 1e-7, "\(where_): high \(ci.upperBound)")
        }
        // The file (SPEC 1.2): header, then 9 rows; spot checks of the text (quoting, integers, 100).
        // Without weights the base counted (n) is the base (respondents).
        let lines = run.csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "domain,question,item,label,respondents,n,selected,percent,ci_low,ci_high,effective_n,status")
        #expect(lines.count == 11 && lines.last == "")
        #expect(lines[1].hasPrefix("all,Q1,1,\"Information, subsidies\",9,9,6,66.666666666666"))
        #expect(lines[3].hasPrefix("all,Q1,3,\"Market \"\"trends\"\"\",9,9,5,55.55555555555"))
        #expect(lines[6].hasPrefix("HOKKAIDO,Q1,3,\"Market \"\"trends\"\"\",4,4,4,100,"))
        // ci_high 100 (x = n), effective_n 4, below the default RELIABLE_N 30 (SPEC 9).
        #expect(lines[6].hasSuffix(",100,4,low_reliability"))
        #expect(lines[8].hasPrefix("TAMA,Q1,2,ネットワーク形成,5,5,2,40,"))
    }

    // MARK: weights

    static let weightParticipants = """
        enterprise_id,name,project,region
        \(id(100_000_000_001)),a,TAMA,東京都
        \(id(100_000_000_002)),b,TAMA,東京都
        \(id(100_000_000_003)),c,HOKKAIDO,北海道
        \(id(100_000_000_004)),d,HOKKAIDO,北海道
        \(id(100_000_000_005)),e,HOKKAIDO,北海道

        """

    /// Five respondents' answers (items 1–3 of Q1, q2); `weights` nil = no weight column.
    static func weightedResponses(_ weights: [String]?) -> String {
        let answers = ["1,1,0,1", "1,0,0,2", "1,1,0,", "1,0,1,1", "0,1,1,2"]
        var text = "respondent_id,submitted_at" + (weights == nil ? "" : ",weight") + ",q1_1,q1_2,q1_3,q2\n"
        for (k, a) in answers.enumerated() {
            text += id(100_000_000_001 + UInt64(k)) + ",2005-09-01" + (weights.map { "," + $0[k] } ?? "") + "," + a + "\n"
        }
        return text
    }

    @Test(arguments: [IntervalMethod.wilson, .clopperPearson])
    func unitWeightsEqualNoWeightColumn(_ method: IntervalMethod) throws {
        let plain = try Self.tabulate(
            responses: Self.weightedResponses(nil), participants: Self.weightParticipants, method: method)
        let ones = try Self.tabulate(
            responses: Self.weightedResponses(["1", "1", "1", "1.0", "1"]), participants: Self.weightParticipants,
            method: method)
        #expect(plain.rows.count == 9)
        #expect(plain.rows == ones.rows)
        #expect(plain.csv == ones.csv)
    }

    /// Doubling every weight doubles `respondents` and `selected` and changes nothing else
    /// (percent, interval, effective_n are scale-free; ×2 is exact in binary floating point).
    @Test(arguments: [IntervalMethod.wilson, .clopperPearson])
    func doublingWeightsChangesNoPercentOrInterval(_ method: IntervalMethod) throws {
        let once = try Self.tabulate(
            responses: Self.weightedResponses(["0.5", "1.25", "3", "0.75", "2"]), participants: Self.weightParticipants,
            method: method)
        let twice = try Self.tabulate(
            responses: Self.weightedResponses(["1", "2.5", "6", "1.5", "4"]), participants: Self.weightParticipants,
            method: method)
        #expect(once.rows.count == 9 && twice.rows.count == 9)
        for (a, b) in zip(once.rows, twice.rows) {
            #expect(a.domain == b.domain && a.item == b.item)
            #expect(b.respondents == 2 * a.respondents)
            #expect(b.selected == a.selected.map { 2 * $0 })
            #expect(a.percent != nil && a.percent == b.percent, "\(a.domain) \(a.item)")
            #expect(a.interval != nil && a.interval == b.interval, "\(a.domain) \(a.item)")
            #expect(abs(a.effectiveN - b.effectiveN) <= 1e-12 * a.effectiveN)
        }
    }

    /// Kish by hand. Weights 1, 2 (TAMA) and 3, 4, 5 (HOKKAIDO); respondent e (w 5) selected only
    /// items 2 and 3, so every respondent is in the base.
    ///   all:      Σw = 15, Σw² = 55, n_eff = 225/55 = 4.0909…;
    ///             item1 selected by w 1,2,3,4 → 10/15 = 66.67 %; item2 by 1,3,5 → 9/15 = 60 %;
    ///             item3 by 4,5 → 9/15 = 60 %
    ///   HOKKAIDO: Σw = 12, Σw² = 50, n_eff = 144/50 = 2.88; item1 7/12, item2 8/12, item3 9/12
    ///   TAMA:     Σw = 3,  Σw² = 5,  n_eff = 9/5 = 1.8;     item1 3/3, item2 1/3, item3 0/3
    /// Intervals for all/item2 (p = 0.6, n_eff = 45/11), scipy 1.17.1:
    ///   Wilson (formula, z = norm.ppf(0.975)) and Clopper–Pearson with x = p·n_eff = 27/11:
    ///   beta.ppf(0.025, 27/11, 45/11 − 27/11 + 1), beta.ppf(0.975, 27/11 + 1, 45/11 − 27/11).
    @Test func kishEffectiveN() throws {
        let text = Self.weightedResponses(["1", "2", "3", "4", "5"])
        let wilson = try Self.tabulate(responses: text, participants: Self.weightParticipants, method: .wilson)
        let exact = try Self.tabulate(responses: text, participants: Self.weightParticipants, method: .clopperPearson)
        let expected: [(String, Double, Double, [Double])] = [
            ("all", 15, 225.0 / 55, [10, 9, 9]),
            ("HOKKAIDO", 12, 144.0 / 50, [7, 8, 9]),
            ("TAMA", 3, 9.0 / 5, [3, 1, 0]),
        ]
        for (domain, sum, nEff, selected) in expected {
            for item in 1...3 {
                let r = try #require(Self.row(wilson.rows, domain, item: item))
                #expect(r.respondents == sum, "\(domain) \(item)")
                #expect(abs(r.effectiveN - nEff) <= 1e-12, "\(domain) \(item): \(r.effectiveN)")
                #expect(r.selected == selected[item - 1], "\(domain) \(item)")
                #expect(abs((r.percent ?? -1) - 100 * selected[item - 1] / sum) <= 1e-9, "\(domain) \(item)")
            }
        }
        let w = try #require(Self.row(wilson.rows, "all", item: 2)?.interval)
        let e = try #require(Self.row(exact.rows, "all", item: 2)?.interval)
        #expect(abs(w.lowerBound - Self.kishWilson.0) <= 1e-7 && abs(w.upperBound - Self.kishWilson.1) <= 1e-7, "\(w)")
        #expect(abs(e.lowerBound - Self.kishExact.0) <= 1e-7 && abs(e.upperBound - Self.kishExact.1) <= 1e-7, "\(e)")
        // TAMA item 3: selected by nobody, a row with percent 0 and the one-sided CP [0, upper].
        let none = try #require(Self.row(exact.rows, "TAMA", item: 3))
        #expect(none.percent == 0 && none.interval?.lowerBound == 0)
        #expect(abs((none.interval?.upperBound ?? 0) - 100 * (1 - pow(0.025, 1 / 1.8))) <= 1e-9)
    }
    /// scipy 1.17.1 (see the comment of `kishEffectiveN`), in percent.
    static let kishWilson = (20.7230114328114, 89.5914599494981)
    static let kishExact = (11.397435105193, 96.3393170255366)

    // MARK: domains

    static let domainCodebook = Codebook(items: [
        CodebookItem(question: "Q1", type: .multi, item: 1, column: "q1_1", label: "Info, subsidies"),
        CodebookItem(question: "Q1", type: .multi, item: 2, column: "q1_2", label: "Network"),
        CodebookItem(question: "Q1", type: .multi, item: 3, column: "q1_3", label: "Nobody"),
        CodebookItem(question: "Q2", type: .single, item: 1, column: "q2", label: "Yes"),
        CodebookItem(question: "Q2", type: .single, item: 2, column: "q2", label: "No"),
        CodebookItem(question: "Q3", type: .multi, item: 1, column: "q3_1", label: "Sales up"),
        CodebookItem(question: "Q3", type: .multi, item: 2, column: "q3_2", label: "Hires"),
    ])

    /// Projects whose code-point order (TAMA < Tohoku < tama < Ōita, U+014C) differs from a
    /// locale's (HOKKAIDO, Ōita, tama, TAMA, Tohoku); HOKKAIDO has a participant but no response;
    /// the `tama` respondent selected nothing in Q1 (empty base for Q1, base 1 for Q3).
    static let domainProjects: [(UInt64, String)] = [
        (100_000_000_001, "Tohoku"), (100_000_000_002, "TAMA"), (100_000_000_003, "tama"),
        (100_000_000_004, "Ōita"), (100_000_000_005, "TAMA"), (100_000_000_006, "HOKKAIDO"),
    ]

    static func domainTable() throws -> [SurveyItemEstimate] {
        let participants = domainProjects.map { base, project in
            Participant(id: CorporateNumber.parse(ArraySlice(id(base).utf8))!, name: "n\(base)", project: project, region: "r")
        }
        // cells in codebook column order: q1_1, q1_2, q1_3, q2, q3_1, q3_2
        let answers: [(UInt64, [Int32])] = [
            (100_000_000_001, [1, 0, 0, 1, 0, 1]),  // Tohoku
            (100_000_000_002, [1, 1, 0, 2, 1, 0]),  // TAMA
            (100_000_000_003, [0, 0, 0, Response.noAnswer, 1, 0]),  // tama: nothing in Q1
            (100_000_000_004, [0, 1, 0, 1, 0, 0]),  // Ōita: nothing in Q3
            (100_000_000_005, [1, 0, 0, 1, 1, 1]),  // TAMA
        ]
        let responses = answers.map { base, cells in
            Response(
                respondent: CorporateNumber.parse(ArraySlice(id(base).utf8))!, submittedAt: Timestamp(epochNanoseconds: 0),
                weight: nil, cells: cells)
        }
        return try SurveyTabulation.tabulate(
            responses: responses, codebook: domainCodebook, participants: participants, config: RunConfig())
    }

    @Test func domainsAllFirstThenCodePointOrder() throws {
        let rows = try Self.domainTable()
        var domains: [String] = []
        for r in rows where domains.last != r.domain { domains.append(r.domain) }
        #expect(domains == ["all", "HOKKAIDO", "TAMA", "Tohoku", "tama", "Ōita"])
        // each domain once (domain-major), then Q1 items 1–3, Q3 items 1–2 (codebook order)
        #expect(rows.count == 6 * 5)
        let perDomain = rows.map { "\($0.question)/\($0.item)" }
        let one = ["Q1/1", "Q1/2", "Q1/3", "Q3/1", "Q3/2"]
        #expect(perDomain == Array(repeating: one, count: 6).flatMap { $0 })
    }

    /// SPEC 6.10: an item selected by nobody still has its row; a domain with an empty base has
    /// respondents 0 and empty percent and CI (checked on the CSV text).
    @Test func emptyDomainsAndUnselectedItems() throws {
        let rows = try Self.domainTable()
        // Q1 item 3 is selected by nobody: a row in every domain, 0 % where the base is not empty.
        for domain in ["all", "HOKKAIDO", "TAMA", "Tohoku", "tama", "Ōita"] {
            #expect(Self.row(rows, domain, item: 3) != nil, "\(domain)")
        }
        let all3 = try #require(Self.row(rows, "all", item: 3))
        #expect(all3.respondents == 4 && all3.selected == 0 && all3.percent == 0)
        #expect(all3.interval?.lowerBound == 0)
        #expect(abs((all3.interval?.upperBound ?? 0) - 48.9890836454597) <= 1e-7)  // Wilson 0/4, scipy binomtest(0, 4) 0.489890836454597

        let path = TestFiles.folder.appendingPathComponent(UUID().uuidString + "-domains.csv").path
        let out = try CSVWriter(path: path)
        try SurveyItemsCSV.write(rows, to: out)
        try out.close()
        let lines = TestFiles.read(path).split(separator: "\n").map(String.init)
        #expect(lines.count == 31)
        func fields(_ prefix: String) -> [String] {
            lines.filter { $0.hasPrefix(prefix) }
        }
        // HOKKAIDO: no respondents at all → every row 0 (weighted and counted) with empty
        // percent, ci_low, ci_high.
        let hokkaido = fields("HOKKAIDO,")
        #expect(hokkaido.count == 5)
        #expect(hokkaido.contains { $0.hasPrefix("HOKKAIDO,Q1,1,\"Info, subsidies\",0,0,0,,,,") })
        #expect(hokkaido.contains { $0.hasPrefix("HOKKAIDO,Q1,3,Nobody,0,0,0,,,,") })
        #expect(hokkaido.contains { $0.hasPrefix("HOKKAIDO,Q3,2,Hires,0,0,0,,,,") })
        // tama: respondents but an empty Q1 base; Q3 has a base of 1.
        #expect(lines.contains { $0.hasPrefix("tama,Q1,2,Network,0,0,0,,,,") })
        #expect(lines.contains { $0.hasPrefix("tama,Q3,1,Sales up,1,1,1,100,") })
        // Ōita: empty Q3 base.
        #expect(lines.contains { $0.hasPrefix("Ōita,Q3,1,Sales up,0,0,0,,,,") })
        // the row of the item nobody chose, in a non-empty domain: 0 with a CI from 0
        #expect(lines.contains { $0.hasPrefix("all,Q1,3,Nobody,4,4,0,0,0,48.98908364545") })
    }
}
