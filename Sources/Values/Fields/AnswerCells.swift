/// The cells of the survey questionnaire (SPEC 1.1, responses.csv).
public enum AnswerCellParser {
    /// A multi-question item: selected = `1`, `○` (U+25CB) or `◯` (U+25EF); not selected = `0`
    /// or empty; nil for anything else.
    public static func multi(_ bytes: ArraySlice<UInt8>) -> Bool? {
        var scan = ByteScanner(bytes)
        if scan.isEmpty { return false }
        if scan.consume("○") || scan.consume("◯") { return scan.isAtEnd ? true : nil }
        guard let d = scan.digit(), scan.isAtEnd else { return nil }
        switch d {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }

    /// `multi` of field `range` of `bytes` (a record read in place): a lone `0` or `1` without
    /// making a slice, anything else through the general rule.
    @inlinable @inline(__always)
    public static func multi(_ bytes: [UInt8], _ range: Range<Int>) -> Bool? {
        if range.count == 1 {
            let b = bytes.span[range.lowerBound]
            if b == UInt8(ascii: "0") { return false }
            if b == UInt8(ascii: "1") { return true }
        }
        return multi(bytes[range])
    }

    /// `single` of field `range` of `bytes`: one ASCII digit without making a slice.
    @inlinable @inline(__always)
    public static func single(_ bytes: [UInt8], _ range: Range<Int>) -> IntegerField {
        if range.count == 1 {
            let b = bytes.span[range.lowerBound]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { return .value(Int64(b - UInt8(ascii: "0"))) }
        }
        return single(bytes[range])
    }

    /// A single-question cell: empty = no answer (`.missing`), else the integer code.
    public static func single(_ bytes: ArraySlice<UInt8>) -> IntegerField {
        var scan = ByteScanner(bytes)
        if scan.isEmpty { return .missing }
        let (value, count) = scan.digits(limit: 9)
        guard count > 0, scan.isAtEnd else { return .invalid }
        return .value(value)
    }
}
