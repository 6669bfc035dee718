import Testing

@testable import Formats

/// The JSON reader cluster-publish release reads datapackage.json with: what the writer writes
/// reads back the same, members in order; what is not JSON is nil, never a crash.
@Suite struct JSONTests {
    @Test func roundTrip() {
        let value = JSON.object([
            ("name", .string("a \"quoted\" \\ name\n日本")), ("n", .number("-12.5e3")), ("ok", .bool(true)), ("none", .null),
            ("list", .array([.number("0"), .object([]), .array([])])), ("z", .string("")),
        ])
        #expect(JSON.parse(Array(value.rendered().utf8)) == value)
        #expect(JSON.parse(Array(value.rendered().utf8))?["name"]?.stringValue == "a \"quoted\" \\ name\n日本")
    }

    /// Escapes: \u00e9 is é; a surrogate pair \ud83d\ude00 is one scalar (U+1F600).
    @Test func escapes() {
        #expect(JSON.parse(Array(#""\u00e9\ud83d\ude00\/""#.utf8)) == .string("é😀/"))
    }

    @Test func notJSON() {
        let bad = [
            "", "{", "[1,]", "01", "1.", "-", "\"\\x\"", "\"\\ud800\"", "{\"a\" 1}", "[1] 2", "tru", "\"a\nb\"", "{1: 2}",
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for text in bad { #expect(JSON.parse(Array(text.utf8)) == nil, "\(text)") }
    }
}
