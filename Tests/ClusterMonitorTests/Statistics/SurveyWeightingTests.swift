import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 9: calibration of the survey weights (CALIBRATE), the single questions
/// (survey_single.csv) and the status flags (MIN_BASE, RELIABLE_N), on the hand-computed frame
/// of SurveyTabulationTests (TAMA: r1–r5, r10; HOKKAIDO: r6–r9).
@Suite struct SurveyWeightingTests {
    typealias T = SurveyTabulationTests
    static let id = T.id

    struct Run {
        let items: [SurveyItemEstimate]
        let single: [SurveyItemEstimate]
        let weights: String?
    }

    static func run(_ responses: String, _ config: RunConfig) throws -> Run {
        let out = TestFiles.folder.appendingPathComponent(UUID().uuidString)
        let (items, _) = try TabulateStage.run(
            responsesPath: TestFiles.write(responses), label: "responses.csv", codebookPath: TestFiles.write(T.codebookCSV),
            participantsPath: TestFiles.write(T.handParticipants), config: config, outputPath: out.path + "-items.csv",
            singlePath: out.path + "-single.csv", weightsPath: out.path + "-weights.csv")
        let weights = FileManager.default.fileExists(atPath: out.path + "-weights.csv") ? TestFiles.read(out.path + "-weights.csv") : nil
        return Run(items: items, single: try SurveyItemsCSV.read(out.path + "-single.csv"), weights: weights)
    }

    /// Five respondents with weights: r1 1, r2 2, r3 3 (TAMA, 6 participants), r6 1, r7 1
    /// (HOKKAIDO, 4 participants). Q1 items: r1 {1,2}, r2 {1}, r3 {2}, r6 {1,2,3}, r7 {3}.
    static let weighted = """
        respondent_id,submitted_at,weight,q1_1,q1_2,q1_3,q2
        \(id(100_000_000_001)),2005-09-01,1,1,1,0,1
        \(id(100_000_000_002)),2005-09-01,2,1,0,0,2
        \(id(100_000_000_003)),2005-09-01,3,0,1,0,
        \(id(100_000_000_006)),2005-09-01,1,1,1,1,1
        \(id(100_000_000_007)),2005-09-01,1,0,0,1,2

        """

    /// CALIBRATE=project: TAMA's weights sum to 6 = its participants (factor 1: 1, 2, 3);
    /// HOKKAIDO's to 2 against 4 (factor 2: 2, 2). Q1, all: base 1+2+3+2+2 = 10; item 1 r1 r2 r6
    /// = 5 (50 %), item 2 r1 r3 r6 = 6 (60 %), item 3 r6 r7 = 4 (40 %); effective n =
    /// 10² / (1+4+9+4+4) = 100/22. (Uncalibrated: base 8, item 2 5/8 = 62.5 %, item 3 2/8 = 25 %.)
    /// The column n, the base counted without weights (read back from survey_items.csv): all 5
    /// respondents chose an item of Q1; TAMA 3 (r1 r2 r3), HOKKAIDO 2 (r6 r7).
    @Test func projectCalibration() throws {
        var config = RunConfig()
        config.calibrate = [.project]
        config.reliableN = 0
        let run = try Self.run(Self.weighted, config)
        let all = run.items.filter { $0.domain == "all" }
        #expect(all.map(\.respondents) == [10, 10, 10])
        #expect(all.map(\.selected) == [5, 6, 4])
        #expect(all.map(\.percent) == [50, 60, 40])
        #expect(all.allSatisfy { abs($0.effectiveN - 100.0 / 22) < 1e-12 })
        #expect(all.map(\.count) == [5, 5, 5])
        #expect(run.items.filter { $0.domain == "TAMA" }.map(\.count) == [3, 3, 3])
        #expect(run.items.filter { $0.domain == "HOKKAIDO" }.map(\.count) == [2, 2, 2])
        #expect(
            run.weights == """
                respondent_id,project,region,weight,calibrated_weight
                \(Self.id(100_000_000_001)),TAMA,東京都,1,1
                \(Self.id(100_000_000_002)),TAMA,東京都,2,2
                \(Self.id(100_000_000_003)),TAMA,神奈川県,3,3
                \(Self.id(100_000_000_006)),HOKKAIDO,北海道,1,2
                \(Self.id(100_000_000_007)),HOKKAIDO,北海道,1,2

                """)
        var plain = RunConfig()
        plain.reliableN = 0
        let uncalibrated = try Self.run(Self.weighted, plain)
        #expect(uncalibrated.items.filter { $0.domain == "all" }.map(\.percent) == [50, 62.5, 25])
        #expect(uncalibrated.weights == nil)  // weights.csv only with CALIBRATE
    }

    /// CALIBRATE=region: 埼玉県 has a participant (r10) but no respondent: exit 65 naming the
    /// column and the value.
    @Test func regionWithoutRespondentFails() throws {
        var config = RunConfig()
        config.calibrate = [.region]
        do {
            _ = try Self.run(Self.weighted, config)
            Issue.record("expected a failure")
        } catch let error as PipelineError {
            #expect(error.exitStatus == .dataError)
            #expect("\(error)".contains("column region, value '埼玉県'"))
        }
    }

    /// Single question Q2 (1 Yes, 2 No) over the hand table's winners: r1 1, r2 2, r3 1, r4 1
    /// (its latest row), r5 2, r6 no answer, r7 1, r8 1, r9 2, r10 1.
    ///   all:      base 9 (r6 left out), Yes 6, No 3
    ///   HOKKAIDO: base 3 (r7 r8 r9),   Yes 2, No 1
    ///   TAMA:     base 6,              Yes 4, No 2
    /// r5 selected no Q1 item: outside Q1's base, inside Q2's.
    /// Flags with MIN_BASE 4, RELIABLE_N 6: all ok; HOKKAIDO 3 < 4 suppressed_frequency (no
    /// selected, percent or interval); TAMA 6 respondents would be ok (n = 6 is not below 6), but
    /// all − TAMA would give HOKKAIDO back (Yes 6 − 4 = 2, No 3 − 2 = 1): TAMA, the only other
    /// domain, is withheld as its complement, suppressed_secondary (SPEC 11). Then each hidden
    /// count lies between 0 and the published all-total (Yes in [0, 6], No in [0, 3], bases in
    /// [0, 9]): every one reaches ±10 % of its value.
    @Test func singleQuestionWithFlags() throws {
        var config = RunConfig()
        config.minBase = 4
        config.reliableN = 6
        let run = try Self.run(T.handResponses, config)
        #expect(run.single.map(\.domain) == ["all", "all", "HOKKAIDO", "HOKKAIDO", "TAMA", "TAMA"])
        #expect(run.single.map(\.item) == [1, 2, 1, 2, 1, 2])
        #expect(run.single.map(\.label) == ["Yes", "No", "Yes", "No", "Yes", "No"])
        // Read back from survey_single.csv: a withheld base is an empty cell, read as 0.
        #expect(run.single.map(\.respondents) == [9, 9, 0, 0, 0, 0])
        #expect(run.single.map(\.selected) == [6, 3, nil, nil, nil, nil])
        #expect(
            run.single.map(\.status) == [
                .ok, .ok, .suppressedFrequency, .suppressedFrequency, .suppressedSecondary, .suppressedSecondary,
            ])
        #expect(run.single[2].percent == nil && run.single[2].interval == nil)
        // Wilson 95 % for 6 of 9 as the multi items' (scipy: 35.4202135580396, 87.9416181613089).
        #expect(abs((run.single[0].percent ?? 0) - 600.0 / 9) < 1e-12)
        #expect(abs((run.single[0].interval?.lowerBound ?? 0) - 35.4202135580396) < 1e-9)
        #expect(abs((run.single[0].interval?.upperBound ?? 0) - 87.9416181613089) < 1e-9)
    }

    /// Q1 flags with MIN_BASE 5, RELIABLE_N 9 (hand bases: all 9, HOKKAIDO 4, TAMA 5): all ok
    /// (9 is not below 9), HOKKAIDO suppressed_frequency (4 < 5); TAMA would be low_reliability
    /// (n 5 < 9), but all − TAMA gives HOKKAIDO's base 9 − 5 = 4 back, so TAMA, the only other
    /// domain, is its complement: suppressed_secondary, its numbers withheld (SPEC 11).
    @Test func multiQuestionFlags() throws {
        var config = RunConfig()
        config.minBase = 5
        config.reliableN = 9
        let run = try Self.run(T.handResponses, config)
        let status = Dictionary(grouping: run.items, by: \.domain).mapValues { Set($0.map(\.status)) }
        #expect(status == ["all": [.ok], "HOKKAIDO": [.suppressedFrequency], "TAMA": [.suppressedSecondary]])
        #expect(run.items.filter { $0.domain != "all" }.allSatisfy { $0.selected == nil && $0.percent == nil })
    }

    /// The order of the flags (SPEC 9): empty, suppressed, low_reliability, ok; an effective n
    /// a rounding error below RELIABLE_N (equal weights) reaches it.
    @Test func statusOrder() {
        var config = RunConfig()
        config.minBase = 20
        config.reliableN = 30
        #expect(EstimateStatus.of(count: 0, effectiveN: 0, config: config) == .empty)
        #expect(EstimateStatus.of(count: 19, effectiveN: 19, config: config) == .suppressedFrequency)
        #expect(EstimateStatus.of(count: 25, effectiveN: 25, config: config) == .lowReliability)
        #expect(EstimateStatus.of(count: 40, effectiveN: 29.5, config: config) == .lowReliability)
        #expect(EstimateStatus.of(count: 30, effectiveN: 29.999999999999996, config: config) == .ok)
        #expect(EstimateStatus.of(count: 30, effectiveN: 30, config: config) == .ok)
    }
}
