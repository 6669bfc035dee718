import Testing

@testable import Values

/// Text for people: display, escaped bytes, and excerpts of long fields (reject values).
@Suite struct TextTests {
    /// Valid UTF-8 as is; a byte that is not UTF-8 and a NUL as `\xNN` (hand-written).
    @Test func displayAndEscaped() {
        #expect(Text.display(Array("株式会社".utf8)) == "株式会社")
        #expect(Text.display([0x61, 0xFF, 0x00, 0x62]) == "a\\xFF\\x00b")
        #expect(Text.display([0xE3, 0x81]) == "\\xE3\\x81")  // a sequence cut short
        #expect(Text.escaped([0xE2, 0x88, 0x92, 0x35]) == "\\xE2\\x88\\x925")  // never `−5`
    }

    /// An excerpt shows `limit` characters and how many bytes the field had, without making the
    /// whole field a string: 1 MB of `a` and 100,000 `あ` (3 bytes each, cut at a character).
    @Test func excerptOfLongFields() {
        let a = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(Text.excerpt(a, limit: 200) == String(repeating: "a", count: 200) + "…(1000000 bytes)")
        let kana = Array(String(repeating: "あ", count: 100_000).utf8)
        #expect(Text.excerpt(kana, limit: 200) == String(repeating: "あ", count: 200) + "…(300000 bytes)")
        #expect(Text.excerpt(Array("short".utf8), limit: 200) == "short")
        // 60 bytes that are not UTF-8 are 240 characters escaped: cut to 200 with the note.
        let bad = [UInt8](repeating: 0xFF, count: 60)
        #expect(Text.excerpt(bad, limit: 200) == String(repeating: "\\xFF", count: 50) + "…(60 bytes)")
    }

    /// XML's five special characters but the apostrophe (never used as a delimiter here): a
    /// label `R&D <"new">` becomes `R&amp;D &lt;&quot;new&quot;&gt;`; other text, Japanese
    /// included, is unchanged.
    @Test func xmlEscaping() {
        #expect(Text.xmlEscaped("R&D <\"new\">") == "R&amp;D &lt;&quot;new&quot;&gt;")
        #expect(Text.xmlEscaped("売上高 (2000 = 1.000)") == "売上高 (2000 = 1.000)")
        #expect(Text.xmlEscaped("") == "")
    }
}
