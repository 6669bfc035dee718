/// A Japanese corporate number (法人番号): 13 digits, the first a check digit over the other 12.
public struct CorporateNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 13 digits as one integer (below 10^13, so it fits in 44 bits).
    public let value: UInt64

    public init?(validating value: UInt64) {
        guard value < 10_000_000_000_000, Self.checkDigit(base: value % 1_000_000_000_000) == value / 1_000_000_000_000
        else { return nil }
        self.value = value
    }

    /// Reads field `range` of `bytes` (a record read in place, no copy): 13 ASCII or
    /// full-width digits, white space around them ignored, and checks the digit.
    @inlinable @inline(__always)
    public static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> CorporateNumber? {
        // Fast path: exactly 13 ASCII digits, the check digit computed on the way.
        if range.count == 13 && range.upperBound <= bytes.count {
            // Unrolled: digit k (0 = the check digit) weighs 2 when k is odd, 1 when even
            // (P_n with n = 13 - k counted from the right).
            let s = bytes.span
            let b = range.lowerBound
            var value: UInt64 = 0
            var sum: UInt64 = 0
            var any: UInt8 = 0
            for k in 0..<13 {
                let d = s[b + k] &- 0x30
                any |= d > 9 ? 0x80 : 0
                value = value &* 10 &+ UInt64(d)
                sum &+= UInt64(d) &<< UInt64(k & 1)
            }
            if any == 0 {
                let check = value / 1_000_000_000_000
                sum &-= check  // digit 0 (the check digit) is not in the sum
                return check == 9 - sum % 9 ? CorporateNumber(uncheckedValue: value) : nil
            }
        }
        return parseGeneral(bytes[range])
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> CorporateNumber? {
        parse(Array(bytes), 0..<bytes.count)
    }

    @usableFromInline
    static func parseGeneral(_ bytes: ArraySlice<UInt8>) -> CorporateNumber? {
        digits(bytes).flatMap(CorporateNumber.init(validating:))
    }

    /// The 13 digits of a field (ASCII or full-width, white space around them ignored) as one
    /// integer, whether or not the check digit is right: the number a record names, valid or
    /// not (cluster-explain finds a mistyped number's records by it). nil for anything else.
    public static func digits(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var scan = ByteScanner(bytes)
        let (value, count) = scan.digits(limit: 14)
        guard count == 13, scan.isAtEnd else { return nil }
        return UInt64(value)
    }

    /// The 13 digits `digits` gives, zero-padded.
    public static func text(ofDigits digits: UInt64) -> String {
        let text = String(digits)
        return String(repeating: "0", count: max(0, 13 - text.count)) + text
    }

    /// Whether `bytes` is a number in the scientific notation Excel gives a 13-digit number
    /// in a General cell (`9.35258E+12`, `1E+12`): digits, an optional fraction, `E` or `e`,
    /// an optional sign and digits. Such a cell has lost the number's last digits.
    public static func looksLikeScientificNotation(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Int {
            let start = i
            while i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        guard digits() > 0 else { return false }
        if i < end && bytes[i] == 0x2E {
            i += 1
            guard digits() > 0 else { return false }
        }
        guard i < end, bytes[i] == 0x45 || bytes[i] == 0x65 else { return false }
        i += 1
        if i < end && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
        return digits() > 0 && i == end
    }

    /// check = 9 − (Σ_{n=1..12} P_n·Q_n mod 9), P_n the n-th digit of the base from the right,
    /// Q_n = 1 for odd n and 2 for even n.
    public static func checkDigit(base: UInt64) -> UInt64 {
        var rest = base
        var sum: UInt64 = 0
        for n in 1...12 {
            sum += (rest % 10) * (n % 2 == 1 ? 1 : 2)
            rest /= 10
        }
        return 9 - sum % 9
    }

    /// The 13 digits, zero-padded.
    public var description: String { Self.text(ofDigits: value) }

    public static func < (a: CorporateNumber, b: CorporateNumber) -> Bool { a.value < b.value }
}

extension CorporateNumber {
    /// A placeholder that no valid record keeps (0 is not a valid corporate number).
    @inlinable package static var zero: CorporateNumber { CorporateNumber(uncheckedValue: 0) }

    /// A number already checked (read back from a file this pipeline wrote, or a frame's).
    @inlinable
    package init(uncheckedValue: UInt64) { self.value = uncheckedValue }
}
