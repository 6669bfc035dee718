/// A set of non-zero 64-bit identifiers (corporate numbers) with open addressing and a
/// multiplicative hash: one multiply and usually one probe per lookup on the statements hot path.
public struct IDSet: Sendable {
    @usableFromInline let slots: [UInt64]
    @usableFromInline let shift: UInt64
    public let count: Int

    public init<S: Sequence>(_ ids: S) where S.Element == UInt64 {
        let estimate = ids.underestimatedCount
        var bits: UInt64 = 4
        while (1 << bits) < estimate * 2 { bits += 1 }
        var slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        var shift = 64 - bits
        var count = 0
        for id in ids where id != 0 {
            if (count + 1) * 2 > slots.count {
                // Grow: rehash what is there into twice the room.
                bits += 1
                shift = 64 - bits
                let old = slots
                slots = [UInt64](repeating: 0, count: 1 << Int(bits))
                for kept in old where kept != 0 { Self.insert(kept, into: &slots, shift: shift) }
            }
            if Self.insert(id, into: &slots, shift: shift) { count += 1 }
        }
        self.slots = slots
        self.shift = shift
        self.count = count
    }

    /// Inserts `id`; false when it was there already.
    @discardableResult
    private static func insert(_ id: UInt64, into slots: inout [UInt64], shift: UInt64) -> Bool {
        var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[i] != 0 {
            if slots[i] == id { return false }
            i = (i + 1) & (slots.count - 1)
        }
        slots[i] = id
        return true
    }

    @inlinable @inline(__always)
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
