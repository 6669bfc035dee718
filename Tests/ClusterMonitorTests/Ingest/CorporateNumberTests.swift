import Testing

@testable import ClusterMonitor

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
}
