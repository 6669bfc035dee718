/// One record as libcsv handed it over, its fields already decoded to UTF-8.
///
/// The fields lie back to back in `bytes`; `ends[i]` is where field `i` stops. A field whose
/// bytes are not valid in the file's encoding keeps its raw bytes and is listed in
/// `undecodable`, so that a rule reading it can reject the record with the column named.
public struct CSVRecord: Sendable {
    /// The 1-based physical line where the record starts (the header is line 1).
    public internal(set) var line: Int = 0
    public internal(set) var bytes: [UInt8] = []
    public internal(set) var ends: [Int] = []
    public internal(set) var undecodable: [Int] = []

    public init() {
        bytes.reserveCapacity(256)
        ends.reserveCapacity(32)
    }

    /// Builds a record from ready fields (tests and generated data).
    public init(line: Int, fields: [String]) {
        self.line = line
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            ends.append(bytes.count)
        }
    }

    public var count: Int { ends.count }

    /// The UTF-8 bytes of field `index`.
    @inline(__always)
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes[start..<ends[index]]
    }

    /// Whether field `index` decoded cleanly.
    @inline(__always)
    public func isDecodable(_ index: Int) -> Bool {
        undecodable.isEmpty || !undecodable.contains(index)
    }

    /// Field `index` as text, for messages and reject values (invalid bytes shown as `\xNN`).
    public func text(_ index: Int) -> String {
        Text.display(field(index))
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if !undecodable.isEmpty { undecodable.removeAll(keepingCapacity: true) }
    }
}

/// What the reader reports: a record, or bytes that libcsv could not make a record of.
public enum CSVEvent: Sendable {
    case record(CSVRecord)
    case malformed(MalformedRecord)
}

/// A stretch of input that is not a CSV record: reported with where it starts.
public struct MalformedRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A quote inside an unquoted field, or text after a closing quote (RFC 4180 §2.5–2.7).
        case strayQuote = "malformed_quotes"
        /// A quoted field still open at the end of the file: everything after its start is lost.
        case unterminatedQuote = "unterminated_quote"
    }
    public let kind: Kind
    /// Physical line where the record starts.
    public let line: Int
    /// Physical line where the reader resumed (or the last line, for an unterminated quote).
    public let lastLine: Int
    /// The record's text up to the fault and a little after, shortened for the rejects file.
    public let excerpt: String
}
