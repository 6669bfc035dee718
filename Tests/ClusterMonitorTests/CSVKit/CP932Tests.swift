import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1: CSV inputs may be CP932 (Shift_JIS as Excel writes Japanese CSV). SPEC 6.2: a file
/// that is not valid UTF-8 is read as CP932, so CP932 text must come back as the same characters,
/// and a byte sequence that is not CP932 must be refused rather than guessed.
/// Byte values are from the Microsoft CP932 table (double-byte JIS X 0208 rows, single-byte
/// JIS X 0201 half-width katakana 0xA1–0xDF), cross-checked with `iconv -f UTF-8 -t CP932`.
@Suite struct CP932Tests {
    private func decode(_ bytes: [UInt8]) throws -> [UInt8]? { try CP932Codec(.toUTF8).convert(bytes) }

    private func roundTrip(_ text: String) throws -> String? {
        guard let cp932 = try CP932Codec.encode(text), let utf8 = try decode(cp932) else { return nil }
        return String(decoding: utf8, as: UTF8.self)
    }

    @Test(arguments: ["株式会社タマ精機", "平成13年3月", "△12,345", "ｶﾌﾞｼｷｶﾞｲｼｬ", "令和元年5月", "１２３"])
    func roundTripJapanese(text: String) throws {
        #expect(try roundTrip(text) == text)
    }

    /// Known encodings: 株 = 0x8A 0x94, △ = 0x81 0xA2, half-width ｶ = 0xB6, ﾞ = 0xDE,
    /// ASCII unchanged.
    @Test func knownBytes() throws {
        #expect(try CP932Codec.encode("株") == [0x8A, 0x94])
        #expect(try CP932Codec.encode("△12,345") == [0x81, 0xA2, 0x31, 0x32, 0x2C, 0x33, 0x34, 0x35])
        #expect(try CP932Codec.encode("ｶﾞ") == [0xB6, 0xDE])
        #expect(try CP932Codec.encode("abc,1") == Array("abc,1".utf8))
    }

    /// Decoding the bytes Excel writes: half-width katakana are single bytes; 0x81 0x7C is
    /// U+FF0D FULLWIDTH HYPHEN-MINUS in CP932 (one of the SPEC 1.1 minus signs `－`; plain
    /// Shift_JIS would give U+2212 instead), 0x87 0x40 is ① (NEC row 13, CP932 only).
    @Test func decodesCP932SpecificBytes() throws {
        #expect(try decode([0xB6, 0xCC, 0xDE]) == Array("ｶﾌﾞ".utf8))
        #expect(try decode([0x81, 0x7C]) == Array("\u{FF0D}".utf8))
        #expect(try decode([0x87, 0x40]) == Array("①".utf8))
        #expect(try decode([0x8A, 0x94, 0x8E, 0xAE]) == Array("株式".utf8))
    }

    /// Empty in, empty out.
    @Test func emptyInput() throws {
        #expect(try decode([]) == [])
    }

    /// Invalid CP932 becomes nil: a lead byte with nothing after it (0x82), a lead byte followed
    /// by a byte that is no trail byte (trail bytes are 0x40–0x7E, 0x80–0xFC; 0x20 is not),
    /// 0xA0 and 0xFF which CP932 does not assign. iconv(1) reports "incomplete character" for
    /// the first and "illegal input sequence" for the others.
    @Test(arguments: [[0x82], [0x81, 0x20], [0xA0], [0xFF], [0x41, 0x82]] as [[UInt8]])
    func invalidSequencesAreNil(bytes: [UInt8]) throws {
        #expect(try decode(bytes) == nil)
    }

    /// A character CP932 has no code for cannot be encoded (U+1F600 is outside every JIS set).
    @Test func unencodableIsNil() throws {
        #expect(try CP932Codec.encode("😀") == nil)
    }

    /// The codec keeps no state between calls: a failed conversion does not spoil the next.
    @Test func reusableAfterFailure() throws {
        let codec = try CP932Codec(.toUTF8)
        #expect(codec.convert([0x82] as [UInt8]) == nil)
        #expect(codec.convert([0x8A, 0x94] as [UInt8]) == Array("株".utf8))
        #expect(codec.convert([0x81, 0x20] as [UInt8]) == nil)
        #expect(codec.convert([0xB6] as [UInt8]) == Array("ｶ".utf8))
    }
}
