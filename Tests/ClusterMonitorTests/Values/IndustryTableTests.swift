import Testing

@testable import Values

/// Industry codes as a statement's bytes find them (SPEC 7.11): `9` and `09` name one industry,
/// whichever file lost the zero; a code written both ways keeps each as written.
@Suite struct IndustryTableTests {
    func industry(_ code: String) -> Industry { Industry(code: code, label: code, category: "c" + code, sector: "s") }
    func find(_ table: IndustryTable, _ code: String) -> String? {
        let bytes = Array(code.utf8)
        return table.index(in: bytes, 0..<bytes.count).map { table[$0].code }
    }

    @Test func strippedLeadingZeroEitherSide() {
        let written09 = IndustryTable([industry("09"), industry("10")])
        #expect(find(written09, "9") == "09")
        #expect(find(written09, "09") == "09")
        #expect(find(written09, "10") == "10")
        #expect(find(written09, "1") == nil)  // 1 is not 10
        let written9 = IndustryTable([industry("9"), industry("26")])
        #expect(find(written9, "09") == "9")
        #expect(find(written9, "９") == "9")  // full-width, as before
    }

    /// Both spellings listed: each finds its own row.
    @Test func bothSpellingsListed() {
        let both = IndustryTable([industry("9"), industry("09")])
        #expect(find(both, "9") == "9")
        #expect(find(both, "09") == "09")
    }
}
