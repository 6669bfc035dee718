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
