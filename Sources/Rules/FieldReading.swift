import CSVKit
import Values

/// The checks every rule set applies to a field before reading it: it must have decoded, and
/// text must hold no control characters (a NUL byte, say).
extension CSVRecord {
    /// Text as written (trimmed of surrounding spaces); empty allowed unless `required`.
    package func checkedText(_ column: Int, required: Bool = false) throws(Fault) -> String {
        String(decoding: try checkedTextBytes(column, required: required), as: UTF8.self)
    }

    /// The bytes `checkedText` would make its text of, after the same checks (no `String`).
    package func checkedTextBytes(_ column: Int, required: Bool = false) throws(Fault) -> ArraySlice<UInt8> {
        try checkDecodable(column)
        let bytes = field(column)
        for b in bytes where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D || b == 0x7F {
            throw Fault(.controlCharacter, in: self, at: column)
        }
        // Trim spaces and tabs on the bytes (as `trimmingSpaces` would on the text, but without
        // walking grapheme clusters).
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if required && start == end { throw Fault(.missingValue, in: self, at: column) }
        return bytes[start..<end]
    }

    /// A code (project, category, sector, …): required, trimmed, full-width ASCII read as ASCII,
    /// no line breaks.
    package func code(_ column: Int) throws(Fault) -> String {
        try checkDecodable(column)
        let bytes = field(column)
        for b in bytes where b < 0x20 || b == 0x7F {
            throw Fault(.controlCharacter, in: self, at: column)
        }
        // Printable ASCII without spaces is already normalised.
        if !bytes.isEmpty && bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        let value = CodeText.string(bytes)
        if value.isEmpty { throw Fault(.missingValue, in: self, at: column) }
        return value
    }

    /// A project code: a code, and not `all` (in any case), which names the survey's domain of
    /// all respondents (SPEC 6.10): a project of that name would merge with it.
    package func projectCode(_ column: Int) throws(Fault) -> String {
        let value = try code(column)
        if value.lowercased() == "all" { throw Fault(.reservedCode, in: self, at: column) }
        return value
    }

    /// An integer amount; nil when the cell is empty and `required` is false.
    @inline(__always)
    package func integer(
        _ column: Int, required: Bool = false, allowNegative: Bool = false
    ) throws(Fault) -> Int64? {
        try checkDecodable(column)
        switch IntegerParser.parse(bytes, range(column)) {
        case .value(let v):
            if v < 0 && !allowNegative { throw Fault(.negativeValue, in: self, at: column) }
            return v
        case .missing:
            if required { throw Fault(.missingValue, in: self, at: column) }
            return nil
        case .invalid:
            throw Fault(.invalidInteger, in: self, at: column)
        }
    }

    /// A decimal; nil when the cell is empty and `required` is false.
    package func decimal(_ column: Int, required: Bool = false) throws(Fault) -> Double? {
        try checkDecodable(column)
        if isBlank(column) {
            if required { throw Fault(.missingValue, in: self, at: column) }
            return nil
        }
        guard let value = DecimalParser.parse(field(column)) else {
            throw Fault(.invalidNumber, in: self, at: column)
        }
        return value
    }

    /// A required corporate number with a valid check digit.
    @inline(__always)
    package func corporateNumber(_ column: Int) throws(Fault) -> CorporateNumber {
        try checkDecodable(column)
        if let number = CorporateNumber.parse(bytes, range(column)) { return number }
        if isBlank(column) { throw Fault(.missingValue, in: self, at: column) }
        if CorporateNumber.looksLikeScientificNotation(ByteScanner(field(column)).trimmed) {
            throw Fault(.excelScientificNotation, in: self, at: column)
        }
        throw Fault(.invalidCorporateNumber, in: self, at: column)
    }

    @inline(__always)
    package func checkDecodable(_ column: Int) throws(Fault) {
        if !isDecodable(column) { throw Fault(.invalidEncoding, in: self, at: column) }
    }

    package func isBlank(_ column: Int) -> Bool { ByteScanner(field(column)).isEmpty }
}

extension CSVRecord {
    /// `period_end` in any accepted form.
    @inline(__always)
    package func periodEnd(_ column: Int) throws(Fault) -> YearMonth {
        try checkDecodable(column)
        if let parsed = PeriodEndParser.parse(bytes, range(column)) { return parsed }
        if isBlank(column) { throw Fault(.missingValue, in: self, at: column) }
        throw Fault(.invalidDate, in: self, at: column, note: PeriodEndParser.eraNote(field(column)))
    }
}
