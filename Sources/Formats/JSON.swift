import CSVKit
import Rules
import Statistics
import Values

/// A JSON value with its keys in the order given, written the same way every time (two-space
/// indent, LF, no trailing spaces): what datapackage.json is made of.
public indirect enum JSON: Equatable, Sendable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    /// A number already written as JSON (an integer, or `NumberFormat.plain`).
    case number(String)
    case bool(Bool)
    case null

    public static func == (a: JSON, b: JSON) -> Bool { a.rendered() == b.rendered() }

    public static func int<I: BinaryInteger>(_ value: I) -> JSON { .number("\(value)") }

    /// The text, ending with a line feed.
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent + 2)
        let close = String(repeating: " ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (k, (key, value)) in members.enumerated() {
                out.append(pad)
                JSON.quote(key, into: &out)
                out.append(": ")
                value.write(to: &out, indent: indent + 2)
                out.append(k + 1 < members.count ? ",\n" : "\n")
            }
            out.append(close + "}")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (k, item) in items.enumerated() {
                out.append(pad)
                item.write(to: &out, indent: indent + 2)
                out.append(k + 1 < items.count ? ",\n" : "\n")
            }
            out.append(close + "]")
        case .string(let text): JSON.quote(text, into: &out)
        case .number(let text): out.append(text)
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .null: out.append("null")
        }
    }

    /// A JSON string literal: quote, backslash and control characters escaped (RFC 8259).
    static func quote(_ text: String, into out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}

extension JSON {
    /// Parses JSON text (RFC 8259) keeping the members' order and numbers as written; nil when
    /// the text is not JSON. Depth is limited (64) so that no input can exhaust the stack.
    public static func parse(_ bytes: [UInt8]) -> JSON? {
        var reader = Reader(bytes: bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.position == bytes.count ? value : nil
    }

    /// A member of an object, or nil.
    public subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func literal(_ word: String, _ value: JSON) -> JSON? {
            let w = Array(word.utf8)
            guard bytes.count - position >= w.count, Array(bytes[position..<position + w.count]) == w else { return nil }
            position += w.count
            return value
        }

        mutating func value(depth: Int) -> JSON? {
            guard depth < 64 else { return nil }
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var members: [(String, JSON)] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard let key = string(), expect(":"), let v = value(depth: depth + 1) else { return nil }
                    members.append((key, v))
                    skipSpace()
                    if expect(",") { continue }
                    return expect("}") ? .object(members) : nil
                }
            case UInt8(ascii: "["):
                position += 1
                var items: [JSON] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                while true {
                    guard let v = value(depth: depth + 1) else { return nil }
                    items.append(v)
                    skipSpace()
                    if expect(",") { continue }
                    return expect("]") ? .array(items) : nil
                }
            case UInt8(ascii: "\""): return string().map(JSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func expect(_ c: Character) -> Bool {
            skipSpace()
            guard position < bytes.count, let a = c.asciiValue, bytes[position] == a else { return false }
            position += 1
            return true
        }

        mutating func number() -> JSON? {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard !text.isEmpty, DecimalText.isJSONNumber(text) else { return nil }
            return .number(text)
        }

        mutating func string() -> String? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let b = bytes[position]
                position += 1
                switch b {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else { return nil }
                    return text
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { return nil }
                    let e = bytes[position]
                    position += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let unit = hex4() else { return nil }
                        var scalar: Unicode.Scalar?
                        if (0xD800..<0xDC00).contains(unit) {
                            guard expectRaw("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        } else {
                            scalar = Unicode.Scalar(unit)
                        }
                        guard let scalar else { return nil }
                        out += Array(String(Character(scalar)).utf8)
                    default: return nil
                    }
                default:
                    guard b >= 0x20 else { return nil }
                    out.append(b)
                }
            }
            return nil
        }

        mutating func expectRaw(_ text: String) -> Bool {
            let t = Array(text.utf8)
            guard bytes.count - position >= t.count, Array(bytes[position..<position + t.count]) == t else { return false }
            position += t.count
            return true
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - position >= 4 else { return nil }
            var v: UInt32 = 0
            for b in bytes[position..<position + 4] {
                guard let d = Character(Unicode.Scalar(b)).hexDigitValue else { return nil }
                v = v * 16 + UInt32(d)
            }
            position += 4
            return v
        }
    }
}

/// The shape of a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
enum DecimalText {
    static func isJSONNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "-" { s = s.dropFirst() }
        let intPart = s.prefix { $0.isASCII && $0.isNumber }
        guard !intPart.isEmpty, intPart == "0" || intPart.first != "0" else { return false }
        s = s.dropFirst(intPart.count)
        if s.first == "." {
            s = s.dropFirst()
            let frac = s.prefix { $0.isASCII && $0.isNumber }
            guard !frac.isEmpty else { return false }
            s = s.dropFirst(frac.count)
        }
        if s.first == "e" || s.first == "E" {
            s = s.dropFirst()
            if s.first == "+" || s.first == "-" { s = s.dropFirst() }
            let exp = s.prefix { $0.isASCII && $0.isNumber }
            guard !exp.isEmpty else { return false }
            s = s.dropFirst(exp.count)
        }
        return s.isEmpty
    }
}
