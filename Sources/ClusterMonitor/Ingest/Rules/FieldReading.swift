/// The checks every rule set applies to a field before reading it: it must have decoded, and
/// text must hold no control characters (a NUL byte, say).
extension CSVRecord {
    /// Text as written (trimmed of surrounding spaces); empty allowed unless `required`.
    func checkedText(_ column: Int, required: Bool = false) throws(Fault) -> String {
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
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A code (project, category, sector, …): required, trimmed, full-width ASCII read as ASCII,
    /// no line breaks.
    func code(_ column: Int) throws(Fault) -> String {
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

    /// An integer amount; nil when the cell is empty and `required` is false.
    @inline(__always)
    func integer(
        _ column: Int, required: Bool = false, allowNegative: Bool = false
    ) throws(Fault) -> Int64? {
        // Fast path: plain ASCII digits, read straight from the arena.
        var r = range(column)
        if !r.isEmpty && r.count <= 18 {
            let s = bytes.span
            let negative = s[r.lowerBound] == 0x2D
            if negative { r = (r.lowerBound + 1)..<r.upperBound }
            var value: Int64 = 0
            var plain = !r.isEmpty
            for i in r {
                let d = s[i] &- 0x30
                if d > 9 {
                    plain = false
                    break
                }
                value = value &* 10 &+ Int64(d)
            }
            if plain {
                if !negative { return value }
                if allowNegative || value == 0 { return -value }
                throw Fault(.negativeValue, in: self, at: column)
            }
        }
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
        // Fast path: 13 ASCII digits, the check digit computed on the way.
        let r = range(column)
        if r.count == 13 {
            let s = bytes.span
            var value: UInt64 = 0
            var sum: UInt64 = 0
            var plain = true
            for (k, i) in r.enumerated() {
                let d = s[i] &- 0x30
                if d > 9 {
                    plain = false
                    break
                }
                value = value &* 10 &+ UInt64(d)
                if k > 0 { sum &+= UInt64(d) &* (k & 1 == 0 ? 1 : 2) }
            }
            if plain {
                if value / 1_000_000_000_000 == 9 - sum % 9 { return CorporateNumber(uncheckedValue: value) }
                throw Fault(.invalidCorporateNumber, in: self, at: column)
            }
        }
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

extension CSVRecord {
    /// `period_end` in any accepted form; `YYYY-MM` read straight from the arena.
    @inline(__always)
    func periodEnd(_ column: Int) throws(Fault) -> YearMonth {
        let r = range(column)
        if r.count == 7 {
            let s = bytes.span
            let b = r.lowerBound
            if s[b + 4] == 0x2D {
                var year = 0
                var plain = true
                for i in b..<(b + 4) {
                    let d = s[i] &- 0x30
                    if d > 9 { plain = false }
                    year = year &* 10 &+ Int(d)
                }
                let m1 = s[b + 5] &- 0x30
                let m2 = s[b + 6] &- 0x30
                if plain && m1 <= 9 && m2 <= 9 {
                    let month = Int(m1) * 10 + Int(m2)
                    if (1...12).contains(month) && YearMonth.acceptedYears.contains(year) {
                        return YearMonth(year: year, month: month)
                    }
                }
            }
        }
        if let parsed = PeriodEndParser.parse(field(column)) { return parsed }
        try checkDecodable(column)
        throw Fault(isBlank(column) ? .missingValue : .invalidDate, in: self, at: column)
    }
}
