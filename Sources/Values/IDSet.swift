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

    /// A table laid out as this type lays it out (an `IDMap`'s keys, a work file's).
    init(slots: [UInt64], shift: UInt64, count: Int) {
        self.slots = slots
        self.shift = shift
        self.count = count
    }

    /// A table read back from a file: nil unless it is one this type could have built
    /// (`IDTable.check`), so that no look-up can loop or miss a member.
    package init?(slots: [UInt64]) {
        guard let (shift, count) = IDTable.check(slots) else { return nil }
        self.init(slots: slots, shift: shift, count: count)
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

/// The layout `IDSet` and `IDMap` share: a power-of-two table of keys (0 = empty), the home
/// of `id` its top bits of `id * 0x9E3779B97F4A7C15`, collisions in the next free slot.
package enum IDTable {
    /// `(shift, count)` of a well-formed table, else nil: a power of two of at least 16 slots,
    /// at most half of them used, and every key reachable from its home without passing an
    /// empty slot. One pass down the table.
    package static func check(_ slots: [UInt64]) -> (shift: UInt64, count: Int)? {
        let size = slots.count
        guard size >= 16, size & (size - 1) == 0 else { return nil }
        let bits = UInt64(size.trailingZeroBitCount)
        let shift = 64 - bits
        guard let empty = slots.firstIndex(of: 0) else { return nil }
        var count = 0
        var runStart = (empty + 1) & (size - 1)  // where the current run of keys began
        for step in 1...size {
            let i = (empty + step) & (size - 1)
            let id = slots[i]
            if id == 0 {
                runStart = (i + 1) & (size - 1)
                continue
            }
            count += 1
            let home = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
            // The home must lie in the run, at or before i: distance home→i within runStart→i.
            guard (i - home) & (size - 1) <= (i - runStart) & (size - 1) else { return nil }
        }
        guard count * 2 <= size else { return nil }
        return (shift, count)
    }
}
