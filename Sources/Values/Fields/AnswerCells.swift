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

    /// A single-question cell: empty = no answer (`.missing`), else the integer code.
    public static func single(_ bytes: ArraySlice<UInt8>) -> IntegerField {
        var scan = ByteScanner(bytes)
        if scan.isEmpty { return .missing }
        let (value, count) = scan.digits(limit: 9)
        guard count > 0, scan.isAtEnd else { return .invalid }
        return .value(value)
    }
}
