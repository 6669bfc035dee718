import Synthesis
import Testing

@testable import Values

/// IDMap against Dictionary on the same operations: the same value for every key asked.
@Suite struct IDMapTests {
    @Test(arguments: [0, 1, 7, 1000, 50_000])
    func agreesWithDictionary(count: Int) {
        var g = SplitMix64(seed: UInt64(count) + 1)
        var map = IDMap()
        var reference: [UInt64: UInt64] = [:]
        for _ in 0..<count {
            // Keys from a small range repeat (overwrites), 0 included (ignored).
            let key = g.next() % UInt64(max(1, count))
            let value = g.next()
            map.set(key, value)
            if key != 0 { reference[key] = value }
        }
        #expect(map.count == reference.count)
        for key in 0..<UInt64(max(1, count) + 10) { #expect(map[key] == reference[key]) }
    }

    /// Zero is never a key: setting it does nothing, reading it is nil.
    @Test func zeroIsNotAKey() {
        var map = IDMap(capacity: 4)
        map.set(0, 9)
        #expect(map[0] == nil)
        #expect(map.count == 0)
    }

    /// Keys that share a hash bucket (the map's multiplicative hash taken on a small table) all
    /// keep their values; growth keeps every one.
    @Test func collisionsAndGrowth() {
        var map = IDMap()
        let keys = (1...100).map { UInt64($0) << 40 }
        for (k, key) in keys.enumerated() { map.set(key, UInt64(k)) }
        for (k, key) in keys.enumerated() { #expect(map[key] == UInt64(k)) }
        #expect(map.count == 100)
    }
}
