@testable import CSVKit
@testable import Values

/// libFuzzer target: CP932 through iconv (Tests/Fuzz/README.md), both ways. Checks:
/// - decoding gives valid UTF-8, and what decodes encodes back to bytes that decode the same;
/// - decoding is field by field in the reader (cut at commas, quotes and line ends, which are
///   never the second byte of a CP932 pair): the pieces decode to the whole's text;
/// - the input read as UTF-8 text: CSV_ENCODING=cp932 refuses it exactly when some character
///   does not come back as written, so that the error always names a character.
nonisolated(unsafe) let toUTF8 = try? CP932Codec(.toUTF8)
nonisolated(unsafe) let fromUTF8 = try? CP932Codec(.fromUTF8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCP932(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0, let toUTF8, let fromUTF8 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    if let text = toUTF8.convert(bytes) {
        guard Text.isValidUTF8(text) else { fatalError("CP932 decoding gave invalid UTF-8") }
        guard let again = fromUTF8.convert(text) else { fatalError("decoded text does not encode back") }
        guard toUTF8.convert(again) == text else { fatalError("decode(encode(decode(x))) != decode(x)") }
        var pieces: [UInt8] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || [0x2C, 0x22, 0x0A, 0x0D].contains(bytes[i]) {
            guard let piece = toUTF8.convert(bytes[start..<i]) else { fatalError("a piece cut at an ASCII separator does not decode") }
            pieces += piece
            if i < bytes.count { pieces.append(bytes[i]) }
            start = i + 1
        }
        guard pieces == text else { fatalError("decoding piece by piece differs from the whole") }
    }

    if Text.isValidUTF8(bytes) {
        let whole = fromUTF8.convert(bytes).flatMap { toUTF8.convert($0) } == bytes
        let every = String(decoding: bytes, as: UTF8.self).allSatisfy { character in
            let one = Array(String(character).utf8)
            return fromUTF8.convert(one).flatMap { toUTF8.convert($0) } == one
        }
        guard whole == every else { fatalError("the whole text \(whole ? "holds" : "fails") but \(every ? "every" : "some") character \(every ? "holds" : "fails")") }
    }
    return 0
}
