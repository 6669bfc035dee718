import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 8: datapackage.json describes every output CSV with a Table Schema whose fields are the
/// file's columns; the dictionary must never drift from the writers.
@Suite struct DataPackageTests {
    /// The dictionary's columns are the headers the writers write (SPEC 1.2).
    @Test func dictionaryMatchesWriters() {
        #expect(DataDictionary.surveyItems.fields.map(\.name) == SurveyItemsCSV.columns)
        #expect(DataDictionary.indexSeries.fields.map(\.name) == IndexCSV.columns)
        #expect(DataDictionary.rejects.fields.map(\.name) == Reject.header)
        #expect(DataDictionary.panelLog.fields.map(\.name) == PanelCSV.logColumns)
        #expect(DataDictionary.reproduction.fields.map(\.name) == ReproductionCSV.columns)
    }

    /// The reasons of panel_log.csv (the schema's enum) as SPEC 1.2 lists them, in its order.
    @Test func panelReasonsInSpecOrder() {
        #expect(
            PanelReason.allCases.map(\.rawValue) == [
                "not_in_statements", "conflicting_duplicate", "irregular_period", "missing_year",
                "excluded_category", "not_sme", "sme_undecidable", "in_panel",
            ])
    }

    /// RFC 8259 section 7: quote, backslash and the controls below U+0020 are escaped; other
    /// characters (Japanese labels) are written as they are.
    @Test func jsonStringsEscaped() {
        let text = JSON.array([.string("a\"b\\c\nd\u{1}関東")]).rendered()
        #expect(text == "[\n  \"a\\\"b\\\\c\\nd\\u0001関東\"\n]\n")
    }

    /// Keys keep the order given; nesting indents by two spaces; empty containers stay on one line.
    @Test func jsonLayout() {
        let value = JSON.object([("b", .int(2)), ("a", .object([("x", .bool(true)), ("y", .array([]))])), ("z", .null)])
        #expect(value.rendered() == "{\n  \"b\": 2,\n  \"a\": {\n    \"x\": true,\n    \"y\": []\n  },\n  \"z\": null\n}\n")
    }

    /// Resource names allowed by the Data Package spec (lower case, digits, `-`, `_`, `.`).
    @Test func resourceNames() {
        #expect(DataPackage.resourceName("survey_items.csv") == "survey_items")
        #expect(DataPackage.resourceName("charts/survey2-net_income.svg") == "charts-survey2-net_income-svg")
        #expect(DataPackage.resourceName("report.txt") == "report-txt")
    }

    /// A package of one table and one source: the parts the SPEC asks for are where it says.
    @Test func packageParts() throws {
        let json = DataPackage.build(
            outputs: [DataPackage.Output(path: "panel_log.csv", bytes: 10, sha256: String(repeating: "a", count: 64))],
            sources: [
                DataPackage.Source(
                    file: "statements.csv", sha256: String(repeating: "b", count: 64), bytes: 99, encoding: "cp932",
                    bom: false, balance: [("read", 3), ("kept", 2), ("rejected", 1)])
            ], settings: RunConfig().settings, commit: "abc")
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)) as? [String: Any])
        let resource = try #require((parsed["resources"] as? [[String: Any]])?.first)
        #expect(resource["hash"] as? String == "sha256:" + String(repeating: "a", count: 64))
        #expect(resource["bytes"] as? Int == 10)
        let fields = try #require((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == ["measure", "reason", "enterprises"])
        let source = try #require((parsed["sources"] as? [[String: Any]])?.first)
        #expect(source["encoding"] as? String == "cp932")
        #expect((source["rows"] as? [String: Int])?["rejected"] == 1)
        let settings = try #require(parsed["settings"] as? [String: String])
        #expect(Set(settings.keys) == Set(RunConfig.keys))
        #expect(settings["SEED"] == "20051231")
        #expect((parsed["pipeline"] as? [String: String])?["commit"] == "abc")
    }
}
