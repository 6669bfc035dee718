/// The three measures of Monitoring Survey 2.
public enum Measure: String, CaseIterable, Sendable {
    case sales
    case netIncome = "net_income"
    case employees
}

/// A measure with the fiscal years it is followed over.
public struct MeasureWindow: Equatable, Sendable {
    public let measure: Measure
    public let first: Int
    public let last: Int

    public init(measure: Measure, first: Int, last: Int) {
        self.measure = measure
        self.first = first
        self.last = last
    }

    public var years: ClosedRange<Int> { first...last }
}

/// `WEIGHTS`: the shift-share weights of the corrected benchmark (SPEC 3.3).
public enum CorrectionWeights: String, Sendable {
    case value, count
}

/// `CI_METHOD`: the interval of the survey percentages (SPEC 3.1).
public enum IntervalMethod: String, Sendable {
    case wilson
    case clopperPearson = "clopper-pearson"
}

/// Text encodings an input may come in (SPEC 1.1).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case cp932 = "cp932"
}

/// `ENCODING=` of run.conf: decided per file, or one encoding for every CSV.
public enum EncodingChoice: Sendable, Equatable {
    case auto
    case fixed(TextEncoding)

    /// `auto`, `utf-8` (`utf8`) or `cp932` (`shift_jis`, `sjis`), in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .fixed(.utf8)
        case "cp932", "shift_jis", "sjis": self = .fixed(.cp932)
        default: return nil
        }
    }
}

/// The encoding of the CSV tables an annual run publishes (run.conf `CSV_ENCODING`): UTF-8 as
/// written, UTF-8 with a byte order mark (what Excel needs to open UTF-8 by double-click), or
/// CP932 (Japanese Windows' own).
public enum CSVEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case cp932

    /// The name datapackage.json gives it (Python's codec names, which frictionless reads).
    public var packageName: String {
        switch self {
        case .utf8: return "utf-8"
        case .utf8BOM: return "utf-8-sig"
        case .cp932: return "cp932"
        }
    }
}

/// The language of the report's and the charts' titles and headings (run.conf `LANGUAGE`);
/// the items' labels are the codebook's, whatever the language.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en
    case ja
}

/// A column of participants.csv the survey weights can be calibrated to (run.conf `CALIBRATE`,
/// SPEC 9).
public enum CalibrationColumn: String, Sendable, CaseIterable {
    case project, region
}
