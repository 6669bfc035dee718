/// A map from non-zero 64-bit identifiers (corporate numbers) to 64-bit values, with open
/// addressing and the multiplicative hash of `IDSet`: one multiply and usually one probe per
/// look-up, where a `Dictionary` hashes with SipHash. It grows by doubling, so inserting n
/// identifiers costs O(n). Identifier 0 is never a key (it is the empty slot).
public struct IDMap: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [UInt64]
    @usableFromInline var shift: UInt64
    public private(set) var count = 0

    /// An empty map with room for about `capacity` identifiers before it grows.
    public init(capacity: Int = 0) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        values = keys
        shift = 64 - bits
    }

    @inlinable @inline(__always)
    func slot(of id: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[i] != 0 && keys[i] != id { i = (i + 1) & (keys.count - 1) }
        return i
    }

    /// The value of `id`, or nil (also for 0).
    @inlinable @inline(__always)
    public subscript(id: UInt64) -> UInt64? {
        guard id != 0 else { return nil }
        let i = slot(of: id)
        return keys[i] == id ? values[i] : nil
    }

    /// Sets the value of `id` (0 is ignored: it cannot be a key).
    public mutating func set(_ id: UInt64, _ value: UInt64) {
        guard id != 0 else { return }
        if (count + 1) * 2 > keys.count { grow() }
        let i = slot(of: id)
        if keys[i] == 0 {
            keys[i] = id
            count += 1
        }
        values[i] = value
    }

    /// Sets `id` to `value` unless it has a value already, which is then returned instead:
    /// one probe for what `self[id]` and `set` would do in two (0 is ignored).
    public mutating func insertIfAbsent(_ id: UInt64, _ value: UInt64) -> UInt64? {
        guard id != 0 else { return nil }
        if (count + 1) * 2 > keys.count { grow() }
        let i = slot(of: id)
        if keys[i] == id { return values[i] }
        keys[i] = id
        values[i] = value
        count += 1
        return nil
    }

    /// The keys as a set (the same table: no copy, no hashing).
    public var keySet: IDSet { IDSet(slots: keys, shift: shift, count: count) }

    /// The table as stored (`WorkFile`): keys and values slot by slot.
    package var table: (keys: [UInt64], values: [UInt64]) { (keys, values) }

    /// A table read back from a file: nil unless its keys are well formed (`IDTable.check`)
    /// and every value passes `valid`.
    package init?(keys: [UInt64], values: [UInt64], valid: (UInt64) -> Bool) {
        guard keys.count == values.count, let (shift, count) = IDTable.check(keys) else { return nil }
        for i in keys.indices where keys[i] != 0 && !valid(values[i]) { return nil }
        self.keys = keys
        self.values = values
        self.shift = shift
        self.count = count
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = keys
        shift -= 1
        for (k, id) in oldKeys.enumerated() where id != 0 {
            let i = slot(of: id)
            keys[i] = id
            values[i] = oldValues[k]
        }
    }
}
