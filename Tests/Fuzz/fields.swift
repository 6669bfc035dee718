@testable import CSVKit
@testable import Rules
@testable import Values
/// libFuzzer target: the field parsers (see README.md).
let cp932 = try? CP932Codec(.toUTF8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFields(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = ArraySlice(UnsafeBufferPointer(start: data, count: size))
    if case .value(let v) = IntegerParser.parse(bytes) {
        guard case .value(let again) = IntegerParser.parse(ArraySlice(String(v).utf8)), again == v else {
            fatalError("integer \(v) does not read back")
        }
    }
    if let d = DecimalParser.parse(bytes) {
        if !d.isFinite { fatalError("decimal parsed to \(d)") }
    }
    if let month = PeriodEndParser.parse(bytes) {
        guard YearMonth.acceptedYears.contains(month.year), (1...12).contains(month.month),
            PeriodEndParser.parse(ArraySlice(month.description.utf8)) == month
        else { fatalError("period end \(month) out of range or not read back") }
    }
    if let t = TimestampParser.parse(bytes) {
        guard TimestampParser.parse(ArraySlice(t.description.utf8)) == t else {
            fatalError("timestamp \(t) does not read back")
        }
    }
    if let n = CorporateNumber.parse(bytes) {
        guard CorporateNumber.parse(ArraySlice(n.description.utf8)) == n else {
            fatalError("corporate number \(n) does not read back")
        }
    }
    // The in-place readers' fixed-place forms against the general rules.
    let whole = Array(bytes)
    if TimestampParser.parse(whole, 0..<whole.count) != TimestampParser.parse(bytes) {
        fatalError("timestamp: the in-place reader and the general rule disagree")
    }
    if CorporateNumber.parse(whole, 0..<whole.count) != CorporateNumber.parseGeneral(bytes) {
        fatalError("corporate number: the in-place reader and the general rule disagree")
    }
    let outcome = whole.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.map { UTF8Validation.check($0, buffer.count) }
    }
    if let outcome, (outcome.valid && outcome.end == whole.count) != Text.isValidUTF8(bytes) {
        fatalError("UTF-8: the whole-file check and the rule disagree")
    }
    if let converted = cp932?.convert(bytes) {
        if !Text.isValidUTF8(converted) { fatalError("CP932 decoding gave invalid UTF-8") }
    }
    return 0
}
