import CSVKit
import Values

/// A CSV file built in memory (RFC 4180 quoting), written as UTF-8 (optionally with a BOM
/// and CRLF) or CP932, as the offices' Excel exports are.
struct CSVText {
    enum Encoding { case utf8, utf8BOM, cp932 }

    private(set) var lines: [String] = []

    init(header: [String]) { add(header) }

    mutating func add(_ fields: [String]) {
        lines.append(
            fields.map { field in
                CSVWriter.needsQuotes(Array(field.utf8)) ? "\"" + field.replacingAll("\"", with: "\"\"") + "\"" : field
            }.joined(separator: ","))
    }

    func write(to path: String, encoding: Encoding, crlf: Bool = false) throws {
        let text = lines.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
        var bytes: [UInt8]
        switch encoding {
        case .utf8: bytes = Array(text.utf8)
        case .utf8BOM: bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .cp932:
            guard let encoded = try CP932Codec.encode(text) else {
                throw PipelineError.library(name: "iconv", message: "\(path): text not representable in CP932")
            }
            bytes = encoded
        }
        let out = try CSVWriter(path: path)
        try out.raw(bytes)
        try out.close()
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
