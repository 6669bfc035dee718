import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// The small tables of SPEC 1.1: codebook, participants, industries, sme_criteria, benchmark,
/// published — each rule once, by the reason its reject must carry.
@Suite struct TableRulesTests {
    static func reasons(_ rejects: RejectLog, _ file: String) -> [RejectReason: Int] {
        rejects.counts[file] ?? [:]
    }

    @Test func codebookRules() throws {
        let rejects = try RejectLog(writer: nil)
        let loaded = try Ingest.codebook(
            TestFiles.write("""
                question,type,item,column,label
                Q1,multi,1,q1_01,Info
                Q1,multi,2,q1_02,Network
                Q1,multi,2,q1_03,Same item again
                Q1,multi,0,q1_04,Item not positive
                Q1,ranking,3,q1_05,Unknown type
                Q1,single,4,q1_06,Type differs within the question
                Q2,single,1,q2,Yes
                Q2,single,2,q2_other,Single question with a second column
                Q3,multi,1,q1_01,Column already used
                Q4,multi,1,weight,Reserved column name
                Q1,multi,1,q1_01,Info

                """), file: "codebook.csv", settings: IngestSettings(), rejects: rejects)
        #expect(loaded.rows.map(\.column) == ["q1_01", "q1_02", "q2"])
        let r = Self.reasons(rejects, "codebook.csv")
        #expect(r[.conflictingDuplicate] == 1)  // Q1 item 2 again with another column
        #expect(r[.invalidItem] == 1)
        #expect(r[.invalidQuestionType] == 2)  // "ranking", and single within a multi question
        #expect(r[.inconsistentColumn] == 1)
        #expect(r[.duplicateColumn] == 2)
        #expect(loaded.report.balance.merged == 1)  // the identical repeat of Q1 item 1
        #expect(loaded.report.balance.isBalanced)
    }

    @Test func participantsRules() throws {
        let rejects = try RejectLog(writer: nil)
        let loaded = try Ingest.participants(
            TestFiles.write("""
                enterprise_id,name,project,region
                1180301018771,Tama Seiki,TAMA,関東
                １１８０３０１０１８７７１,Tama Seiki,TAMA,関東
                1180301018771,Tama Seiki,HOKKAIDO,北海道
                2180301018771,Bad check digit,TAMA,関東
                7000012050002,No project,,関東

                """), file: "participants.csv", settings: IngestSettings(), rejects: rejects)
        #expect(loaded.rows.map(\.id.description) == ["1180301018771"])
        #expect(loaded.report.balance.merged == 1)  // full-width repeat is identical once normalised
        let r = Self.reasons(rejects, "participants.csv")
        #expect(r[.conflictingDuplicate] == 1)
        #expect(r[.invalidCorporateNumber] == 1)
        #expect(r[.missingValue] == 1)
    }

    /// A header saved with a second byte order mark and names padded with spaces (as a
    /// spreadsheet leaves them) still names its columns.
    @Test func headerNamesWithoutBOMAndSpaces() throws {
        let rejects = try RejectLog(writer: nil)
        let text = "\u{FEFF}\u{FEFF}enterprise_id , name,project ,\tregion\n1180301018771,Tama Seiki,TAMA,関東\n"
        let loaded = try Ingest.participants(
            TestFiles.write(text), file: "participants.csv", settings: IngestSettings(), rejects: rejects)
        #expect(loaded.rows.map(\.project) == ["TAMA"])
        #expect(loaded.report.unknownColumns.isEmpty)
    }

    @Test func industriesNeedAKnownSector() throws {
        let rejects = try RejectLog(writer: nil)
        let loaded = try Ingest.industries(
            TestFiles.write("""
                code,label,category,sector
                E09,食料品製造業,food,manufacturing
                I52,機械器具卸売業,wholesale,trading

                """), file: "industries.csv", sectors: ["manufacturing", "wholesale"], settings: IngestSettings(),
            rejects: rejects)
        #expect(loaded.rows.map(\.code) == ["E09"])
        #expect(Self.reasons(rejects, "industries.csv")[.unknownSector] == 1)
    }

    @Test func smeCriteriaNeedIntegers() throws {
        let rejects = try RejectLog(writer: nil)
        let loaded = try Ingest.smeCriteria(
            TestFiles.write("""
                sector,max_capital,max_employees
                manufacturing,"300,000",300
                retail,50000,-5
                services,fifty,100

                """), file: "sme_criteria.csv", settings: IngestSettings(), rejects: rejects)
        #expect(loaded.rows == [SMECriterion(sector: "manufacturing", maxCapital: 300_000, maxEmployees: 300)])
        let r = Self.reasons(rejects, "sme_criteria.csv")
        #expect(r[.negativeValue] == 1)
        #expect(r[.invalidInteger] == 1)
    }

    @Test func benchmarkRules() throws {
        let rejects = try RejectLog(writer: nil)
        let loaded = try Ingest.benchmark(
            TestFiles.write("""
                fiscal_year,category,size_class,capital_min,capital_max,corporations,sales,net_income,employees
                2000,food,small,0,10000,"1,000",500,△20,40
                2000,food,open,1000000,,10,900,30,50
                2000,food,inverted,50000,10000,1,1,1,1
                2000,food,negative,0,10000,-3,1,1,1
                2000,food,small,0,10000,999,500,-20,40
                20000,food,bad year,0,10000,1,1,1,1

                """), file: "benchmark.csv", settings: IngestSettings(), rejects: rejects)
        // △20 is −20 (SPEC 6.8: net_income may be negative); capital_max empty = open class.
        #expect(loaded.rows.first?.netIncome == -20)
        #expect(loaded.rows.first?.corporations == 1000)
        #expect(loaded.rows.count == 2)
        #expect(loaded.rows.last?.capitalMax == nil)
        let r = Self.reasons(rejects, "benchmark.csv")
        #expect(r[.invalidCapitalRange] == 1)
        #expect(r[.negativeValue] == 1)
        #expect(r[.conflictingDuplicate] == 1)
        #expect(r[.invalidInteger] == 1)
    }

    @Test func publishedKeepsTheDecimalsAsPrinted() throws {
        let rejects = try RejectLog(writer: nil)
        let loaded = try Ingest.published(
            TestFiles.write("""
                figure,series,measure,key,value,legibility,label
                survey1,all,Q1,1,69.0,read,Info
                survey2,benchmark_corrected,net_income,2004,1.31,inferred,Net
                survey2,cluster,sales,2001,0.998,assigned,Sales
                survey2,cluster,sales,2002,n/a,read,Sales

                """), file: "published.csv", settings: IngestSettings(), rejects: rejects)
        // SPEC 3.4: 69.0 → 1 decimal, 1.31 → 2, 0.998 → 3.
        #expect(loaded.rows.map(\.decimals) == [1, 2, 3])
        #expect(Self.reasons(rejects, "published.csv")[.invalidNumber] == 1)
    }
}
