import Values

/// The published tables in the encoding run.conf's CSV_ENCODING asks for: the stages write
/// UTF-8; the annual run rewrites its finished tables once (cluster-publish encode) in UTF-8
/// with a byte order mark or in CP32, for Excel on Japanese Windows.
public enum Transcoding {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Rewrites the UTF-8 CSV at `path` in `encoding`, in place. A character CP932 cannot hold
    /// is an error naming the file, the row (the header is row 1), the column and the
    /// character (exit 65), never a `?`; the file is then left as it was.
    /// `label` names the file in that error (default: `path`).
    public static func rewrite(_ path: String, to encoding: CSVEncoding, label: String? = nil) throws {
        guard encoding != .utf8 else { return }  // what the stages write already
        var body = try Files.read(path)[...]
        if body.starts(with: byteOrderMark) { body = body.dropFirst(3) }
        let out: [UInt8]
        switch encoding {
        case .utf8, .utf8BOM: out = byteOrderMark + body
        case .cp932:
            // A character iconv maps to another one (¥ U+00A5 to 0x5C, which reads back as
            // `\`; ‾ U+203E to `~`) cannot be held either: the table must read back as written.
            let codec = try CP932Codec(.fromUTF8)
            let back = try CP932Codec(.toUTF8)
            guard let converted = codec.convert(body), back.convert(converted).map({ $0[...] == body }) == true else {
                throw try firstUnencodable(path: path, label: label ?? path, codec: codec, back: back)
            }
            out = converted
        }
        let writer = try CSVWriter(path: path)
        try writer.raw(out)
        try writer.close()
    }

    /// The error for the first character of the CSV at `path` (UTF-8, as the stages write it)
    /// that the codec cannot convert, located by row (the header is row 1) and by the column's
    /// header name; the file is read with the project's own reader (CSVTable).
    static func firstUnencodable(path: String, label: String, codec: CP932Codec, back: CP932Codec) throws -> PipelineError {
        let table = try CSVTable.read(path)
        func holds(_ character: Character) -> Bool {
            let bytes = Array(String(character).utf8)
            guard let converted = codec.convert(bytes) else { return false }
            return back.convert(converted) == bytes
        }
        for (r, cells) in ([table.header] + table.rows).enumerated() {
            for (c, cell) in cells.enumerated() {
                for character in cell where !holds(character) {
                    return .unencodable(
                        path: label, row: r + 1, column: c < table.header.count ? table.header[c] : "\(c + 1)",
                        character: String(character), encoding: "cp932")
                }
            }
        }
        // The whole file did not convert while no character fails alone: not seen with iconv's
        // CP932, reported without a place rather than written.
        return .unencodable(path: path, row: 0, column: "", character: "", encoding: "cp932")
    }
}
