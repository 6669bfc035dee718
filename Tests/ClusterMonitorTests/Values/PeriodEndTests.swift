import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1 (statements.csv `period_end`): `YYYY-MM`, `YYYY/MM`, `YYYYMM`, or a Japanese era
/// date `H13.3`, `H13.03`, `H13/3`, `平成13年3月`, `令和元年5月`, `R1.5`, `S63.3` (Showa 1 = 1926,
/// Heisei 1 = 1989, Reiwa 1 = 2019; `元` = 1). SPEC 6.6: era boundaries. SPEC 1.1: fiscal year.
/// Era year n is Gregorian year (first year − 1 + n): H13 = 1989 − 1 + 13 = 2001,
/// S63 = 1926 − 1 + 63 = 1988, R1 = 2019.
@Suite struct PeriodEndTests {
    private func pe(_ text: String) -> YearMonth? { PeriodEndParser.parse(ArraySlice(text.utf8)) }
    private func ym(_ year: Int, _ month: Int) -> YearMonth { YearMonth(year: year, month: month) }

    // MARK: Gregorian forms (SPEC 1.1)

    @Test func isoDashForm() {
        #expect(pe("2001-03") == ym(2001, 3))
        #expect(pe("2000-12") == ym(2000, 12))
    }

    @Test func slashForm() {
        #expect(pe("2001/3") == ym(2001, 3))
        #expect(pe("2001/03") == ym(2001, 3))
        #expect(pe("2000/12") == ym(2000, 12))
    }

    @Test func sixDigitForm() {
        #expect(pe("200103") == ym(2001, 3))
        #expect(pe("200012") == ym(2000, 12))
    }

    /// SPEC 6.3: full-width digits normalised wherever a number is read.
    @Test func fullWidthGregorian() {
        #expect(pe("２００１-０３") == ym(2001, 3))
        #expect(pe("２００１０３") == ym(2001, 3))
    }

    /// Month 0 and 13 do not exist in any calendar.
    @Test func gregorianMonthOutOfRange() {
        #expect(pe("2001-00") == nil)
        #expect(pe("2001-13") == nil)
        #expect(pe("2001/0") == nil)
        #expect(pe("2001/13") == nil)
        #expect(pe("200100") == nil)
        #expect(pe("200113") == nil)
    }

    /// Not one of the forms of SPEC 1.1.
    @Test func garbage() {
        #expect(pe("") == nil)
        #expect(pe("2001") == nil)
        #expect(pe("03-2001") == nil)
        #expect(pe("2001-03-31x") == nil)
        #expect(pe("abc") == nil)
        #expect(pe("H13") == nil)  // era year without a month
    }

    // MARK: Japanese era forms (SPEC 1.1)

    /// `H13.3`, `H13.03`, `H13/3`, `平成13年3月`: all Heisei 13 March = 2001-03.
    @Test func heiseiForms() {
        #expect(pe("H13.3") == ym(2001, 3))
        #expect(pe("H13.03") == ym(2001, 3))
        #expect(pe("H13/3") == ym(2001, 3))
        #expect(pe("平成13年3月") == ym(2001, 3))
    }

    /// `令和元年5月` and `R1.5`: Reiwa 1 (元 = 1) May = 2019-05.
    @Test func reiwaForms() {
        #expect(pe("令和元年5月") == ym(2019, 5))
        #expect(pe("R1.5") == ym(2019, 5))
        #expect(pe("R2.3") == ym(2020, 3))  // Reiwa 2 = 2019 − 1 + 2
    }

    /// `S63.3`: Showa 63 March = 1926 − 1 + 63 = 1988-03. Showa 1 = 1926.
    @Test func showaForms() {
        #expect(pe("S63.3") == ym(1988, 3))
        #expect(pe("S1.12") == ym(1926, 12))
    }

    /// SPEC 1.1: `元` = 1, in any era.
    @Test func gannenIsOne() {
        #expect(pe("平成元年1月") == ym(1989, 1))
        #expect(pe("平成元年3月") == ym(1989, 3))
        #expect(pe("令和元年12月") == ym(2019, 12))
    }

    /// SPEC 6.3: full-width digits in era dates are normalised (`平成１３年３月` = `平成13年3月`).
    @Test func fullWidthDigitsInEraDates() {
        #expect(pe("平成１３年３月") == ym(2001, 3))
        #expect(pe("H１３.３") == ym(2001, 3))
        #expect(pe("R１.５") == ym(2019, 5))
        #expect(pe("令和元年５月") == ym(2019, 5))
    }

    // MARK: era boundaries (SPEC 6.6)

    /// "H1.1 and S64.1 are both 1989-01".
    @Test func showa64AndHeisei1Overlap() {
        #expect(pe("S64.1") == ym(1989, 1))
        #expect(pe("H1.1") == ym(1989, 1))
        #expect(pe("S64.1") == pe("H1.1"))
    }

    /// "S64 only January 1989": S64.2 is a reject.
    @Test func showa64February() {
        #expect(pe("S64.2") == nil)
        #expect(pe("S64.12") == nil)
    }

    /// "H31.4 is the last" Heisei month = 1989 − 1 + 31 = 2019-04; H31.5 is outside.
    @Test func heiseiEnd() {
        #expect(pe("H31.4") == ym(2019, 4))
        #expect(pe("平成31年4月") == ym(2019, 4))
        #expect(pe("H31.5") == nil)
        #expect(pe("H32.1") == nil)  // Heisei ends in April 2019, so no Heisei 32
    }

    /// "Reiwa from May 2019 (R1.5 is the first)": R1.4 is outside.
    @Test func reiwaStart() {
        #expect(pe("R1.5") == ym(2019, 5))
        #expect(pe("R1.4") == nil)
        #expect(pe("令和元年4月") == nil)
        #expect(pe("R1.1") == nil)
    }

    /// "Anything outside (H31.5, R1.4, R0, S65) is a reject": era year 0 does not exist
    /// (the first year is 1/元), Showa ends at 64.
    @Test func eraYearZeroAndShowa65() {
        #expect(pe("R0.5") == nil)
        #expect(pe("R0.12") == nil)
        #expect(pe("H0.5") == nil)
        #expect(pe("S0.5") == nil)
        #expect(pe("S65.1") == nil)
        #expect(pe("S65.3") == nil)
    }

    /// Month 0 and 13 do not exist, whatever the era.
    @Test func eraMonthOutOfRange() {
        #expect(pe("H13.0") == nil)
        #expect(pe("H13.13") == nil)
        #expect(pe("平成13年0月") == nil)
        #expect(pe("平成13年13月") == nil)
        #expect(pe("R2.13") == nil)
    }

    // MARK: fiscal year (SPEC 1.1)

    /// "a period ending April Y .. March Y+1 belongs to fiscal year Y (period_end 2001-03 is
    /// FY2000; 2000-12 is FY2000; 2000-03 is FY1999)"; 2000-04 opens FY2000.
    @Test func fiscalYearEdges() {
        #expect(ym(2001, 3).fiscalYear == 2000)
        #expect(ym(2000, 12).fiscalYear == 2000)
        #expect(ym(2000, 3).fiscalYear == 1999)
        #expect(ym(2000, 4).fiscalYear == 2000)
        #expect(ym(2001, 1).fiscalYear == 2000)  // January Y+1 still FY Y
        #expect(ym(2001, 4).fiscalYear == 2001)
    }

    /// The same through the parser: `平成13年3月` = 2001-03 → FY2000 (SPEC 1.1 and 6.5).
    @Test func fiscalYearOfEraDate() {
        #expect(pe("平成13年3月")?.fiscalYear == 2000)
        #expect(pe("H12.4")?.fiscalYear == 2000)  // H12 = 2000, April opens FY2000
    }

    /// SPEC 6.5: `平成14年3月` = `2002-03` after normalisation.
    @Test func normalisedFormsAreEqual() {
        #expect(pe("平成14年3月") == pe("2002-03"))
        #expect(pe("H14/03") == pe("200203"))
        #expect(pe("2002-03")?.description == "2002-03")
    }

    // MARK: office forms (contract 6.12)

    /// A full date gives its month when the day exists in it: 2001-03-31 is a period ending in
    /// March 2001; 2001-02-29 does not exist (2001 is not a leap year), 2000-02-29 does (2000 is
    /// divisible by 400), 1900-02-29 does not (divisible by 100, not by 400).
    @Test func fullDates() {
        #expect(pe("2001-03-31") == ym(2001, 3))
        #expect(pe("2001/3/31") == ym(2001, 3))
        #expect(pe("20010331") == ym(2001, 3))
        #expect(pe("2001年3月31日") == ym(2001, 3))
        #expect(pe("２００１－０３－３１") == ym(2001, 3))
        #expect(pe("H13.3.31") == ym(2001, 3))
        #expect(pe("平成13年3月31日") == ym(2001, 3))
        #expect(pe("2000-02-29") == ym(2000, 2))
        #expect(pe("2001-02-29") == nil)
        #expect(pe("1900-02-29") == nil)
        #expect(pe("2001-04-31") == nil)  // April has 30 days
        #expect(pe("2001-03-00") == nil)
        #expect(pe("2001-03/31") == nil)  // one separator throughout
        #expect(pe("2001.03") == nil)  // a dot only in era dates
        #expect(pe("20010332") == nil)
    }

    /// What an IME types: full-width era letters and separators (`Ｈ13.3`, `Ｒ１．５`).
    @Test func fullWidthEraLettersAndSeparators() {
        #expect(pe("Ｈ13.3") == ym(2001, 3))
        #expect(pe("ｈ13/3") == ym(2001, 3))
        #expect(pe("Ｒ１．５") == ym(2019, 5))
        #expect(pe("Ｓ63．3") == ym(1988, 3))
        #expect(pe("Ｈ１３／３") == ym(2001, 3))
    }

    /// To the day at the Showa/Heisei change (Showa ended on 7 January 1989, Heisei began on
    /// the 8th); Heisei's last day was 30 April 2019.
    @Test func eraChangeToTheDay() {
        #expect(pe("S64.1.7") == ym(1989, 1))
        #expect(pe("S64.1.8") == nil)
        #expect(pe("H1.1.8") == ym(1989, 1))
        #expect(pe("H1.1.7") == nil)
        #expect(pe("H31.4.30") == ym(2019, 4))
    }

    /// A refused era date says why and what to write instead (the era that holds the month;
    /// the year in it: 2019 − 2019 + 1 = R1, 1989 − 1989 + 1 = H1).
    @Test func eraNotes() {
        func note(_ text: String) -> String? { PeriodEndParser.eraNote(ArraySlice(text.utf8)) }
        #expect(note("H31.5") == "Heisei ended in April 2019; write R1.5")
        #expect(note("平成31年5月") == "Heisei ended in April 2019; write R1.5")
        #expect(note("H32.3") == "Heisei ended in April 2019; write R2.3")
        #expect(note("R1.4") == "Reiwa began in May 2019; write H31.4")
        #expect(note("S64.2") == "Showa ended on 7 January 1989; write H1.2")
        #expect(note("S64.1.8") == "Showa ended on 7 January 1989; write H1.1.8")
        #expect(note("H1.1.7") == "Heisei began on 8 January 1989; write S64.1.7")
        #expect(note("H31.4") == nil)  // accepted
        #expect(note("H13.13") == nil)  // no month 13 in any era
        #expect(note("2019-05") == nil)
    }
}
