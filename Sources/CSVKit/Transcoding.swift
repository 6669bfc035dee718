import Values

/// The published tables in the encoding run.conf's CSV_ENCODING asks for: the stages write
/// UTF-8; the annual run rewrites its finished tables once (cluster-publish encode) in UTF-8
/// with a byte order mark or in CP32, for Excel on Japanese Windows.
public enum Transcoding {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Rewrites the UTF-8 CSV at `path` in `encoding`, in place. A character CP932 cannot hold
    /// is an error naming the file, the row (the header is row 1), the column and the
    /// character (exit 65), never a `?`; the file is then left as it was.
    public static func rewrite(_ path: String, to encoding: CSVEncoding) throws {
        guard encoding != .utf8 else { return }  // what the stages write already
        var body = try Files.read(path)[...]
        if body.starts(with: byteOrderMark) { body = body.dropFirst(3) }
        let out: [UInt8]
        switch encoding {
        case .utf8, .utf8BOM: out = byteOrderMark + body
        case .cp932:
            let codec = try CP932Codec(.fromUTF8)
            guard let converted = codec.convert(body) else {
                throw firstUnencodable(body, path: path, codec: codec)
            }
            out = converted
        }
        let writer = try CSVWriter(path: path)
        try writer.raw(out)
        try writer.close()
    }

    /// The error for the first character of `body` (an RFC 4180 CSV of UTF-8 text) that the
    /// codec cannot convert, located by row and by the column's header name.
    static func firstUnencodable(_ body: ArraySlice<UInt8>, path: String, codec: CP932Codec) -> PipelineError {
        var header: [String] = []
        var row = 1
        var column = 0
        var inQuotes = false
        var fieldStart = body.startIndex
        var i = body.startIndex
        func field(_ range: Range<Int>) -> String {
            var text = String(decoding: body[range], as: UTF8.self)
            if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 {
                text = String(text.dropFirst().dropLast()).replacingDoubledQuotes
            }
            return text
        }
        func check(_ end: Int) -> PipelineError? {
            let range = fieldStart..<end
            if row == 1 { header.append(field(range)) }
            guard codec.convert(body[range]) == nil else { return nil }
            let name = column < header.count ? header[column] : "\(column + 1)"
            for character in field(range) where codec.convert(Array(String(character).utf8)) == nil {
                return .unencodable(
                    path: path, row: row, column: name, character: String(character), encoding: "cp932")
            }
            return .unencodable(path: path, row: row, column: name, character: "", encoding: "cp932")
        }
        while i < body.endIndex {
            let c = body[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < body.endIndex, body[i + 1] == 0x22 { i += 1 } else { inQuotes = false }
                }
            } else if c == 0x22 {
                inQuotes = true
            } else if c == 0x2C || c == 0x0A {
                if let error = check(c == 0x0A && i > fieldStart && body[i - 1] == 0x0D ? i - 1 : i) { return error }
                fieldStart = i + 1
                if c == 0x0A {
                    row += 1
                    column = 0
                } else {
                    column += 1
                }
            }
            i += 1
        }
        if fieldStart < body.endIndex, let error = check(body.endIndex) { return error }
        return .unencodable(path: path, row: row, column: "", character: "", encoding: "cp932")
    }
}

extension String {
    /// `""` inside a quoted CSV field read as one `"`.
    fileprivate var replacingDoubledQuotes: String {
        var out = ""
        var previousQuote = false
        for c in self {
            if c == "\"" && previousQuote {
                previousQuote = false
                continue
            }
            previousQuote = c == "\""
            out.append(c)
        }
        return out
    }
}
