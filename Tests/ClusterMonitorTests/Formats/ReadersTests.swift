import Foundation
import Testing

@testable import CSVKit
@testable import Formats
@testable import Statistics
@testable import Values

/// The typed readers of the run's own files: what the writer wrote reads back as the same
/// values, and a renamed column or a corrupt cell is an error naming it — never a 0.
@Suite struct ReadersTests {
    static let header = "domain,question,item,label,respondents,selected,percent,ci_low,ci_high,effective_n,status\n"

    /// Values of at most 15 significant digits (what the writers print, SPEC 1.2) read back
    /// exactly; the 17-digit 30.952380952380953 would come back as 30.952380952381.
    @Test func surveyItemsRoundTrip() throws {
        let rows = [
            SurveyItemEstimate(domain: "all", question: "Q1", item: 3, label: "販路, 開拓", respondents: 10.5, selected: 3.25, percent: 30.952380952381, interval: 12.5...55.25, effectiveN: 9.8),
            SurveyItemEstimate(domain: "TAMA", question: "Q1", item: 3, label: "販路, 開拓", respondents: 0, selected: 0, percent: nil, interval: nil, effectiveN: 0, status: .empty),
            // Withheld (SPEC 11): only the status is written, so base and effective n read back as 0.
            SurveyItemEstimate(domain: "TOHOKU", question: "Q1", item: 3, label: "販路", respondents: 0, selected: nil, percent: nil, interval: nil, effectiveN: 0, status: .suppressedFrequency),
            SurveyItemEstimate(domain: "TOKAI", question: "Q1", item: 3, label: "販路", respondents: 0, selected: nil, percent: nil, interval: nil, effectiveN: 0, status: .suppressedSecondary),
        ]
        let path = TestFiles.folder.appendingPathComponent("items-\(UInt32.random(in: 0...UInt32.max)).csv").path
        let out = try CSVWriter(path: path)
        try SurveyItemsCSV.write(rows, to: out)
        try out.close()
        #expect(try SurveyItemsCSV.read(path) == rows)
    }

    /// `percent` is `abc` on line 2: exit 65 naming the file, the line and the column.
    @Test func corruptCellIsAnError() {
        let path = TestFiles.write(Self.header + "all,Q1,1,a,10,5,abc,30,70,10,ok\n")
        #expect {
            try SurveyItemsCSV.read(path)
        } throws: { error in
            guard let e = error as? PipelineError, case .badIntermediate(_, let line, let message) = e else { return false }
            return e.exitStatus == .dataError && line == 2 && message.contains("percent") && message.contains("abc")
        }
    }

    /// A percent without its interval is not what the tabulate stage writes.
    @Test func halfAnIntervalIsAnError() {
        let path = TestFiles.write(Self.header + "all,Q1,1,a,10,5,50,,70,10,ok\n")
        #expect(throws: PipelineError.self) { try SurveyItemsCSV.read(path) }
    }

    /// SPEC 9: only a suppressed row withholds `selected`, and a suppressed row shows no percent;
    /// a status the tabulation never writes is an error.
    @Test func statusAgreesWithTheNumbers() {
        for line in ["all,Q1,1,a,10,,50,30,70,10,ok", "all,Q1,1,a,10,5,50,30,70,10,suppressed", "all,Q1,1,a,10,5,50,30,70,10,flagged"] {
            let path = TestFiles.write(Self.header + line + "\n")
            #expect(throws: PipelineError.self, "\(line)") { try SurveyItemsCSV.read(path) }
        }
    }

    /// A survey_items.csv of the first edition (no status column) is still read: its rows are
    /// ok, and empty where the base was empty.
    @Test func firstEditionTableHasNoStatus() throws {
        let old = "domain,question,item,label,respondents,selected,percent,ci_low,ci_high,effective_n\n"
        let path = TestFiles.write(old + "all,Q1,1,a,10,5,50,30,70,10\nTAMA,Q1,1,a,0,0,,,,0\n")
        #expect(try SurveyItemsCSV.read(path).map(\.status) == [.ok, .empty])
    }

    /// `percent` renamed `pct`: the missing column is named.
    @Test func renamedColumnIsAnError() {
        let header = Self.header.replacingOccurrences(of: "percent", with: "pct")
        let path = TestFiles.write(header + "all,Q1,1,a,10,5,50,30,70,10\n")
        #expect {
            try SurveyItemsCSV.read(path)
        } throws: { error in
            guard case .missingColumn(_, _, let column, let found)? = error as? PipelineError else { return false }
            return column == "percent" && found.contains("pct")
        }
    }

    /// The message shows the header found and the name that was probably meant: one that
    /// differs in case, spaces or `_`, else one within a few edits; none when nothing is near.
    @Test func missingColumnNamesTheClosest() {
        let found = ["enterprise_id", "Period End", "salse", "region"]
        #expect(Text.closest(to: "period_end", among: found) == "Period End")
        #expect(Text.closest(to: "sales", among: found) == "salse")  // two edits
        #expect(Text.closest(to: "net_income", among: found) == nil)
        let message = PipelineError.missingColumn(path: "s.csv", line: 1, column: "sales", found: found).description
        #expect(message == "s.csv:1: header has no column 'sales'; the header has 'enterprise_id', 'Period End', 'salse', 'region' (is 'salse' meant?)")
    }

    /// index_series.csv reads back into its series, in file order.
    @Test func indexSeriesRoundTrip() throws {
        let series = [
            IndexSeries(kind: .cluster, measure: .sales, points: [
                IndexPoint(year: 2000, enterprises: 4, total: 1000, index: 1, interval: 1...1),
                IndexPoint(year: 2001, enterprises: 4, total: 1250.5, index: 1.2505, interval: 1.1...1.4),
            ]),
            IndexSeries(kind: .benchmark, measure: .sales, points: [
                IndexPoint(year: 2000, enterprises: 125, total: -4000, index: 1, interval: nil),
            ]),
        ]
        let path = TestFiles.folder.appendingPathComponent("index-\(UInt32.random(in: 0...UInt32.max)).csv").path
        let out = try CSVWriter(path: path)
        try IndexCSV.write(series, to: out)
        try out.close()
        #expect(try IndexCSV.read(path) == series)
    }

    /// A series name the index stage never writes (`clusters`) is an error, not a skipped row.
    @Test func unknownSeriesIsAnError() {
        let path = TestFiles.write("series,measure,year,enterprises,total,index,ci_low,ci_high\nclusters,sales,2000,4,1000,1,,\n")
        #expect(throws: PipelineError.self) { try IndexCSV.read(path) }
    }

    /// reproduction.csv's `match` must agree with its two values.
    @Test func reproductionMatchMustAgree() {
        let path = TestFiles.write("figure,series,measure,key,published,computed,match\nsurvey1,all,Q1,1,69.0,69.1,yes\n")
        #expect(throws: PipelineError.self) { try ReproductionCSV.read(path) }
    }
}
