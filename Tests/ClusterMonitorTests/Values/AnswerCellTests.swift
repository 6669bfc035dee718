import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1 (responses.csv): "multi item cell: selected = `1`, `○` or `◯`; not selected = `0`
/// or empty. Anything else rejects the row." "single cell: one of the question's item codes,
/// or empty (= no answer)." SPEC 6.3: full-width digits are normalised wherever a number is read.
@Suite struct AnswerCellTests {
    private func multi(_ text: String) -> Bool? { AnswerCellParser.multi(ArraySlice(text.utf8)) }
    private func single(_ text: String) -> IntegerField { AnswerCellParser.single(ArraySlice(text.utf8)) }

    /// Selected: `1`, `○` (U+25CB WHITE CIRCLE), `◯` (U+25EF LARGE CIRCLE); `１` is `1` (SPEC 6.3).
    @Test(arguments: ["1", "\u{25CB}", "\u{25EF}", "１"])
    func multiSelected(cell: String) {
        #expect(multi(cell) == true)
    }

    /// Not selected: `0` or empty; `０` is `0` (SPEC 6.3).
    @Test(arguments: ["0", "", "０"])
    func multiNotSelected(cell: String) {
        #expect(multi(cell) == false)
    }

    /// "Anything else rejects the row": nil.
    @Test(arguments: ["2", "x", "yes", "-1", "11", "10", "○○", "1.0", "×", "\u{25CF}"])
    func multiInvalid(cell: String) {
        #expect(multi(cell) == nil)
    }

    /// A code is read as its integer value (1..n codes of the codebook).
    @Test func singleCodes() {
        #expect(single("1") == .value(1))
        #expect(single("3") == .value(3))
        #expect(single("12") == .value(12))
        #expect(single("１２") == .value(12))  // SPEC 6.3
    }

    /// "or empty (= no answer)".
    @Test func singleEmptyIsMissing() {
        #expect(single("") == .missing)
    }

    /// Letters and other non-codes are not item codes (SPEC 1.1: `item` is a positive integer).
    @Test func singleInvalid() {
        #expect(single("a") == .invalid)
        #expect(single("yes") == .invalid)
        #expect(single("1a") == .invalid)
        #expect(single("○") == .invalid)
        #expect(single("1.5") == .invalid)
    }
}

extension AnswerCellTests {
    /// The in-place forms (a field of a record's bytes) decide exactly as the slice forms, for
    /// the one-byte cells they shortcut and for everything they hand on; the field sits between
    /// other bytes, as in a record.
    @Test(arguments: ["", "0", "1", "2", "9", " 1", "1 ", "○", "◯", "１", "10", "a", "-1", "01"])
    func inPlaceFormsAgree(_ cell: String) {
        let bytes = Array("x,".utf8) + Array(cell.utf8) + Array(",y".utf8)
        let range = 2..<(2 + cell.utf8.count)
        #expect(AnswerCellParser.multi(bytes, range) == AnswerCellParser.multi(bytes[range]))
        #expect(AnswerCellParser.single(bytes, range) == AnswerCellParser.single(bytes[range]))
    }
}
