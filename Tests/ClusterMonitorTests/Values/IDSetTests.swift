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

    /// A table read back from a file is taken only when `IDSet` or `IDMap` could have built it:
    /// the tables they build pass; a table with no empty slot (a look-up for an absent number
    /// would never end), a key away from its home past an empty slot (a member not found),
    /// more than half full, or not a power of two are refused.
    @Test func tablesFromFilesAreChecked() {
        var g = SplitMix64(seed: 5)
        let ids = (0..<3_000).map { _ in 1 + g.next() % 1_000_000_000_000 }
        let set = IDSet(ids)
        #expect(IDTable.check(set.slots)?.count == set.count)
        var map = IDMap()
        for (k, id) in ids.enumerated() { map.set(id, UInt64(k)) }
        #expect(IDTable.check(map.table.keys)?.count == map.count)
        #expect(IDSet(slots: map.keySet.slots)?.contains(ids[17]) == true)

        // 16 slots: 5 goes home to the slot of its hash; moved one further past an empty slot
        // it would not be found.
        let home = Int((5 as UInt64 &* 0x9E37_79B9_7F4A_7C15) >> 60)
        var placed = [UInt64](repeating: 0, count: 16)
        placed[home] = 5
        #expect(IDTable.check(placed)?.count == 1)
        var misplaced = [UInt64](repeating: 0, count: 16)
        misplaced[(home + 2) & 15] = 5
        #expect(IDTable.check(misplaced) == nil)
        #expect(IDTable.check([UInt64](repeating: 7, count: 16)) == nil)
        #expect(IDTable.check((1...16).map { UInt64($0) }) == nil)
        #expect(IDTable.check([UInt64](repeating: 0, count: 24)) == nil)
        #expect(IDTable.check([UInt64](repeating: 0, count: 16))?.count == 0)
    }
}
