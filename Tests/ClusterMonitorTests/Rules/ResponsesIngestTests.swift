import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1 and 6.4: latest submission wins, validation before de-duplication, equal instants
/// go to the later row, no zone means +09:00.
@Suite struct ResponsesIngestTests {
    static let a = RowBalanceTests.corporateNumber(180_301_018_771)  // 1180301018771
    static let b = RowBalanceTests.corporateNumber(100_000_000_001)
    static let outsider = RowBalanceTests.corporateNumber(100_000_000_002)

    static let codebook = Codebook(items: [
        CodebookItem(question: "Q1", type: .multi, item: 1, column: "q1_01", label: "Info"),
        CodebookItem(question: "Q1", type: .multi, item: 2, column: "q1_02", label: "Network"),
        CodebookItem(question: "Q2", type: .single, item: 1, column: "q2", label: "Useful"),
        CodebookItem(question: "Q2", type: .single, item: 2, column: "q2", label: "Not useful"),
    ])

    static func ingest(_ text: String) throws -> (rows: [Response], report: IngestReport, rejects: RejectLog) {
        let frame = Set([a, b].compactMap { CorporateNumber.parse(ArraySlice($0.utf8)) })
        let rejects = try RejectLog(writer: nil)
        let (loaded, _) = try Ingest.responses(
            TestFiles.write(text), file: "responses.csv", codebook: codebook, frame: frame,
            settings: IngestSettings(), rejects: rejects)
        return (loaded.rows, loaded.report, rejects)
    }

    @Test func latestSubmissionWins() throws {
        let got = try Self.ingest("""
            respondent_id,submitted_at,q1_01,q1_02,q2
            \(Self.a),2005-09-01T10:00:00,1,0,1
            \(Self.a),2005-09-02,0,1,2
            \(Self.b),2005-09-01,1,1,

            """)
        #expect(got.rows.count == 2)
        #expect(got.rows.first { $0.respondent.description == Self.a }?.cells == [0, 1, 2])
        #expect(got.report.balance.dropped == 1)
        #expect(got.report.balance.isBalanced)
    }

    /// 2005-09-01T01:00:00Z is 10:00 in Japan: the same instant as the row without a zone;
    /// equal instants → the later row of the file wins.
    @Test func equalInstantsGoToTheLaterRow() throws {
        let got = try Self.ingest("""
            respondent_id,submitted_at,q1_01,q1_02,q2
            \(Self.a),2005-09-01T10:00:00,1,0,1
            \(Self.a),2005-09-01T01:00:00Z,0,1,2

            """)
        #expect(got.rows.map(\.cells) == [[0, 1, 2]])
    }

    /// A later but invalid submission is rejected and never replaces the valid one.
    @Test func rejectedRowNeverWins() throws {
        let got = try Self.ingest("""
            respondent_id,submitted_at,q1_01,q1_02,q2
            \(Self.a),2005-09-01,1,0,1
            \(Self.a),2005-09-09,1,0,7
            \(Self.outsider),2005-09-09,1,0,1

            """)
        #expect(got.rows.map(\.cells) == [[1, 0, 1]])
        #expect(got.report.balance.rejected == 2)
        #expect(got.rejects.counts["responses.csv"]?[.invalidSingleCode] == 1)
        #expect(got.rejects.counts["responses.csv"]?[.notInFrame] == 1)
    }

    @Test func zeroOrEmptyWeightRejects() throws {
        let got = try Self.ingest("""
            respondent_id,submitted_at,weight,q1_01,q1_02,q2
            \(Self.a),2005-09-01,0,1,0,1
            \(Self.b),2005-09-01,,1,0,1

            """)
        #expect(got.rows.isEmpty)
        #expect(got.rejects.counts["responses.csv"]?[.invalidWeight] == 2)
    }
}
