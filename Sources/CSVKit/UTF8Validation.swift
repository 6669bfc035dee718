import Values

/// UTF-8 checked over raw memory, eight ASCII bytes at a time: the whole-file check that
/// decides a file's encoding (`CSVReader.wholeFileEncoding`). The same rule as
/// `Text.isValidUTF8` (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
enum UTF8Validation {
    struct Outcome: Equatable {
        /// False at the first byte that cannot be UTF-8.
        let valid: Bool
        /// Where an incomplete last sequence starts (the caller carries it into the next
        /// block), else the count.
        let end: Int
        /// A byte >= 0x80 was seen.
        let sawNonASCII: Bool
    }

    static func check(_ base: UnsafePointer<UInt8>, _ count: Int) -> Outcome {
        var i = 0
        var sawNonASCII = false
        let raw = UnsafeRawPointer(base)
        while i < count {
            while i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            sawNonASCII = true
            // The common case of Japanese text: a three-byte character (not E0 or ED, whose
            // second byte has a narrower range), read in one step.
            if b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 2 < count {
                let b1 = base[i + 1]
                let b2 = base[i + 2]
                if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                    i += 3
                    continue
                }
            }
            guard let (need, lower, upper) = Text.utf8Sequence(after: b0) else {
                return Outcome(valid: false, end: i, sawNonASCII: true)
            }
            if i + need >= count { return Outcome(valid: true, end: i, sawNonASCII: true) }
            let b1 = base[i + 1]
            if b1 < lower || b1 > upper { return Outcome(valid: false, end: i, sawNonASCII: true) }
            if need >= 2 && base[i + 2] & 0xC0 != 0x80 { return Outcome(valid: false, end: i, sawNonASCII: true) }
            if need == 3 && base[i + 3] & 0xC0 != 0x80 { return Outcome(valid: false, end: i, sawNonASCII: true) }
            i += need + 1
        }
        return Outcome(valid: true, end: count, sawNonASCII: sawNonASCII)
    }
}
