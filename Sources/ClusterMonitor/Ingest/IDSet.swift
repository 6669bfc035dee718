/// A set of non-zero 64-bit identifiers (corporate numbers) with open addressing and a
/// multiplicative hash: one multiply and usually one probe per lookup on the statements hot path.
public struct IDSet: Sendable {
    private let slots: [UInt64]
    private let shift: UInt64
    public let count: Int

    public init<S: Sequence>(_ ids: S) where S.Element == UInt64 {
        let unique = Set(ids.filter { $0 != 0 })
        var bits: UInt64 = 4
        while (1 << bits) < unique.count * 2 { bits += 1 }
        var slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        let shift = 64 - bits
        for id in unique {
            var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = id
        }
        self.slots = slots
        self.shift = shift
        self.count = unique.count
    }

    @inline(__always)
    public func contains(_ id: UInt64) -> Bool {
        var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let slot = slots[i]
            if slot == id { return id != 0 }
            if slot == 0 { return false }
            i = (i + 1) & (slots.count - 1)
        }
    }
}
