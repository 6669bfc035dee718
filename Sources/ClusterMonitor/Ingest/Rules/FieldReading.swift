/// The checks every rule set applies to a field before reading it: it must have decoded, and
/// text must hold no control characters (a NUL byte, say).
extension CSVRecord {
    /// Text as written (trimmed of surrounding spaces); empty allowed unless `required`.
    func text(_ column: Int, required: Bool = false) throws(Fault) -> String {
        try checkDecodable(column)
        let bytes = field(column)
        for b in bytes where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D || b == 0x7F {
            throw Fault(.controlCharacter, in: self, at: column)
        }
        let value = String(decoding: bytes, as: UTF8.self).trimmingSpaces
        if required && value.isEmpty { throw Fault(.missingValue, in: self, at: column) }
        return value
    }

    /// A code (project, category, sector, …): required, trimmed, full-width ASCII read as ASCII,
    /// no line breaks.
    func code(_ column: Int) throws(Fault) -> String {
        try checkDecodable(column)
        let bytes = field(column)
        for b in bytes where b < 0x20 || b == 0x7F {
            throw Fault(.controlCharacter, in: self, at: column)
        }
        let value = CodeText.string(bytes)
        if value.isEmpty { throw Fault(.missingValue, in: self, at: column) }
        return value
    }

    /// An integer amount; nil when the cell is empty and `required` is false.
    @inline(__always)
    func integer(
        _ column: Int, required: Bool = false, allowNegative: Bool = false
    ) throws(Fault) -> Int64? {
        switch IntegerParser.parse(field(column)) {
        case .value(let v):
            if v < 0 && !allowNegative { throw Fault(.negativeValue, in: self, at: column) }
            return v
        case .missing:
            if required { throw Fault(.missingValue, in: self, at: column) }
            return nil
        case .invalid:
            try checkDecodable(column)
            throw Fault(.invalidInteger, in: self, at: column)
        }
    }

    /// A required corporate number with a valid check digit.
    @inline(__always)
    func corporateNumber(_ column: Int) throws(Fault) -> CorporateNumber {
        if let number = CorporateNumber.parse(field(column)) { return number }
        try checkDecodable(column)
        throw Fault(isBlank(column) ? .missingValue : .invalidCorporateNumber, in: self, at: column)
    }

    @inline(__always)
    func checkDecodable(_ column: Int) throws(Fault) {
        if !isDecodable(column) { throw Fault(.invalidEncoding, in: self, at: column) }
    }

    func isBlank(_ column: Int) -> Bool { ByteScanner(field(column)).isEmpty }
}
