import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.2: "Numbers in CSV: plain decimal, no thousand separators, enough digits to
/// round-trip". SPEC 3.4: "Displayed and compared values round half away from zero (四捨五入),
/// at the decimals the published value is printed with".
@Suite struct NumberFormatTests {
    // MARK: plain

    /// The shortest decimal that reads back as the same Double: 0.1 prints as `0.1`.
    /// At most 15 significant digits, rounded half away from zero, trailing zeros dropped: the
    /// float noise of sums and quotients goes (by hand: 41.099999999999994 has 17 significant
    /// digits, the 16th is 9, so the 15 kept round up to 41.1000000000000, printed 41.1).
    @Test func plainDropsFloatNoise() {
        #expect(NumberFormat.plain(41.099999999999994) == "41.1")
        #expect(NumberFormat.plain(23.200000000000003) == "23.2")
        #expect(NumberFormat.plain(0.1 + 0.2) == "0.3")  // 0.30000000000000004
        #expect(NumberFormat.plain(341.9879999999999) == "341.988")
        #expect(NumberFormat.plain(-41.099999999999994) == "-41.1")
        // 0.9999999999999999 (1 - 2^-53, 16 nines): every kept digit carries over, to 1.
        #expect(NumberFormat.plain(0.9999999999999999) == "1")
        // 15 significant digits survive as they are; the 16th is cut (rounded).
        #expect(NumberFormat.plain(123456.789012345) == "123456.789012345")
        #expect(NumberFormat.plain(0.1234567890123456) == "0.123456789012346")
        #expect(NumberFormat.plain(1.0000000000000002) == "1")
        #expect(NumberFormat.plain(1e-20 * 3) == "0.00000000000000000003")
    }

    @Test func plainShortDecimals() {
        #expect(NumberFormat.plain(0.1) == "0.1")
        #expect(NumberFormat.plain(1.5) == "1.5")
        #expect(NumberFormat.plain(0.998) == "0.998")
        #expect(NumberFormat.plain(123456.789) == "123456.789")
    }

    /// Plain decimal means no exponent: 1e-7 is `0.0000001` (six zeros after the point).
    @Test func plainSmallWithoutExponent() {
        #expect(NumberFormat.plain(1e-7) == "0.0000001")
        #expect(NumberFormat.plain(1.25e-10) == "0.000000000125")
    }

    /// 1e21 (exactly representable: 10^21 = 2^21 · 5^21, 5^21 < 2^53) prints as 1 and 21 zeros.
    @Test func plainLargeWithoutExponent() {
        #expect(NumberFormat.plain(1e21) == "1" + String(repeating: "0", count: 21))
        #expect(NumberFormat.plain(1.5e17) == "150000000000000000")
    }

    /// Integral values have no fraction: `2`, not `2.0`.
    @Test func plainIntegral() {
        #expect(NumberFormat.plain(2.0) == "2")
        #expect(NumberFormat.plain(0) == "0")
        #expect(NumberFormat.plain(1_234_567) == "1234567")  // and no thousand separators
    }

    /// Negatives keep their sign and the same digits.
    @Test func plainNegatives() {
        #expect(NumberFormat.plain(-2.0) == "-2")
        #expect(NumberFormat.plain(-0.1) == "-0.1")
        #expect(NumberFormat.plain(-1e-7) == "-0.0000001")
        #expect(NumberFormat.plain(-12345.0) == "-12345")
    }

    /// SPEC 1.2: 15 significant digits (the contract asks for at least 10): reading the text
    /// back gives the Double to within half a unit of the 15th digit (relative 5e-15), and the
    /// text has neither exponent nor separator.
    @Test(arguments: [1.0 / 3.0, 2.0 / 3.0, 0.1 + 0.2, 1.0000000000000002, 123456789.12345678, 6.02214076e23,
                      Double.leastNonzeroMagnitude, 1.7976931348623157e308, -0.000123456789, 0.9985, 69.05])
    func plainRoundTrips(x: Double) {
        let text = NumberFormat.plain(x)
        let back = Double(text) ?? .nan
        #expect(abs(back - x) <= abs(x) * 5e-15)
        #expect(!text.contains("e") && !text.contains("E") && !text.contains(","))
    }

    // MARK: rounded (SPEC 3.4)

    /// 0.9985 is written with a 5 in the fourth place: 四捨五入 to 3 decimals gives 0.999,
    /// although its binary value is a hair below 0.9985 (SPEC 3.4 rounds the printed value).
    @Test func roundsDecimalHalfUp() {
        #expect(NumberFormat.rounded(0.9985, decimals: 3) == "0.999")
        #expect(NumberFormat.rounded(69.05, decimals: 1) == "69.1")  // binary 69.0499999…
    }

    /// Half away from zero, not half to even: 2.5 → 3 (banker's would give 2), 0.125 → 0.13
    /// (0.125 is exact in binary; banker's would give 0.12).
    @Test func halfAwayNotHalfEven() {
        #expect(NumberFormat.rounded(2.5, decimals: 0) == "3")
        #expect(NumberFormat.rounded(0.125, decimals: 2) == "0.13")
        #expect(NumberFormat.rounded(1.5, decimals: 0) == "2")
    }

    /// No magnitude and no number of decimals overflows (issue 23: 9e18 printed `0.000`, a
    /// value with 18 decimals `0`): 9e18 to 3 decimals is 9 followed by 18 zeros and `.000`;
    /// 69 to 18 decimals is 69 and 18 zeros; 999.9995 to 3 carries into a new digit; 1e22
    /// (plain prints it in full) keeps its 23 digits.
    @Test func anyMagnitudeAndDecimals() {
        #expect(NumberFormat.rounded(9e18, decimals: 3) == "9000000000000000000.000")
        #expect(NumberFormat.rounded(69, decimals: 18) == "69." + String(repeating: "0", count: 18))
        #expect(NumberFormat.rounded(999.9995, decimals: 3) == "1000.000")
        #expect(NumberFormat.rounded(1e22, decimals: 1) == "1" + String(repeating: "0", count: 22) + ".0")
        #expect(NumberFormat.rounded(-0.0004, decimals: 3) == "0.000")
        #expect(NumberFormat.rounded(0.5, decimals: -2) == "1")  // negative decimals read as 0
    }

    /// Negative halves go away from zero: -0.5 → -1, -2.5 → -3, -69.05 → -69.1.
    @Test func negativeHalves() {
        #expect(NumberFormat.rounded(-0.5, decimals: 0) == "-1")
        #expect(NumberFormat.rounded(-2.5, decimals: 0) == "-3")
        #expect(NumberFormat.rounded(-69.05, decimals: 1) == "-69.1")
    }

    /// Below the half: 1.3049999 → 1.30 (the digit after the kept two is 4), printed with
    /// exactly two decimals like the published `1.31`.
    @Test func belowHalfRoundsDown() {
        #expect(NumberFormat.rounded(1.3049999, decimals: 2) == "1.30")
        #expect(NumberFormat.rounded(0.9984999, decimals: 3) == "0.998")
    }

    /// SPEC 3.4: printed at the published value's decimals, trailing zeros kept:
    /// the base year index 1 at 3 decimals is `1.000`; 69 at 1 decimal is `69.0`.
    @Test func keepsTrailingZeros() {
        #expect(NumberFormat.rounded(1, decimals: 3) == "1.000")
        #expect(NumberFormat.rounded(69, decimals: 1) == "69.0")
        #expect(NumberFormat.rounded(0.0004, decimals: 3) == "0.000")
        #expect(NumberFormat.rounded(0.0005, decimals: 3) == "0.001")
    }

    /// A carry through every kept digit: 9.9995 → 10.000, -0.9995 → -1.000.
    @Test func carries() {
        #expect(NumberFormat.rounded(9.9995, decimals: 3) == "10.000")
        #expect(NumberFormat.rounded(-0.9995, decimals: 3) == "-1.000")
        #expect(NumberFormat.rounded(99.95, decimals: 1) == "100.0")
    }

    /// Small values that print with an exponent by default still round correctly:
    /// 5e-7 at 6 decimals = 0.000001 (half away), 4e-7 → 0.000000.
    @Test func tinyValues() {
        #expect(NumberFormat.rounded(5e-7, decimals: 6) == "0.000001")
        #expect(NumberFormat.rounded(4e-7, decimals: 6) == "0.000000")
    }
}
