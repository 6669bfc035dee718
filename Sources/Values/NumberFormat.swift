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
    public static func rounded(_ x: Double, decimals: Int) -> String {
        let scaled = DecimalRounding.roundHalfAwayFromZero(x, decimals: decimals)
        return fixed(scaled, decimals: decimals)
    }

    /// A share as a percentage with one decimal, for messages.
    public static func percent(_ share: Double) -> String {
        rounded(share * 100, decimals: 1) + "%"
    }

    /// Prints an integer count of units of 10^-decimals.
    static func fixed(_ units: Int64, decimals: Int) -> String {
        let negative = units < 0
        let magnitude = units.magnitude
        var text = String(magnitude)
        if decimals > 0 {
            if text.count <= decimals {
                text = String(repeating: "0", count: decimals - text.count + 1) + text
            }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return negative && magnitude != 0 ? "-" + text : text
    }
}

/// Decimal rounding that does not trust binary floating point at the half-way point.
enum DecimalRounding {
    /// The value rounded half away from zero, as an integer count of 10^-decimals.
    /// The decision uses the shortest round-trip decimal text of `x`, so 0.9985 (printed
    /// 0.9985) rounds to 0.999 even though its binary value is a hair below.
    static func roundHalfAwayFromZero(_ x: Double, decimals: Int) -> Int64 {
        let text = NumberFormat.plain(x)
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var kept = String(fraction.prefix(decimals))
        kept += String(repeating: "0", count: decimals - kept.count)
        let next = fraction.dropFirst(decimals).first
        var units = Int64(whole + kept) ?? 0
        if let next, next >= "5" { units += 1 }
        return negative ? -units : units
    }
}
