import Foundation
import Testing

@testable import Values
@testable import CSVKit
@testable import Statistics
@testable import Formats

/// cluster-compare's verdict file (the annual run's typed hand-off) and the strict failure with
/// values that do not read. Expected values by hand from the format the type documents.
@Suite struct VerdictFileTests {
    func path(_ name: String) -> String { TestFiles.folder.appendingPathComponent("verdict-\(UUID().uuidString)-\(name)").path }

    @Test func writesAndReadsBack() throws {
        let file = path("ok.csv")
        let verdict = ReproductionVerdict(published: 42, reproduced: 41, unreadable: 1, strict: true)
        try verdict.write(to: file)
        #expect(TestFiles.read(file) == "published,reproduced,unreadable,strict,outcome\n42,41,1,yes,not_reproduced\n")
        #expect(try ReproductionVerdict.read(file) == verdict)
        #expect(!verdict.allReproduced)
        #expect(ReproductionVerdict(published: 42, reproduced: 42, unreadable: 0, strict: false).allReproduced)
    }

    /// Anything but the documented row is exit 65 naming the file: a wrong header, counts that
    /// cannot be, an outcome that disagrees with the counts.
    @Test func refusesWhatIsNotAVerdict() throws {
        for text in [
            "published,reproduced\n42,42\n",
            "published,reproduced,unreadable,strict,outcome\n42,43,0,yes,reproduced\n",
            "published,reproduced,unreadable,strict,outcome\n42,42,0,yes,not_reproduced\n",
            "published,reproduced,unreadable,strict,outcome\n42,42,0,maybe,reproduced\n",
            "",
        ] {
            let file = path("bad.csv")
            try Files.write(text, to: file)
            #expect {
                try ReproductionVerdict.read(file)
            } throws: { error in
                guard let e = error as? PipelineError else { return false }
                return e.exitStatus == .dataError && e.description.contains(file)
            }
        }
    }

    /// A published value that does not read counts as not reproduced and is named first.
    @Test func unreadableValuesFailTheStrictCheck() throws {
        let reject = Reject(file: "published.csv", line: 2, column: "value", reason: .invalidNumber, value: "69.0x")
        let failure = try #require(Reproduction.strictFailure([], unreadable: [reject]))
        guard case .notReproduced(let count, let total, let first) = failure else {
            Issue.record("expected notReproduced, got \(failure)")
            return
        }
        #expect(count == 1 && total == 1)
        #expect(first == ["published.csv line 2, column value: '69.0x' does not read (invalid_number): not compared"])
        #expect(Reproduction.strictFailure([]) == nil)
    }
}
