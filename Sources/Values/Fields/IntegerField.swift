/// What a numeric cell holds once read.
public enum IntegerField: Equatable, Sendable {
    /// Empty cell: the value is missing.
    case missing
    case value(Int64)
    /// Anything that is not an integer in one of the accepted forms.
    case invalid
}

/// Integers as statements and the benchmark write them (SPEC 1.1):
/// ASCII or full-width digits, thousand separators (`,` or `，`) between groups of three,
/// and a leading sign `-`, `−` (U+2212), `－` (U+FF0D), `△` (U+25B3) or `▲` (U+25B2) for negatives,
/// or the accountant's parentheses: `(4,285)` and `（4,285）` are −4285.
public enum IntegerParser {
    /// Field `range` of `bytes` (a record read in place, no copy).
    @inlinable @inline(__always)
    public static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> IntegerField {
        // Fast path: plain ASCII digits with an optional `-`, the overwhelming case in a
        // corporate database (18 digits always fit in an Int64).
        var r = range
        if !r.isEmpty && r.count <= 18 {
            let s = bytes.span
            let negative = s[r.lowerBound] == 0x2D
            if negative { r = (r.lowerBound + 1)..<r.upperBound }
            var value: Int64 = 0
            var plain = !r.isEmpty
            for i in r {
                let d = s[i] &- 0x30
                if d > 9 {
                    plain = false
                    break
                }
                value = value &* 10 &+ Int64(d)
            }
            if plain { return .value(negative ? -value : value) }
        }
        return parseGeneral(bytes[range])
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> IntegerField {
        parse(Array(bytes), 0..<bytes.count)
    }

    @usableFromInline
    static func parseGeneral(_ bytes: ArraySlice<UInt8>) -> IntegerField {
        var scan = ByteScanner(bytes)
        if scan.isEmpty { return .missing }
        // An accounting negative: the magnitude in parentheses, `(4,285)` or `（4,285）`, digits
        // right inside them (no sign, no space).
        if let inner = parenthesised(scan.trimmed) {
            let scanInner = ByteScanner(inner)
            guard scanInner.peekDigit() != nil, scanInner.trimmed.count == inner.count else { return .invalid }
            guard case .value(let magnitude) = parseGeneral(inner) else { return .invalid }
            return .value(-magnitude)
        }
        var negative = false
        if scan.consume(anyOf: [0x2D]) != nil  // -
            || scan.consume("\u{2212}") || scan.consume("\u{FF0D}")
            || scan.consume("\u{25B3}") || scan.consume("\u{25B2}")
        {
            negative = true
        }
        var magnitude: UInt64 = 0
        var groupLength = 0  // digits since the last separator
        var groups = 0  // separators seen
        var totalDigits = 0
        while !scan.isAtEnd {
            if let d = scan.digit() {
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(UInt64(d))
                if o1 || o2 { return .invalid }
                magnitude = m2
                groupLength += 1
                totalDigits += 1
            } else if scan.consume(anyOf: [0x2C]) != nil || scan.consume("\u{FF0C}") {
                // A separator must follow a first group of 1–3 digits or a full group of 3.
                if groups == 0 ? !(1...3).contains(groupLength) : groupLength != 3 { return .invalid }
                groups += 1
                groupLength = 0
            } else {
                return .invalid
            }
        }
        if totalDigits == 0 { return .invalid }
        if groups > 0 && groupLength != 3 { return .invalid }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .invalid }
            return .value(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .invalid }
        return .value(Int64(magnitude))
    }
}

extension IntegerParser {
    /// The bytes between an opening and a closing parenthesis (ASCII or full-width) that
    /// enclose the whole field; nil when it is not so enclosed.
    static func parenthesised(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let fullOpen: [UInt8] = [0xEF, 0xBC, 0x88]  // （
        let fullClose: [UInt8] = [0xEF, 0xBC, 0x89]  // ）
        var start = bytes.startIndex
        var end = bytes.endIndex
        if bytes.first == 0x28 {
            start += 1
        } else if bytes.starts(with: fullOpen) {
            start += 3
        } else {
            return nil
        }
        if end > start, bytes[end - 1] == 0x29 {
            end -= 1
        } else if end - start >= 3, bytes[(end - 3)..<end].elementsEqual(fullClose) {
            end -= 3
        } else {
            return nil
        }
        return bytes[start..<end]
    }
}

/// Positive finite decimals (weights and settings): digits with an optional fraction and
/// exponent, ASCII or full-width digits and `．` (U+FF0E) as the point.
public enum DecimalParser {
    public static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        var scan = ByteScanner(bytes)
        if scan.isEmpty { return nil }
        var text: [UInt8] = []
        if scan.consume(anyOf: [0x2D, 0x2B]) == 0x2D { text.append(0x2D) }
        var mantissaDigits = 0
        while let d = scan.digit() {
            text.append(0x30 + d)
            mantissaDigits += 1
        }
        if scan.consume(anyOf: [0x2E]) != nil || scan.consume("\u{FF0E}") {
            text.append(0x2E)
            while let d = scan.digit() {
                text.append(0x30 + d)
                mantissaDigits += 1
            }
        }
        if mantissaDigits == 0 { return nil }
        if scan.consume(anyOf: [0x65, 0x45]) != nil {
            text.append(0x65)
            if let sign = scan.consume(anyOf: [0x2D, 0x2B]) { text.append(sign) }
            var exponentDigits = 0
            while let d = scan.digit() {
                text.append(0x30 + d)
                exponentDigits += 1
            }
            if exponentDigits == 0 { return nil }
        }
        guard scan.isAtEnd, let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite
        else { return nil }
        return value
    }
}
