/// The one number formatter of the code base: every number that reaches a CSV or the report
/// goes through here.
public enum NumberFormat {
    /// Plain decimal (no exponent, no thousand separators) with the shortest digits that
    /// round-trip; integral values print without a fraction (`2`, not `2.0`).
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
        var digits = whole + fraction
        var point = whole.count + exponent  // position of the decimal point within digits
        // Strip leading zeros while keeping the point where it belongs.
        while digits.count > 1, digits.first == "0", point > 1 {
            digits.removeFirst()
            point -= 1
        }
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var intPart = String(digits.prefix(point))
        var fracPart = String(digits.dropFirst(point))
        while fracPart.last == "0" { fracPart.removeLast() }
        if intPart.isEmpty { intPart = "0" }
        let body = fracPart.isEmpty ? intPart : intPart + "." + fracPart
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
