@testable import CSVKit
@testable import Rules
@testable import Values
/// libFuzzer target: the field parsers (see README.md), on the bytes alone and as a field of a
/// record read in each encoding; the first byte picks the check.
nonisolated(unsafe) let cp932 = try? CP932Codec(.toUTF8)

final class One: RecordConsumer {
    var records: [CSVRecord] = []
    func consume(_ record: CSVRecord) { records.append(record) }
    func consume(_ malformed: MalformedRecord) {}
}

/// One parser per encoding, reset for each input (a parser's set-up and iconv's are the costly
/// part of a run otherwise).
nonisolated(unsafe) let parsers: [TextEncoding: ChunkParser] = {
    var made: [TextEncoding: ChunkParser] = [:]
    for encoding in [TextEncoding.utf8, .cp932] {
        guard let parser = try? ChunkParser() else { fatalError("no parser") }
        parser.encoding = encoding
        made[encoding] = parser
    }
    return made
}()

/// The bytes as the one field of a record (quoted, quotes doubled) read in `encoding`.
func record(_ bytes: ArraySlice<UInt8>, _ encoding: TextEncoding) -> CSVRecord? {
    var line: [UInt8] = [0x22]
    for b in bytes {
        line.append(b)
        if b == 0x22 { line.append(0x22) }
    }
    line += [0x22, 0x0A]
    guard let parser = parsers[encoding] else { return nil }
    do {
        parser.reset()
        try parser.parse(line)
        try parser.finish()
        return try parser.drain(into: One())?.records.first
    } catch {
        fatalError("a one-field record did not read: \(error)")
    }
}

/// A reader's outcome: the value, or nil for a fault.
func value<T>(_ read: () throws(Fault) -> T) -> T? {
    do throws(Fault) { return try read() } catch { return nil }
}

/// Through the record path, in UTF-8 or in CP932: a field that did not decode gives no value
/// (its raw bytes are never read as a number, a date or a code), and a field that did gives the
/// value its decoded text gives.
func checkRecordPath(_ bytes: ArraySlice<UInt8>, _ encoding: TextEncoding) {
    guard let r = record(bytes, encoding) else { return }
    let readers: [(String, Bool)] = [
        ("integer", value { () throws(Fault) in try r.integer(0, allowNegative: true) } != nil),
        ("decimal", value { () throws(Fault) in try r.decimal(0) } != nil),
        ("corporate number", value { () throws(Fault) in try r.corporateNumber(0) } != nil),
        ("period end", value { () throws(Fault) in try r.periodEnd(0) } != nil),
        ("code", value { () throws(Fault) in try r.code(0) } != nil),
    ]
    if !r.isDecodable(0) {
        for (name, gave) in readers where gave {
            fatalError("\(encoding): the \(name) reader read a value from a field that did not decode")
        }
    } else if encoding == .cp932, Text.hasNonASCII(bytes), let text = cp932?.convert(bytes) {
        if Array(r.field(0)) != text { fatalError("cp932: the record's field is not the decoded text") }
    }
}

/// What one input checks: its first byte picks one parser (or the record path in one
/// encoding), the rest is the field. One check an input rather than all of them: ten thousand
/// inputs a second, and the fuzzer learns which check a mutation reached something new in.
enum Check: UInt8, CaseIterable {
    case integer, decimal, periodEnd, timestamp, corporateNumber, utf8, cp932, recordUTF8, recordCP932
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFields(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 1, let check = Check(rawValue: data[0] % UInt8(Check.allCases.count)) else { return 0 }
    let bytes = ArraySlice(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch check {
    case .integer:
        if case .value(let v) = IntegerParser.parse(bytes) {
            guard case .value(let again) = IntegerParser.parse(ArraySlice(String(v).utf8)), again == v else {
                fatalError("integer \(v) does not read back")
            }
        }
    case .decimal:
        if let d = DecimalParser.parse(bytes), !d.isFinite { fatalError("decimal parsed to \(d)") }
    case .periodEnd:
        if let month = PeriodEndParser.parse(bytes) {
            guard YearMonth.acceptedYears.contains(month.year), (1...12).contains(month.month),
                PeriodEndParser.parse(ArraySlice(month.description.utf8)) == month
            else { fatalError("period end \(month) out of range or not read back") }
        }
    case .timestamp:
        let t = TimestampParser.parse(bytes)
        if let t, TimestampParser.parse(ArraySlice(t.description.utf8)) != t {
            fatalError("timestamp \(t) does not read back")
        }
        // The in-place reader's fixed-place forms against the general rule.
        let whole = Array(bytes)
        if TimestampParser.parse(whole, 0..<whole.count) != t {
            fatalError("timestamp: the in-place reader and the general rule disagree")
        }
    case .corporateNumber:
        if let n = CorporateNumber.parse(bytes) {
            guard CorporateNumber.parse(ArraySlice(n.description.utf8)) == n else {
                fatalError("corporate number \(n) does not read back")
            }
        }
        let whole = Array(bytes)
        if CorporateNumber.parse(whole, 0..<whole.count) != CorporateNumber.parseGeneral(bytes) {
            fatalError("corporate number: the in-place reader and the general rule disagree")
        }
    case .utf8:
        let whole = Array(bytes)
        let outcome = whole.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { UTF8Validation.check($0, buffer.count) }
        }
        if let outcome, (outcome.valid && outcome.end == whole.count) != Text.isValidUTF8(bytes) {
            fatalError("UTF-8: the whole-file check and the rule disagree")
        }
    case .cp932:
        if let converted = cp932?.convert(bytes), !Text.isValidUTF8(converted) {
            fatalError("CP932 decoding gave invalid UTF-8")
        }
    case .recordUTF8, .recordCP932:
        // ASCII reads the same in both encodings: the record path matters where a byte is not.
        if Text.hasNonASCII(bytes) { checkRecordPath(bytes, check == .recordUTF8 ? .utf8 : .cp932) }
    }
    return 0
}
