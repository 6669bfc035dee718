/// An instant, as `submitted_at` gives it in any accepted zone: kept as nanoseconds since the
/// epoch (the zone it was written in is not kept), printed in Japan time.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public let epochNanoseconds: Int64

    /// Japan time (+09:00): the zone of a `submitted_at` that names none.
    public static let japanOffsetMinutes = 9 * 60

    public init(epochNanoseconds: Int64) { self.epochNanoseconds = epochNanoseconds }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.epochNanoseconds < b.epochNanoseconds }

    /// The instant in Japan time, `YYYY-MM-DDTHH:MM:SS[.fraction]+09:00`.
    public var description: String {
        let nanosPerSecond: Int64 = 1_000_000_000
        let local = epochNanoseconds + Int64(Self.japanOffsetMinutes) * 60 * nanosPerSecond
        var seconds = local / nanosPerSecond
        var fraction = local % nanosPerSecond
        if fraction < 0 {
            fraction += nanosPerSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (y, m, d) = CivilDate.fromDays(days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(y)-\(two(Int64(m)))-\(two(Int64(d)))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text + "+09:00"
    }
}

/// ISO 8601 dates and date-times for `submitted_at`: `YYYY-MM-DD`, then optionally `T` (or a
/// space) `HH:MM[:SS[.fraction]]` and a zone `Z`, `±HH:MM`, `±HHMM` or `±HH`. No zone is Japan
/// time; a date alone is midnight (SPEC 6.4).
public enum TimestampParser {
    /// Field `range` of `bytes` (a record read in place): `YYYY-MM-DDTHH:MM:SS` and
    /// `YYYY-MM-DD`, the forms a survey system exports, read at their fixed places; every other
    /// form through the general rule. The same checks and the same instant either way.
    public static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> Timestamp? {
        let s = bytes.span
        let n = range.count
        if n == 19 || n == 10 {
            let at = range.lowerBound
            @inline(__always) func digits(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    let d = s[at + i] &- 0x30
                    if d > 9 { return nil }
                    value = value * 10 + Int(d)
                }
                return value
            }
            let dateShape = s[at + 4] == 0x2D && s[at + 7] == 0x2D
            let timeShape = n == 10 || ((s[at + 10] == 0x54 || s[at + 10] == 0x74 || s[at + 10] == 0x20)
                && s[at + 13] == 0x3A && s[at + 16] == 0x3A)
            if dateShape && timeShape, let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2) {
                if n == 10 { return instant(year, month, day, 0, 0, 0, 0, offsetMinutes: Timestamp.japanOffsetMinutes) }
                if let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2) {
                    return instant(year, month, day, hour, minute, second, 0, offsetMinutes: Timestamp.japanOffsetMinutes)
                }
            }
        }
        return parse(bytes[range])
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> Timestamp? {
        var scan = ByteScanner(bytes)
        guard let year = fixed(&scan, 4), scan.consume(anyOf: [0x2D]) != nil,
            let month = fixed(&scan, 2), scan.consume(anyOf: [0x2D]) != nil,
            let day = fixed(&scan, 2)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var nanos: Int64 = 0
        var offsetMinutes = Timestamp.japanOffsetMinutes
        if !scan.isAtEnd {
            guard scan.consume(anyOf: [0x54, 0x74, 0x20]) != nil,
                let h = fixed(&scan, 2), scan.consume(anyOf: [0x3A]) != nil, let mi = fixed(&scan, 2)
            else { return nil }
            hour = h
            minute = mi
            if scan.consume(anyOf: [0x3A]) != nil {
                guard let s = fixed(&scan, 2) else { return nil }
                second = s
                if scan.consume(anyOf: [0x2E, 0x2C]) != nil {
                    var count = 0
                    while let d = scan.digit() {
                        if count < 9 { nanos = nanos * 10 + Int64(d) }
                        count += 1
                    }
                    guard count > 0 else { return nil }
                    if count < 9 { for _ in count..<9 { nanos *= 10 } }
                }
            }
            if scan.consume(anyOf: [0x5A, 0x7A]) != nil {
                offsetMinutes = 0
            } else if let sign = scan.consume(anyOf: [0x2B, 0x2D]) {
                guard let oh = fixed(&scan, 2), oh <= 23 else { return nil }
                var om = 0
                if scan.consume(anyOf: [0x3A]) != nil {
                    guard let m = fixed(&scan, 2) else { return nil }
                    om = m
                } else if let m = fixed(&scan, 2) {
                    om = m
                }
                guard om <= 59 else { return nil }
                offsetMinutes = (oh * 60 + om) * (sign == 0x2D ? -1 : 1)
            }
            guard scan.isAtEnd else { return nil }
        }
        return instant(year, month, day, hour, minute, second, nanos, offsetMinutes: offsetMinutes)
    }

    /// The instant of a date and time read in a zone, or nil when a part is out of its range
    /// or the instant is outside the accepted years in Japan time.
    private static func instant(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ nanos: Int64,
        offsetMinutes: Int
    ) -> Timestamp? {
        // Years as for period_end (1900–2099): epoch nanoseconds in Int64 reach 1678–2262, and a
        // survey return from outside that calendar is an error in the file (SPEC 7.5).
        guard YearMonth.acceptedYears.contains(year), (1...12).contains(month),
            (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        // The instant must fall in those years in Japan time too, as the normalised file writes
        // it (2099-12-31T23:00-12:00 is 2100-01-01 in Japan and would not read back).
        let japan = Int64(Timestamp.japanOffsetMinutes * 60)
        let earliest = Int64(CivilDate.days(year: YearMonth.acceptedYears.lowerBound, month: 1, day: 1)) * 86_400 - japan
        let end = Int64(CivilDate.days(year: YearMonth.acceptedYears.upperBound + 1, month: 1, day: 1)) * 86_400 - japan
        guard seconds >= earliest, seconds < end else { return nil }
        return Timestamp(epochNanoseconds: seconds * 1_000_000_000 + nanos)
    }

    private static func fixed(_ scan: inout ByteScanner, _ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let d = scan.digit() else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }
}

/// Proleptic Gregorian calendar arithmetic (days since 1970-01-01).
enum CivilDate {
    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func fromDays(_ days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }
}
