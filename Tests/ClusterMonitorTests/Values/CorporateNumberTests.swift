import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

@Suite struct CorporateNumberTests {
    /// 1180301018771 is the example of SPEC 1.1 (a real corporate number).
    @Test func acceptsTheSpecExample() {
        #expect(CorporateNumber.parse(ArraySlice("1180301018771".utf8))?.value == 1_180_301_018_771)
    }

    /// Hand computation for base 180301018771: digits from the right 1,7,7,8,1,0,1,0,3,0,8,1
    /// weighted 1,2,1,2,…: 1+14+7+16+1+0+1+0+3+0+8+2 = 53; 53 mod 9 = 8; 9 − 8 = 1.
    @Test func checkDigitByHand() {
        #expect(CorporateNumber.checkDigit(base: 180_301_018_771) == 1)
    }

    @Test func rejectsAWrongCheckDigit() {
        #expect(CorporateNumber.parse(ArraySlice("2180301018771".utf8)) == nil)
    }

    @Test func rejectsWrongLengths() {
        #expect(CorporateNumber.parse(ArraySlice("180301018771".utf8)) == nil)
        #expect(CorporateNumber.parse(ArraySlice("11803010187710".utf8)) == nil)
        #expect(CorporateNumber.parse(ArraySlice("".utf8)) == nil)
    }

    @Test func readsFullWidthDigits() {
        #expect(CorporateNumber.parse(ArraySlice("１１８０３０１０１８７７１".utf8))?.value == 1_180_301_018_771)
    }

    /// Hand computation for 7000012050002 (the National Tax Agency's own corporate number):
    /// base 000012050002, digits from the right 2,0,0,0,5,0,2,1,0,0,0,0 weighted 1,2,1,2,…:
    /// 2+0+0+0+5+0+2+2+0+0+0+0 = 11; 11 mod 9 = 2; 9 − 2 = 7.
    @Test func secondHandComputedExample() {
        #expect(CorporateNumber.checkDigit(base: 12_050_002) == 7)
        #expect(CorporateNumber.parse(ArraySlice("7000012050002".utf8))?.value == 7_000_012_050_002)
        #expect(CorporateNumber.parse(ArraySlice("6000012050002".utf8)) == nil)
    }

    /// SPEC 1.1 formula when the weighted sum is a multiple of 9: 9 − 0 = 9 (the check digit is
    /// never 0). Base 000000000000 → sum 0 → 9; base 000000000009 → sum 9 → 9 − 0 = 9.
    @Test func checkDigitWhenSumIsMultipleOfNine() {
        #expect(CorporateNumber.checkDigit(base: 0) == 9)
        #expect(CorporateNumber.checkDigit(base: 9) == 9)
        #expect(CorporateNumber.parse(ArraySlice("9000000000000".utf8))?.value == 9_000_000_000_000)
        #expect(CorporateNumber.parse(ArraySlice("0000000000000".utf8)) == nil)
    }

    /// Only the position weights differ between odd and even n: base 000000000010 has P_2 = 1,
    /// Q_2 = 2 → sum 2 → 9 − 2 = 7; base 000000000001 has P_1 = 1, Q_1 = 1 → 9 − 1 = 8.
    @Test func positionWeights() {
        #expect(CorporateNumber.checkDigit(base: 10) == 7)
        #expect(CorporateNumber.checkDigit(base: 1) == 8)
    }

    /// Every wrong first digit of the SPEC example is refused (only 1 is the check digit).
    @Test func everyOtherCheckDigitIsRefused() {
        for first in [0, 2, 3, 4, 5, 6, 7, 8, 9] {
            #expect(CorporateNumber.parse(ArraySlice("\(first)180301018771".utf8)) == nil)
        }
    }

    /// SPEC 1.1: 13 *digits*; letters, signs and separators are not digits.
    @Test func rejectsNonDigits() {
        #expect(CorporateNumber.parse(ArraySlice("118030101877A".utf8)) == nil)
        #expect(CorporateNumber.parse(ArraySlice("1180-301018771".utf8)) == nil)
        #expect(CorporateNumber.parse(ArraySlice("1,180,301,018,771".utf8)) == nil)
        #expect(CorporateNumber.parse(ArraySlice("-1180301018771".utf8)) == nil)
    }

    /// SPEC 6.3: full-width digits are normalised, so mixed widths read the same number, and a
    /// full-width number with a wrong check digit is still refused.
    @Test func fullWidthNormalisedAndChecked() {
        #expect(CorporateNumber.parse(ArraySlice("１180301018771".utf8)) == CorporateNumber.parse(ArraySlice("1180301018771".utf8)))
        #expect(CorporateNumber.parse(ArraySlice("２１８０３０１０１８７７１".utf8)) == nil)
    }

    /// The 13 digits print back zero-padded (a leading 0 can never be the check digit, but
    /// the base can start with zeros: 7000012050002).
    @Test func descriptionIsThirteenDigits() {
        #expect(CorporateNumber.parse(ArraySlice("７００００１２０５０００２".utf8))?.description == "7000012050002")
        #expect(CorporateNumber(validating: 7_000_012_050_002)?.description == "7000012050002")
        #expect(CorporateNumber(validating: 1_180_301_018_771)?.description == "1180301018771")
    }

    /// Excel's scientific notation for a 13-digit number in a General cell: digits, an optional
    /// fraction, E or e, an optional sign, digits; nothing else.
    @Test func scientificNotationAsExcelWritesIt() {
        for text in ["9.35258E+12", "1E+12", "9.35258e12", "1.1803E-3"] {
            #expect(CorporateNumber.looksLikeScientificNotation(ArraySlice(text.utf8)), "\(text)")
        }
        for text in ["9.35258E", "E+12", "9.E+12", "1180301018771", "9.35E+1x", "-9.35E+12", ""] {
            #expect(!CorporateNumber.looksLikeScientificNotation(ArraySlice(text.utf8)), "\(text)")
        }
    }
}
