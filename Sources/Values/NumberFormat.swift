/// The one number formatter of the code base: every number that reaches a CSV or the report
/// goes through here.
public enum NumberFormat {
    /// The most significant digits a number is printed with: 15, the digits a binary64 always
    /// carries (DBL_DIG), so that arithmetic noise in the 16th and 17th digits
    /// (`41.099999999999994`) prints as the value meant (`41.1`).
    public static let significantDigits = 15

    /// Plain decimal (no exponent, no thousand separators) with at most `significantDigits`
    /// significant digits: the shortest digits that round-trip, rounded half away from zero to
    /// 15 digits when there are more (not above 1e306, where that could overflow), trailing
    /// zeros dropped; integral values print without a fraction (`2`, not `2.0`).
    public static func plain(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x < 0 ? "-Infinity" : "Infinity") }
        if x == 0 { return "0" }
        let text = "\(x)"  // shortest round-trip digits, possibly with an exponent
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var negative = false
        if mantissa.first == "-" {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        // The significant digits (ASCII values 0...9) and where the decimal point falls in them.
        var digits = (whole + fraction).utf8.map { $0 &- 0x30 }
        var point = whole.count + exponent
        while digits.count > 1, digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        // Rounding up next to the largest Double could print a number past it (1.79769313486232e308
        // reads back as infinity): up there every digit is kept.
        if digits.count > significantDigits, x.magnitude < 1e306 {
            let roundUp = digits[significantDigits] >= 5
            digits.removeLast(digits.count - significantDigits)
            if roundUp {
                var i = significantDigits - 1
                while i >= 0, digits[i] == 9 {
                    digits[i] = 0
                    i -= 1
                }
                if i >= 0 {
                    digits[i] += 1
                } else {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    point += 1
                }
            }
        }
        while digits.count > 1, digits.last == 0, digits.count > max(point, 1) { digits.removeLast() }
        func ascii(_ d: ArraySlice<UInt8>) -> String { String(decoding: d.map { $0 &+ 0x30 }, as: UTF8.self) }
        let body: String
        if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + ascii(digits[...])
        } else if point >= digits.count {
            body = ascii(digits[...]) + String(repeating: "0", count: point - digits.count)
        } else {
            body = ascii(digits[..<point]) + "." + ascii(digits[point...])
        }
        return negative ? "-" + body : body
    }

    /// Rounds half away from zero (四捨五入) to `decimals` places and prints exactly that many.
    /// The decision uses the shortest round-trip decimal text of `x` (`plain`), so 0.9985
    /// (printed 0.9985) rounds to 0.999 even though its binary value is a hair below; the
    /// rounding is done on those digits, so any magnitude and any number of decimals prints
    /// (9e18 is `9000000000000000000.000`, not an overflow).
    public static func rounded(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return plain(x) }
        let places = max(0, decimals)
        let text = plain(x)
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var kept = Array(fraction.utf8.prefix(places))
        kept += [UInt8](repeating: 0x30, count: places - kept.count)
        var digits = Array(whole.utf8) + kept  // ASCII digits; the point sits `places` from the end
        if let next = fraction.utf8.dropFirst(places).first, next >= 0x35 {
            var i = digits.count - 1
            while i >= 0, digits[i] == 0x39 {
                digits[i] = 0x30
                i -= 1
            }
            if i >= 0 { digits[i] += 1 } else { digits.insert(0x31, at: 0) }
        }
        let integral = digits.count - places
        var out = Array(digits[..<integral])
        if places > 0 { out += [0x2E] + digits[integral...] }
        let isZero = digits.allSatisfy { $0 == 0x30 }
        return (negative && !isZero ? "-" : "") + String(decoding: out, as: UTF8.self)
    }

    /// A share as a percentage with one decimal, for messages.
    public static func percent(_ share: Double) -> String {
        rounded(share * 100, decimals: 1) + "%"
    }
}
