import Values

/// One record as libcsv handed it over, its fields already decoded to UTF-8.
///
/// A view into the parser's arena: `ends[first + i]` is where field `i` stops in `bytes`.
/// Valid while the consumer's `consume` runs; do not keep it. A field whose bytes are not
/// valid in the file's encoding keeps its raw bytes and is marked undecodable, so that a rule
/// reading it rejects the record with the column named.
public struct CSVRecord: Sendable {
    /// The physical line where the record starts (1-based within what the parser has read;
    /// absolute in the file once merged — see `RecordConsumer`).
    public internal(set) var line: Int
    public let bytes: [UInt8]
    let ends: [Int32]
    var first: Int
    public internal(set) var count: Int
    /// Bit i set: field i did not decode (fields 0–63).
    let undecodableMask: UInt64
    /// Undecodable fields past 63, if any.
    let undecodableHigh: [Int]?
    /// The undecodable fields hold CP932 bytes (shown escaped, never as UTF-8 they may spell).
    public let undecodableAreCP932: Bool

    init(
        line: Int, bytes: [UInt8], ends: [Int32], first: Int, count: Int, undecodableMask: UInt64 = 0,
        undecodableHigh: [Int]? = nil, undecodableAreCP932: Bool = false
    ) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
        self.first = first
        self.count = count
        self.undecodableMask = undecodableMask
        self.undecodableHigh = undecodableHigh
        self.undecodableAreCP932 = undecodableAreCP932
    }

    /// Where field `index` lies in `bytes`.
    @inline(__always)
    public func range(_ index: Int) -> Range<Int> {
        let k = first + index
        let start = k == 0 ? 0 : Int(ends[k - 1])
        return start..<Int(ends[k])
    }

    /// The UTF-8 bytes of field `index` (slow paths and text; hot paths read `bytes.span`).
    @inline(__always)
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        bytes[range(index)]
    }

    /// Whether field `index` decoded cleanly.
    @inline(__always)
    public func isDecodable(_ index: Int) -> Bool {
        if index < 64 { return undecodableMask & (1 << UInt64(index)) == 0 }
        return !(undecodableHigh?.contains(index) ?? false)
    }

    /// Whether some field did not decode: its raw bytes must not be read as a value (the UTF-8
    /// bytes of `−5` in a CP932 file are not −5), so readers check the field first.
    @inline(__always)
    public var hasUndecodable: Bool { undecodableMask != 0 || undecodableHigh != nil }

    /// Field `index` as text, for messages and reject values (invalid bytes shown as `\xNN`).
    public func displayText(_ index: Int) -> String {
        showsEscaped(index) ? Text.escaped(field(index)) : Text.display(field(index))
    }

    /// Field `index` is CP932 bytes that did not decode: shown escaped, never as the UTF-8 its
    /// bytes may happen to spell.
    private func showsEscaped(_ index: Int) -> Bool { undecodableAreCP932 && !isDecodable(index) }

    /// `displayText` cut to `limit` characters (a reject's value).
    public func excerpt(_ index: Int, limit: Int = 200) -> String {
        Text.excerpt(field(index), limit: limit, escapingNonASCII: showsEscaped(index))
    }
}

/// What a parser hands to its consumer, one chunk of the file at a time. A consumer is used by
/// one thread at a time; several may work on different chunks at once, and the reader then
/// merges them in file order.
public protocol RecordConsumer: AnyObject, SendableMetatype {
    func consume(_ record: CSVRecord)
    func consume(_ malformed: MalformedRecord)
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

    public init(kind: Kind, line: Int, lastLine: Int, excerpt: String) {
        self.kind = kind
        self.line = line
        self.lastLine = lastLine
        self.excerpt = excerpt
    }

    /// The same stretch with its lines moved by `offset` (chunk-relative to absolute).
    func shifted(by offset: Int) -> MalformedRecord {
        MalformedRecord(kind: kind, line: line + offset, lastLine: lastLine + offset, excerpt: excerpt)
    }
}
