/// Reads the UTF-8 bytes of one field with the normalisations every number rule shares:
/// full-width digits (U+FF10–U+FF19) read as ASCII digits, and surrounding white space
/// (ASCII and U+3000 ideographic space) ignored.
package struct ByteScanner {
    package let bytes: ArraySlice<UInt8>
    package private(set) var position: Int
    package let end: Int

    /// The field without its surrounding white space.
    package var trimmed: ArraySlice<UInt8> { bytes[position..<end] }

    package init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                start += 1
            } else if end - start >= 3, bytes[start] == 0xE3, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
                end -= 1
            } else if end - start >= 3, bytes[end - 3] == 0xE3, bytes[end - 2] == 0x80, bytes[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        self.position = start
        self.end = end
    }

    package var isAtEnd: Bool { position >= end }
    package var isEmpty: Bool { position >= end }
    package var remaining: Int { end - position }

    /// The digit at the current position (ASCII or full-width), without consuming it.
    @inline(__always)
    package func peekDigit() -> (value: UInt8, width: Int)? {
        guard position < end else { return nil }
        let b = bytes[position]
        if b >= 0x30 && b <= 0x39 { return (b - 0x30, 1) }
        if b == 0xEF, end - position >= 3, bytes[position + 1] == 0xBC {
            let c = bytes[position + 2]
            if c >= 0x90 && c <= 0x99 { return (c - 0x90, 3) }
        }
        return nil
    }

    /// Consumes one digit.
    @inline(__always)
    package mutating func digit() -> UInt8? {
        guard let (value, width) = peekDigit() else { return nil }
        position += width
        return value
    }

    /// Consumes a run of digits (at most `limit`), returning the value and how many were read.
    package mutating func digits(limit: Int = 18) -> (value: Int64, count: Int) {
        var value: Int64 = 0
        var count = 0
        while count < limit, let d = digit() {
            value = value * 10 + Int64(d)
            count += 1
        }
        return (value, count)
    }

    /// Consumes `literal` (UTF-8 bytes) when it comes next.
    package mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - position >= count else { return false }
        let matches = literal.withUTF8Buffer { lit -> Bool in
            for k in 0..<count where bytes[position + k] != lit[k] { return false }
            return true
        }
        if matches { position += count }
        return matches
    }

    /// Consumes one ASCII byte when it is in `set`.
    package mutating func consume(anyOf set: [UInt8]) -> UInt8? {
        guard position < end, set.contains(bytes[position]) else { return nil }
        defer { position += 1 }
        return bytes[position]
    }
}
