/// The SME definition of one sector (SME Basic Act): an SME has capital <= maxCapital OR
/// employees <= maxEmployees.
public struct SMECriterion: Equatable, Sendable {
    public let sector: String
    public let maxCapital: Int64
    public let maxEmployees: Int64

    public init(sector: String, maxCapital: Int64, maxEmployees: Int64) {
        self.sector = sector
        self.maxCapital = maxCapital
        self.maxEmployees = maxEmployees
    }
}

/// One industry code of the statements, with its benchmark category and SME sector.
public struct Industry: Equatable, Sendable {
    public let code: String
    public let label: String
    public let category: String
    public let sector: String

    public init(code: String, label: String, category: String, sector: String) {
        self.code = code
        self.label = label
        self.category = category
        self.sector = sector
    }
}

/// Industry codes looked up by their bytes, so that a statement's code costs no `String`.
public struct IndustryTable: Sendable {
    public let industries: [Industry]
    @usableFromInline let byCode: [ArraySlice<UInt8>: Int32]
    /// Codes of 1 to 7 bytes packed in an integer (`pack`), in a small open-addressing table
    /// four times the codes' number: a code's look-up is a multiply and usually one probe.
    @usableFromInline let slots: [UInt64]
    @usableFromInline let slotIndex: [Int32]
    @usableFromInline let slotShift: UInt64

    public init(_ industries: [Industry]) {
        self.industries = industries
        var byCode: [ArraySlice<UInt8>: Int32] = [:]
        var bits: UInt64 = 4
        while (1 << bits) < industries.count * 4 { bits += 1 }
        var slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        var slotIndex = [Int32](repeating: -1, count: slots.count)
        // Each code as written, then (where no code is written so) its other spelling: Excel
        // drops the leading zero of a two-digit code (`09` saved as `9`), in industries.csv or
        // in statements.csv, so `9` and `09` name one industry.
        let spellings = industries.enumerated().map { (Array($0.element.code.utf8), Int32($0.offset)) }
            + industries.enumerated().compactMap { entry in Self.otherSpelling(of: Array(entry.element.code.utf8)).map { ($0, Int32(entry.offset)) } }
        for (bytes, index) in spellings {
            if byCode[bytes[...]] == nil { byCode[bytes[...]] = index } else { continue }
            guard (1...7).contains(bytes.count) else { continue }
            let key = Self.pack(bytes[...])
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (slots.count - 1) }
            if slots[i] == 0 {  // the first industry of a code wins, as in `byCode`
                slots[i] = key
                slotIndex[i] = index
            }
        }
        self.byCode = byCode
        self.slots = slots
        self.slotIndex = slotIndex
        self.slotShift = 64 - bits
    }

    /// `9` for `09` and `09` for `9`: a one-digit code and its two-digit spelling; nil for
    /// any other code.
    static func otherSpelling(of code: [UInt8]) -> [UInt8]? {
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        if code.count == 1, digit(code[0]) { return [0x30, code[0]] }
        if code.count == 2, code[0] == 0x30, digit(code[1]) { return [code[1]] }
        return nil
    }

    @inline(__always)
    static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for b in bytes { value = value << 8 | UInt64(b) }
        return value | UInt64(bytes.count) << 60
    }

    /// The industry whose code is `bytes[r]` (a record's field, read without a copy).
    @inlinable @inline(__always)
    public func index(in bytes: [UInt8], _ r: Range<Int>) -> Int32? {
        if r.count >= 1 && r.count <= 7 {
            let s = bytes.span
            var value: UInt64 = 0
            for i in r { value = value << 8 | UInt64(s[i]) }
            value |= UInt64(r.count) << 60
            var i = Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
            while slots[i] != 0 {
                if slots[i] == value { return slotIndex[i] }
                i = (i + 1) & (slots.count - 1)
            }
        }
        return index(of: bytes[r])
    }

    /// The index of the industry whose code is `bytes` (full-width digits and letters read as
    /// ASCII, surrounding spaces ignored).
    @inlinable @inline(__always)
    public func index(of bytes: ArraySlice<UInt8>) -> Int32? {
        if let hit = byCode[bytes] { return hit }
        let normalised = CodeText.normalise(bytes)
        return normalised == bytes ? nil : byCode[normalised]
    }

    public subscript(index: Int32) -> Industry { industries[Int(index)] }
}

/// Codes (industry, project, category, …) as compared: trimmed, full-width ASCII read as ASCII.
@usableFromInline package enum CodeText {
    @usableFromInline package static func normalise(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let scan = ByteScanner(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(scan.remaining)
        var i = scan.position
        while i < scan.end {
            let b = bytes[i]
            // U+FF01..U+FF5E (full-width ASCII) = EF BC 81..BF, EF BD 80..9E
            if b == 0xEF, i + 2 < scan.end + 0, i + 2 <= scan.end - 1 || i + 2 == scan.end - 1 {
                let b1 = bytes[i + 1]
                let b2 = bytes[i + 2]
                if b1 == 0xBC, (0x81...0xBF).contains(b2) {
                    out.append(b2 - 0x81 + 0x21)
                    i += 3
                    continue
                }
                if b1 == 0xBD, (0x80...0x9E).contains(b2) {
                    out.append(b2 - 0x80 + 0x60)
                    i += 3
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out[...]
    }

    package static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: normalise(bytes), as: UTF8.self)
    }
}
