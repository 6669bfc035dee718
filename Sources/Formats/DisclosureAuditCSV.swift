import CSVKit
import Rules
import Statistics
import Values

/// disclosure_audit.csv (SPEC 11, confidential):
/// `table,cell,rule,value,lower,upper,protection,verdict`, one row per withheld cell of the
/// published tables: the interval an intruder can derive for it from everything published
/// (empty ends: unbounded), the half-width it must reach on each side of the value, and the
/// verdict. Rows: index tables (measures in MEASURES order), then the survey tables.
public enum DisclosureAuditCSV {
    public static let columns = ["table", "cell", "rule", "value", "lower", "upper", "protection", "verdict"]

    public static func write(_ rows: [AuditRow], to out: CSVWriter) throws {
        try out.row(columns)
        for r in rows {
            out.field(r.table)
            out.field(r.cell)
            out.field(r.rule.rawValue)
            out.field(r.value)
            for end in [r.lower, r.upper] {
                if let end { out.field(shown(end)) } else { out.emptyField() }
            }
            out.field(r.protection)
            out.field(r.verdict.rawValue)
            try out.endRow()
        }
    }

    /// An interval end as shown: 10 significant digits. The solver's ends carry the equalities'
    /// tolerance (about 1e-12 of the totals) in their last digits; the verdict is decided before.
    static func shown(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        var exponent = 0
        var m = abs(x)
        while m >= 10 && exponent < 400 {
            m /= 10
            exponent += 1
        }
        while m < 1 && exponent > -400 {
            m *= 10
            exponent -= 1
        }
        let digits = 9 - exponent
        let scale = pow10(digits)
        let y = digits >= 0 ? (x * scale).rounded() / scale : (x / pow10(-digits)).rounded() * pow10(-digits)
        return y.isFinite ? y : x
    }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<min(max(n, 0), 400) { p *= 10 }
        return p
    }

    /// Fails (exit 65) naming the first exposed cell: where it is, why it was withheld, the
    /// interval it can be worked out to and the protection it needed.
    public static func check(_ rows: [AuditRow], writtenTo path: String?) throws {
        let exposed = rows.filter { $0.verdict == .exposed }
        guard let first = exposed.first else { return }
        // No number: the interval and the protection (a share of the value) would tell the
        // withheld value to whoever reads the log. The audit table has them.
        throw PipelineError.impossible(
            "disclosure audit: \(exposed.count) withheld cell\(exposed.count == 1 ? "" : "s") can be worked out from the published tables to within less than the protection level (PROTECTION); first \(first.table) \(first.cell) (\(first.rule.status)); nothing may be published (\(path.map { "the audit is in \(Files.baseName($0))" } ?? "--audit FILE writes the audit"))"
        )
    }

    struct Rules: RecordRules {
        let table: Int, cell: Int, rule: Int, value: Int, lower: Int, upper: Int, protection: Int, verdict: Int

        init(header: Header) throws {
            table = try header.require("table")
            cell = try header.require("cell")
            rule = try header.require("rule")
            value = try header.require("value")
            lower = try header.require("lower")
            upper = try header.require("upper")
            protection = try header.require("protection")
            verdict = try header.require("verdict")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> AuditRow {
            guard let rule = DisclosureRule(rawValue: try r.code(rule)) else { throw Fault(.unexpectedValue, in: r, at: rule) }
            guard let verdict = AuditFinding.Verdict(rawValue: try r.code(verdict)) else {
                throw Fault(.unexpectedValue, in: r, at: verdict)
            }
            return AuditRow(
                table: try r.code(table), cell: try r.code(cell), rule: rule, value: try r.decimal(value, required: true) ?? 0,
                lower: try r.decimal(lower), upper: try r.decimal(upper),
                protection: try r.decimal(protection, required: true) ?? 0, verdict: verdict)
        }
    }

    /// Reads disclosure_audit.csv back, in UTF-8 or in the CP932 CSV_ENCODING may have given
    /// it; any fault is an error naming the line and column.
    public static func read(_ path: String) throws -> [AuditRow] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns, encoding: .auto) {
            try Rules(header: $0)
        }
    }
}
