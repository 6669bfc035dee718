import CSVKit
import Rules
import Statistics
import Values

/// The normalised form of each input: the columns of SPEC 1.1 in SPEC order, canonical values
/// (ASCII digits, `YYYY-MM`, timestamps in +09:00), UTF-8. Reading it back through `Ingest`
/// gives the same rows: every stage after ingest reads these files with the same rules.
public enum NormalisedCSV {
    public static func columns(_ kind: InputKind, hasWeight: Bool, codebook: Codebook?) -> [String] {
        switch kind {
        case .responses:
            return ["respondent_id", "submitted_at"] + (hasWeight ? ["weight"] : []) + (codebook?.columns ?? [])
        case .published:
            return kind.requiredColumns + kind.optionalColumns
        default:
            return kind.requiredColumns
        }
    }

    public static func writeHeader(_ kind: InputKind, hasWeight: Bool, codebook: Codebook?, to out: CSVWriter) throws {
        try out.row(columns(kind, hasWeight: hasWeight, codebook: codebook))
    }

    @inline(__always)
    public static func write(_ s: Statement, industries: IndustryTable, to out: CSVWriter) throws {
        out.field(zeroPadded: s.enterprise.value, width: 13)
        out.field(s.periodEnd)
        out.field(Int64(s.periodMonths))
        out.field(industries[s.industry].code)
        out.field(s.capital)
        out.field(s.employees)
        out.field(s.sales)
        out.field(s.netIncome)
        try out.endRow()
    }

    public static func write(_ rows: [SMECriterion], to out: CSVWriter) throws {
        try writeHeader(.smeCriteria, hasWeight: false, codebook: nil, to: out)
        for r in rows {
            out.field(r.sector)
            out.field(r.maxCapital)
            out.field(r.maxEmployees)
            try out.endRow()
        }
    }

    public static func write(_ rows: [Industry], to out: CSVWriter) throws {
        try writeHeader(.industries, hasWeight: false, codebook: nil, to: out)
        for r in rows { try out.row([r.code, r.label, r.category, r.sector]) }
    }

    public static func write(_ rows: [Participant], to out: CSVWriter) throws {
        try writeHeader(.participants, hasWeight: false, codebook: nil, to: out)
        for r in rows { try write(r, to: out) }
    }

    public static func write(_ r: Participant, to out: CSVWriter) throws {
        try out.row([r.id.description, r.name, r.project, r.region])
    }

    public static func write(_ rows: [CodebookItem], to out: CSVWriter) throws {
        try writeHeader(.codebook, hasWeight: false, codebook: nil, to: out)
        for r in rows { try out.row([r.question, r.type.rawValue, String(r.item), r.column, r.label]) }
    }

    public static func write(_ rows: [BenchmarkCell], to out: CSVWriter) throws {
        try writeHeader(.benchmark, hasWeight: false, codebook: nil, to: out)
        for r in rows {
            out.field(Int64(r.fiscalYear))
            out.field(r.category)
            out.field(r.sizeClass)
            out.field(r.capitalMin)
            out.field(r.capitalMax)
            out.field(r.corporations)
            out.field(r.sales)
            out.field(r.netIncome)
            out.field(r.employees)
            try out.endRow()
        }
    }

    public static func write(_ rows: [PublishedValue], to out: CSVWriter) throws {
        try writeHeader(.published, hasWeight: false, codebook: nil, to: out)
        for r in rows { try out.row([r.figure, r.series, r.measure, r.key, r.value, r.legibility, r.label]) }
    }

    public static func write(_ table: ResponseTable, to out: CSVWriter) throws {
        try writeHeader(.responses, hasWeight: table.hasWeight, codebook: table.codebook, to: out)
        for i in 0..<table.count {
            out.field(zeroPadded: table.respondents[i], width: 13)
            out.field(Timestamp(epochNanoseconds: table.instants[i]).description)
            if table.hasWeight { out.field(table.weight(i)) }
            for k in 0..<table.width {
                let cell = table.cell(i, column: k)
                if cell == Response.noAnswer { out.emptyField() } else { out.field(Int64(cell)) }
            }
            try out.endRow()
        }
    }
}
