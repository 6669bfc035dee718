/// A calendar month, as accounting periods end.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// The Japanese fiscal year: a period ending April Y .. March Y+1 belongs to fiscal year Y.
    public var fiscalYear: Int { month >= 4 ? year : year - 1 }

    /// `YYYY-MM`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(m)"
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }

    /// The years an accounting period may end in; anything else is taken for a typing error.
    public static let acceptedYears = 1900...2099
}

/// Reads `period_end` in every form of SPEC 1.1 and 6.6: `YYYY-MM`, `YYYY/MM`, `YYYYMM`,
/// `YYYY年M月`, and Japanese era dates with a letter (`H13.3`, `H13/03`, `R1.5`, `S63.3`) or the
/// era's name (`平成13年3月`, `令和元年5月`), `元` standing for year 1.
public enum PeriodEndParser {
    /// Field `range` of `bytes` (a record read in place, no copy).
    @inlinable @inline(__always)
    public static func parse(_ bytes: [UInt8], _ range: Range<Int>) -> YearMonth? {
        // Fast path: ASCII YYYY-MM.
        if range.count == 7 {
            let s = bytes.span
            let b = range.lowerBound
            if s[b + 4] == 0x2D {
                var year = 0
                var plain = true
                for i in b..<(b + 4) {
                    let d = s[i] &- 0x30
                    if d > 9 { plain = false }
                    year = year &* 10 &+ Int(d)
                }
                let m1 = s[b + 5] &- 0x30
                let m2 = s[b + 6] &- 0x30
                if plain && m1 <= 9 && m2 <= 9 {
                    let month = Int(m1) * 10 + Int(m2)
                    guard (1...12).contains(month) && YearMonth.acceptedYears.contains(year) else { return nil }
                    return YearMonth(year: year, month: month)
                }
            }
        }
        return parseGeneral(bytes[range])
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) -> YearMonth? {
        parse(Array(bytes), 0..<bytes.count)
    }

    @usableFromInline
    static func parseGeneral(_ bytes: ArraySlice<UInt8>) -> YearMonth? {
        var scan = ByteScanner(bytes)
        if let era = Era.consume(&scan) {
            return parseEra(era, &scan)
        }
        let (year, yearDigits) = scan.digits(limit: 6)
        if yearDigits == 6 && scan.isAtEnd {  // YYYYMM
            return checked(year: Int(year / 100), month: Int(year % 100))
        }
        guard yearDigits == 4 else { return nil }
        let kanji = scan.consume("年")
        if !kanji { guard scan.consume(anyOf: [0x2D, 0x2F]) != nil else { return nil } }
        let (month, monthDigits) = scan.digits(limit: 2)
        guard (1...2).contains(monthDigits) else { return nil }
        if kanji { _ = scan.consume("月") }
        guard scan.isAtEnd else { return nil }
        return checked(year: Int(year), month: Int(month))
    }

    private static func parseEra(_ era: Era, _ scan: inout ByteScanner) -> YearMonth? {
        var eraYear: Int
        if scan.consume("元") {
            eraYear = 1
        } else {
            let (value, count) = scan.digits(limit: 2)
            guard (1...2).contains(count) else { return nil }
            eraYear = Int(value)
        }
        let kanji = scan.consume("年")
        if !kanji { guard scan.consume(anyOf: [0x2E, 0x2F, 0x2D]) != nil else { return nil } }
        let (month, monthDigits) = scan.digits(limit: 2)
        guard (1...2).contains(monthDigits) else { return nil }
        _ = scan.consume("月")
        guard scan.isAtEnd, (1...12).contains(Int(month)) else { return nil }
        guard era.contains(eraYear: eraYear, month: Int(month)) else { return nil }
        return checked(year: era.firstYear - 1 + eraYear, month: Int(month))
    }

    private static func checked(year: Int, month: Int) -> YearMonth? {
        guard (1...12).contains(month), YearMonth.acceptedYears.contains(year) else { return nil }
        return YearMonth(year: year, month: month)
    }
}

/// The three eras a period end may be written in, with the months each covers (SPEC 6.6).
enum Era: CaseIterable {
    case showa, heisei, reiwa

    /// The Gregorian year of the era's year 1.
    var firstYear: Int {
        switch self {
        case .showa: return 1926
        case .heisei: return 1989
        case .reiwa: return 2019
        }
    }

    /// The months an era year can name: Showa 1–63 and Showa 64 January (the era ended on
    /// 7 January 1989), Heisei 1–30 and Heisei 31 up to April (it ended on 30 April 2019),
    /// Reiwa from Reiwa 1 May.
    func contains(eraYear: Int, month: Int) -> Bool {
        switch self {
        case .showa: return (1...63).contains(eraYear) || (eraYear == 64 && month == 1)
        case .heisei: return (1...30).contains(eraYear) || (eraYear == 31 && month <= 4)
        case .reiwa: return eraYear > 1 || (eraYear == 1 && month >= 5)
        }
    }

    static func consume(_ scan: inout ByteScanner) -> Era? {
        if scan.consume(anyOf: [0x53, 0x73]) != nil || scan.consume("昭和") { return .showa }
        if scan.consume(anyOf: [0x48, 0x68]) != nil || scan.consume("平成") { return .heisei }
        if scan.consume(anyOf: [0x52, 0x72]) != nil || scan.consume("令和") { return .reiwa }
        return nil
    }
}
