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

/// Reads `period_end` in every form of SPEC 1.1 and 6.6 and contract 6.12: `YYYY-MM`, `YYYY/MM`,
/// `YYYYMM`, `YYYY年M月`, and Japanese era dates with a letter (`H13.3`, `H13/03`, `R1.5`, `S63.3`)
/// or the era's name (`平成13年3月`, `令和元年5月`), `元` standing for year 1; each also with the day
/// (`2001-03-31`, `20010331`, `2001年3月31日`, `H13.3.31`, `平成13年3月31日`: a real day of that
/// month, which the month is read from); digits, era letters and separators full-width as an IME
/// types them (`Ｈ13.3`, `２００１／０３`).
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
        guard case .date(let month) = read(bytes) else { return nil }
        return month
    }

    /// Why a field that is written as an era date is refused although its numbers make a
    /// month: the era had ended by then, or had not begun (`H31.5`: "Heisei ended in April
    /// 2019; write R1.5"). nil for any other field.
    public static func eraNote(_ bytes: ArraySlice<UInt8>) -> String? {
        guard case .outsideEra(let era, let month, let day) = read(bytes) else { return nil }
        // Before the era (Heisei 1 January before the 8th is before it too) or after it.
        let said = month <= era.start ? era.began : era.ended
        let right = Era.allCases.first { era in day.map { era.contains(month, day: $0) } ?? era.contains(month) }
        guard let right else { return said }
        let dayText = day.map { ".\($0)" } ?? ""
        return "\(said); write \(right.letter)\(month.year - right.firstYear + 1).\(month.month)\(dayText)"
    }

    /// What a field reads as: a month, a month (and its day, when written) outside the era it
    /// is written in, or nothing.
    enum Reading: Equatable {
        case date(YearMonth)
        case outsideEra(Era, YearMonth, day: Int?)
        case invalid
    }

    static func read(_ bytes: ArraySlice<UInt8>) -> Reading {
        var scan = ByteScanner(bytes)
        if let era = Era.consume(&scan) {
            return readEra(era, &scan)
        }
        let (number, digits) = scan.digits(limit: 8)
        if scan.isAtEnd && digits == 6 {  // YYYYMM
            return checked(year: Int(number / 100), month: Int(number % 100))
        }
        if scan.isAtEnd && digits == 8 {  // YYYYMMDD
            return checked(year: Int(number / 10000), month: Int(number / 100 % 100), day: Int(number % 100))
        }
        guard digits == 4 else { return .invalid }
        let kanji = scan.consume("年")
        let separator = kanji ? nil : Self.separator(&scan)
        guard kanji || separator == .dash || separator == .slash else { return .invalid }
        let (month, monthDigits) = scan.digits(limit: 2)
        guard (1...2).contains(monthDigits) else { return .invalid }
        guard let day = Self.day(&scan, kanji: kanji, separator: separator) else { return .invalid }
        return checked(year: Int(number), month: Int(month), day: day)
    }

    private static func readEra(_ era: Era, _ scan: inout ByteScanner) -> Reading {
        var eraYear: Int
        if scan.consume("元") {
            eraYear = 1
        } else {
            let (value, count) = scan.digits(limit: 2)
            guard (1...2).contains(count) else { return .invalid }
            eraYear = Int(value)
        }
        let kanji = scan.consume("年")
        let separator = kanji ? nil : Self.separator(&scan)
        guard kanji || separator != nil else { return .invalid }
        let (month, monthDigits) = scan.digits(limit: 2)
        guard (1...2).contains(monthDigits) else { return .invalid }
        guard let day = Self.day(&scan, kanji: kanji, separator: separator) else { return .invalid }
        guard eraYear >= 1 else { return .invalid }
        let reading = checked(year: era.firstYear - 1 + eraYear, month: Int(month), day: day)
        guard case .date(let found) = reading else { return reading }
        let inEra = day.map { era.contains(found, day: $0) } ?? era.contains(found)
        return inEra ? reading : .outsideEra(era, found, day: day)
    }

    enum Separator { case dash, slash, dot }

    /// `-`, `/` or `.`, ASCII or full-width (`－`, `／`, `．`).
    private static func separator(_ scan: inout ByteScanner) -> Separator? {
        if scan.consume(anyOf: [0x2D]) != nil || scan.consume("\u{FF0D}") { return .dash }
        if scan.consume(anyOf: [0x2F]) != nil || scan.consume("\u{FF0F}") { return .slash }
        if scan.consume(anyOf: [0x2E]) != nil || scan.consume("\u{FF0E}") { return .dot }
        return nil
    }

    /// After the month: `月` (optional) and a day with `日` (optional) in the kanji form; the
    /// month's separator and a day in the other forms. `.some(nil)`: no day, the field ends;
    /// nil: the field goes on with something else.
    private static func day(_ scan: inout ByteScanner, kanji: Bool, separator: Separator?) -> Int?? {
        if kanji {
            _ = scan.consume("月")
            if scan.isAtEnd { return .some(nil) }
            let (day, dayDigits) = scan.digits(limit: 2)
            guard (1...2).contains(dayDigits) else { return nil }
            _ = scan.consume("日")
            return scan.isAtEnd ? .some(Int(day)) : nil
        }
        if scan.isAtEnd { return .some(nil) }
        guard let separator, Self.separator(&scan) == separator else { return nil }
        let (day, dayDigits) = scan.digits(limit: 2)
        guard (1...2).contains(dayDigits), scan.isAtEnd else { return nil }
        return .some(Int(day))
    }

    private static func checked(year: Int, month: Int, day: Int? = nil) -> Reading {
        guard (1...12).contains(month), YearMonth.acceptedYears.contains(year) else { return .invalid }
        let found = YearMonth(year: year, month: month)
        if let day, !(1...found.days).contains(day) { return .invalid }
        return .date(found)
    }
}

extension YearMonth {
    /// The days of the month (the Gregorian calendar's leap years).
    public var days: Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// The three eras a period end may be written in, with the months each covers (SPEC 6.6).
enum Era: CaseIterable {
    case showa, heisei, reiwa

    /// The Gregorian year of the era's year 1 (the year it began in).
    var firstYear: Int { start.year }

    /// The letter of the era's short form.
    var letter: String {
        switch self {
        case .showa: return "S"
        case .heisei: return "H"
        case .reiwa: return "R"
        }
    }

    /// The month the era began in.
    var start: YearMonth {
        switch self {
        case .showa: return YearMonth(year: 1926, month: 12)
        case .heisei: return YearMonth(year: 1989, month: 1)
        case .reiwa: return YearMonth(year: 2019, month: 5)
        }
    }

    /// When the era began, as a note says it.
    var began: String {
        switch self {
        case .showa: return "Showa began in December 1926"
        case .heisei: return "Heisei began on 8 January 1989"
        case .reiwa: return "Reiwa began in May 2019"
        }
    }

    /// When the era ended, as a note says it.
    var ended: String {
        switch self {
        case .showa: return "Showa ended on 7 January 1989"
        case .heisei: return "Heisei ended in April 2019"
        case .reiwa: return "Reiwa has not ended"
        }
    }

    /// The months the era covers, wholly or in part: Showa to January 1989 (it ended on
    /// 7 January; its first year is read whole, as before), Heisei from January 1989 (it began
    /// on 8 January) to April 2019 (it ended on 30 April), Reiwa from May 2019.
    func contains(_ month: YearMonth) -> Bool {
        switch self {
        case .showa: return month <= YearMonth(year: 1989, month: 1)
        case .heisei: return start <= month && month <= YearMonth(year: 2019, month: 4)
        case .reiwa: return start <= month
        }
    }

    /// As `contains(_:)`, to the day: Showa to 7 January 1989, Heisei from 8 January 1989.
    func contains(_ month: YearMonth, day: Int) -> Bool {
        guard contains(month) else { return false }
        guard month == YearMonth(year: 1989, month: 1) else { return true }
        return self == .showa ? day <= 7 : day >= 8
    }

    static func consume(_ scan: inout ByteScanner) -> Era? {
        // The letter ASCII or full-width (Ｓ ｓ Ｈ ｈ Ｒ ｒ), or the era's name.
        if scan.consume(anyOf: [0x53, 0x73]) != nil || scan.consume("\u{FF33}") || scan.consume("\u{FF53}")
            || scan.consume("昭和")
        {
            return .showa
        }
        if scan.consume(anyOf: [0x48, 0x68]) != nil || scan.consume("\u{FF28}") || scan.consume("\u{FF48}")
            || scan.consume("平成")
        {
            return .heisei
        }
        if scan.consume(anyOf: [0x52, 0x72]) != nil || scan.consume("\u{FF32}") || scan.consume("\u{FF52}")
            || scan.consume("令和")
        {
            return .reiwa
        }
        return nil
    }
}
