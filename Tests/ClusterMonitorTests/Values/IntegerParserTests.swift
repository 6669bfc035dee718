import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1 (statements.csv amounts): "integers, may carry thousand separators (`1,234,567`),
/// full-width digits, and a sign `-`, `−`, `－`, `△` or `▲` for negatives (`△12,345` = -12345).
/// Empty = missing." SPEC 6.3: full-width digits are normalised wherever a number is read.
/// SPEC 1.1 (responses.csv): `weight` is a "positive finite number".
@Suite struct IntegerParserTests {
    private func int(_ text: String) -> IntegerField { IntegerParser.parse(ArraySlice(text.utf8)) }
    private func dec(_ text: String) -> Double? { DecimalParser.parse(ArraySlice(text.utf8)) }

    // MARK: plain integers

    /// SPEC 1.1: amounts are integers; the value is the digits read in base 10.
    @Test func plainDigits() {
        #expect(int("0") == .value(0))
        #expect(int("7") == .value(7))
        #expect(int("1234567") == .value(1_234_567))
        #expect(int("20000") == .value(20_000))  // SPEC 6.5 example `20000`
    }

    /// 18 digits (the longest all-ASCII run) still fits in Int64 (max ≈ 9.22e18).
    @Test func eighteenDigits() {
        #expect(int("999999999999999999") == .value(999_999_999_999_999_999))
    }

    // MARK: thousand separators

    /// SPEC 1.1 example `1,234,567`, and SPEC 6.5 `20,000` = `20000`.
    @Test func asciiThousandSeparators() {
        #expect(int("1,234,567") == .value(1_234_567))
        #expect(int("20,000") == .value(20_000))
        #expect(int("999") == .value(999))
        #expect(int("1,000") == .value(1_000))
        #expect(int("123,456") == .value(123_456))
    }

    /// Full-width comma U+FF0C as the separator (full-width forms are normalised, SPEC 6.3; the
    /// brief asks for `，` explicitly).
    @Test func fullWidthThousandSeparator() {
        #expect(int("1，234，567") == .value(1_234_567))
        #expect(int("１，２３４") == .value(1_234))
    }

    /// A thousand separator separates groups of three digits; anything else is not the
    /// `1,234,567` form of SPEC 1.1 and must not be read as a number (it would silently change
    /// the amount, e.g. `1,23,4` read as 1234).
    @Test func badGroupingIsInvalid() {
        #expect(int("1,23,4") == .invalid)
        #expect(int("12,34") == .invalid)
        #expect(int(",123") == .invalid)
        #expect(int("1,") == .invalid)
        #expect(int("1,,234") == .invalid)
        #expect(int("1234,567") == .invalid)  // first group longer than three
        #expect(int("1,2345") == .invalid)  // last group longer than three
    }

    // MARK: full-width digits

    /// SPEC 1.1 / 6.3: full-width digits U+FF10–U+FF19 read as 0–9.
    @Test func fullWidthDigits() {
        #expect(int("１２３４５") == .value(12_345))
        #expect(int("０") == .value(0))
        #expect(int("１,２３４") == .value(1_234))
        #expect(int("1２3") == .value(123))  // mixed widths are still digits
    }

    // MARK: negative signs

    /// SPEC 1.1: each of `-`, `−` (U+2212), `－` (U+FF0D), `△` (U+25B3), `▲` (U+25B2) marks a
    /// negative; `△12,345` = -12345 is the SPEC's own example.
    @Test(arguments: ["-", "\u{2212}", "\u{FF0D}", "\u{25B3}", "\u{25B2}"])
    func eachNegativeSign(sign: String) {
        #expect(int(sign + "12,345") == .value(-12_345))
        #expect(int(sign + "12345") == .value(-12_345))
        #expect(int(sign + "１２３") == .value(-123))
    }

    /// The SPEC's literal example.
    /// Contract 6.12: the accountant's parentheses are a negative, ASCII or full-width, around
    /// digits only: (4,285) = −4285.
    @Test func accountingParentheses() {
        #expect(int("(4,285)") == .value(-4285))
        #expect(int("（4,285）") == .value(-4285))
        #expect(int("(４，２８５)") == .value(-4285))
        #expect(int(" (12) ") == .value(-12))  // white space outside the parentheses is trimmed
        #expect(int("(0)") == .value(0))
        #expect(int("(-5)") == .invalid)  // a sign inside
        #expect(int("(△5)") == .invalid)
        #expect(int("( 5)") == .invalid)
        #expect(int("(5 )") == .invalid)
        #expect(int("()") == .invalid)
        #expect(int("(5") == .invalid)
        #expect(int("5)") == .invalid)
        #expect(int("((5))") == .invalid)
        #expect(int("(9223372036854775807)") == .value(-9223372036854775807))
        #expect(int("(9223372036854775808)") == .invalid)
    }

    @Test func triangleExample() {
        #expect(int("△12,345") == .value(-12_345))
    }

    /// A sign with no digits is not an integer.
    @Test(arguments: ["-", "\u{2212}", "\u{FF0D}", "\u{25B3}", "\u{25B2}"])
    func signAloneIsInvalid(sign: String) {
        #expect(int(sign) == .invalid)
    }

    /// SPEC 1.1 names one sign for negatives; two signs are not one of the accepted forms.
    @Test func doubleSignIsInvalid() {
        #expect(int("--1") == .invalid)
        #expect(int("△-1") == .invalid)
        #expect(int("1-") == .invalid)  // sign after the digits
    }

    // MARK: missing

    /// SPEC 1.1: "Empty = missing". A cell of spaces holds nothing either (ASCII space and
    /// the ideographic space U+3000 Excel users type).
    @Test func emptyAndSpacesAreMissing() {
        #expect(int("") == .missing)
        #expect(int("   ") == .missing)
        #expect(int("\u{3000}") == .missing)
    }

    // MARK: not integers

    /// Letters are not digits.
    @Test func lettersAreInvalid() {
        #expect(int("abc") == .invalid)
        #expect(int("12a") == .invalid)
        #expect(int("a12") == .invalid)
        #expect(int("1 2") == .invalid)  // an inner space is neither digit nor separator
    }

    /// SPEC 1.1: amounts are integers; `12.0` has a decimal point and is not in the accepted forms.
    @Test func decimalsAreInvalid() {
        #expect(int("12.0") == .invalid)
        #expect(int("12.5") == .invalid)
        #expect(int("1,234.5") == .invalid)
    }

    /// Int64.max = 9223372036854775807 (2^63 − 1); one more cannot be held and must not wrap.
    /// Int64.min = −2^63 is representable.
    @Test func int64Overflow() {
        #expect(int("9223372036854775807") == .value(Int64.max))
        #expect(int("9223372036854775808") == .invalid)
        #expect(int("99999999999999999999") == .invalid)
        #expect(int("9,223,372,036,854,775,808") == .invalid)
        #expect(int("-9223372036854775808") == .value(Int64.min))
        #expect(int("-9223372036854775809") == .invalid)
    }

    // MARK: DecimalParser (weights)

    /// Plain decimals read as their value (1.5 and 0.25 are exact in binary).
    @Test func decimalPlain() {
        #expect(dec("1.5") == 1.5)
        #expect(dec("2") == 2)
        #expect(dec("0.25") == 0.25)
    }

    /// SPEC 6.3: full-width digits are normalised; `．` (U+FF0E) is the full-width point.
    @Test func decimalFullWidth() {
        #expect(dec("２．５") == 2.5)
        #expect(dec("１.５") == 1.5)
    }

    /// An exponent is an ordinary way to write a finite number: 1e-3 = 0.001 (same Double as
    /// the literal 0.001, since both are the correctly rounded value of 10^-3).
    @Test func decimalExponent() {
        #expect(dec("1e-3") == 0.001)
        #expect(dec("2.5E2") == 250)
    }

    /// SPEC 1.1: a weight is a *finite* number: nan and inf are not.
    @Test func decimalNotFinite() {
        #expect(dec("nan") == nil)
        #expect(dec("NaN") == nil)
        #expect(dec("inf") == nil)
        #expect(dec("-inf") == nil)
        #expect(dec("infinity") == nil)
        #expect(dec("1e400") == nil)  // overflows to +inf (Double max ≈ 1.8e308)
    }

    /// SPEC 1.1 / 6.4: a weight must be positive; `-1` and `0` can never be accepted as weights.
    /// (The parser may either refuse them or return them for the weight rule to reject; the
    /// contract is only that they never come out as a positive weight.)
    @Test func decimalNonPositiveIsNoWeight() {
        let minusOne = dec("-1")
        #expect(minusOne == nil || minusOne == -1)
        #expect(minusOne.map { $0 > 0 } != true)
        let zero = dec("0")
        #expect(zero.map { $0 > 0 } != true)
    }

    /// SPEC 6.4: an empty cell in an existing weight column rejects the row: no number.
    @Test func decimalEmptyIsNil() {
        #expect(dec("") == nil)
        #expect(dec("  ") == nil)
    }

    /// Not numbers at all.
    @Test func decimalGarbage() {
        #expect(dec("abc") == nil)
        #expect(dec(".") == nil)
        #expect(dec("1e") == nil)
        #expect(dec("1.5x") == nil)
    }
}
