/// Byte-level text helpers shared by the reader and the rules (no `String` on hot paths).
public enum Text {
    /// `s` as XML character data or an attribute value: `&`, `<`, `>` and `"` as entities (the
    /// SVG charts and the chart XML of tables.xlsx).
    public static func xmlEscaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
    /// With `allowTruncatedEnd`, a sequence cut off by the end of `bytes` counts as well-formed.
    public static func isValidUTF8<C: Collection>(_ bytes: C, allowTruncatedEnd: Bool = false) -> Bool
    where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            guard let (need, lower, upper) = utf8Sequence(after: b0) else { return false }
            for k in 1...need {
                guard i + k < end else { return allowTruncatedEnd }
                let b = bytes[i + k]
                if k == 1 {
                    if b < lower || b > upper { return false }
                } else if b < 0x80 || b > 0xBF {
                    return false
                }
            }
            i += need + 1
        }
        return true
    }

    /// What follows a UTF-8 lead byte (RFC 3629: no overlong forms, no surrogates, nothing past
    /// U+10FFFF): how many continuation bytes, and the range of the first (the others are
    /// 80–BF); nil for a byte that cannot lead a sequence of several.
    @inlinable @inline(__always)
    public static func utf8Sequence(after lead: UInt8) -> (count: Int, lower: UInt8, upper: UInt8)? {
        switch lead {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// The name of `names` closest to `wanted`, for a hint: one equal but for letter case,
    /// spaces or `-`/`_`, else one within a few edits (at most a third of the name's length,
    /// at least 2); nil when none is near.
    public static func closest(to wanted: String, among names: [String]) -> String? {
        func folded(_ s: String) -> [Character] {
            Array(s.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
        }
        let target = folded(wanted)
        if let same = names.first(where: { folded($0) == target && $0 != wanted }) { return same }
        var best: (name: String, distance: Int)?
        for name in names {
            let d = editDistance(folded(name), target)
            if d <= max(2, target.count / 3), d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        return best?.name
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Whether any byte is outside ASCII.
    @inline(__always)
    public static func hasNonASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var acc: UInt8 = 0
        for b in bytes { acc |= b }
        return acc >= 0x80
    }

    /// Text for people: valid UTF-8 as is; any other byte, and control characters other than
    /// tab, LF and CR, as `\xNN` (so a NUL never reaches a CSV or a terminal raw).
    public static func display<C: Collection>(_ bytes: C) -> String where C.Element == UInt8, C.Index == Int {
        let hasControl = bytes.contains(where: isControl)
        if !hasControl && isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        // Built as bytes, made a string once.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(i + length, bytes.endIndex)
            if length == 1 && b < 0x80 && !isControl(b) {
                out.append(b)
                i += 1
            } else if !isControl(b), end - i == length, length > 1, isValidUTF8(bytes[i..<end]) {
                out += bytes[i..<end]
                i = end
            } else {
                appendEscaped(b, to: &out)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\xNN` for byte `b`, as ASCII bytes.
    @inline(__always)
    private static func appendEscaped(_ b: UInt8, to out: inout [UInt8]) {
        @inline(__always) func hex(_ d: UInt8) -> UInt8 { d < 10 ? 0x30 + d : 0x37 + d }
        out.append(0x5C)
        out.append(0x78)
        out.append(hex(b >> 4))
        out.append(hex(b & 0x0F))
    }

    /// C0 controls other than tab, LF and CR, and DEL.
    static func isControl(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || b == 0x7F
    }

    /// Text for people from bytes of another encoding that did not decode (CP932): printable
    /// ASCII as is, every other byte as `\xNN`, so that no byte pair is shown as the UTF-8
    /// character it happens to spell.
    public static func escaped<C: Collection>(_ bytes: C) -> String where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for b in bytes {
            if b < 0x80 && !isControl(b) { out.append(b) } else { appendEscaped(b, to: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `display` (or `escaped`, for bytes of another encoding that did not decode), cut to at
    /// most `limit` characters with a note of how much was left out.
    public static func excerpt<C: Collection>(_ bytes: C, limit: Int = 200, escapingNonASCII: Bool = false) -> String
    where C.Element == UInt8, C.Index == Int {
        // Only the head is shown: a 100 MB field is not made a 100 MB string to show 200
        // characters of it. Four bytes a character and some to spare, cut back to the start of
        // a UTF-8 sequence.
        var head = bytes.endIndex
        if bytes.count > 4 * limit + 4 {
            head = bytes.startIndex + 4 * limit + 4
            var back = 0
            while back < 3, bytes[head] & 0xC0 == 0x80 {
                head -= 1
                back += 1
            }
        }
        let text = escapingNonASCII ? escaped(bytes[..<head]) : display(bytes[..<head])
        // No more characters than UTF-8 bytes: short text needs no count of its characters.
        guard head < bytes.endIndex || (text.utf8.count > limit && text.count > limit) else { return text }
        return String(text.prefix(limit)) + "…(\(bytes.count) bytes)"
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    package var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
