import Testing

@testable import Values
import Synthesis
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

@Suite struct IDSetTests {
    /// Membership against Swift's Set on random numbers, duplicates counted once, 0 never a member.
    @Test func agreesWithSet() {
        var g = SplitMix64(seed: 11)
        let ids = (0..<5000).map { _ in g.next() % 20_000 }
        let set = IDSet(ids)
        let reference = Set(ids.filter { $0 != 0 })
        #expect(set.count == reference.count)
        for probe in 0..<20_000 as Range<UInt64> {
            #expect(set.contains(probe) == reference.contains(probe))
        }
    }

    /// A lazy sequence reports no size up front: the table grows as ids arrive.
    @Test func growsFromAnUnderestimatedSequence() {
        let ids = (1...100_000 as ClosedRange<UInt64>).lazy.map { $0 * 7919 }
        let set = IDSet(ids)
        #expect(set.count == 100_000)
        #expect(set.contains(7919 * 100_000))
        #expect(!set.contains(7919 * 100_001))
    }
}
