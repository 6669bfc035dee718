/// sme_criteria.csv: one SME definition per sector.
public struct SMECriteriaRules: Sendable {
    let sector: Int, maxCapital: Int, maxEmployees: Int

    public init(header: Header) throws {
        sector = try header.require("sector")
        maxCapital = try header.require("max_capital")
        maxEmployees = try header.require("max_employees")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> SMECriterion {
        var s = "", c: Int64 = 0, e: Int64 = 0
        for column in [sector, maxCapital, maxEmployees].sorted() {
            switch column {
            case sector: s = try r.code(column)
            case maxCapital: c = try r.integer(column, required: true) ?? 0
            default: e = try r.integer(column, required: true) ?? 0
            }
        }
        return SMECriterion(sector: s, maxCapital: c, maxEmployees: e)
    }

    /// Rows are keyed by sector.
    public static func key(_ row: SMECriterion) -> String { row.sector }
}

/// industries.csv: one industry code with its benchmark category and SME sector.
public struct IndustryRules: Sendable {
    let code: Int, label: Int, category: Int, sector: Int
    /// The sectors of sme_criteria.csv, when known; nil leaves `sector` unchecked.
    let sectors: Set<String>?

    public init(header: Header, sectors: Set<String>?) throws {
        code = try header.require("code")
        label = try header.require("label")
        category = try header.require("category")
        sector = try header.require("sector")
        self.sectors = sectors
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> Industry {
        var values = ["", "", "", ""]
        for column in [code, label, category, sector].sorted() {
            switch column {
            case code: values[0] = try r.code(column)
            case label: values[1] = try r.checkedText(column)
            case category: values[2] = try r.code(column)
            default:
                let s = try r.code(column)
                if let sectors, !sectors.contains(s) { throw Fault(.unknownSector, in: r, at: column) }
                values[3] = s
            }
        }
        return Industry(code: values[0], label: values[1], category: values[2], sector: values[3])
    }

    public static func key(_ row: Industry) -> String { row.code }
}
