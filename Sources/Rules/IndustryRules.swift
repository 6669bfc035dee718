import CSVKit
import Values

/// industries.csv: one industry code with its benchmark category and SME sector.
public struct IndustryRules: Sendable {
    enum Column: Sendable { case code, label, category, sector }

    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]
    /// The sectors of sme_criteria.csv, when known; nil leaves `sector` unchecked.
    let sectors: Set<String>?

    public init(header: Header, sectors: Set<String>?) throws {
        order = try header.order([(.code, "code"), (.label, "label"), (.category, "category"), (.sector, "sector")])
        self.sectors = sectors
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> Industry {
        var code = "", label = "", category = "", sector = ""
        for (column, position) in order {
            switch column {
            case .code: code = try r.code(position)
            case .label: label = try r.checkedText(position)
            case .category: category = try r.code(position)
            case .sector:
                sector = try r.code(position)
                if let sectors, !sectors.contains(sector) { throw Fault(.unknownSector, in: r, at: position) }
            }
        }
        return Industry(code: code, label: label, category: category, sector: sector)
    }

    public static func key(_ row: Industry) -> String { row.code }
}
