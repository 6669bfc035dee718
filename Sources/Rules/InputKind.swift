import CSVKit
import Values

/// The CSV inputs of SPEC 1.1, with the columns each must and may have.
public enum InputKind: String, CaseIterable, Sendable {
    case smeCriteria = "sme_criteria"
    case industries
    case participants
    case codebook
    case responses
    case statements
    case benchmark
    case published

    /// The kind named on a command line (`sme_criteria` or `sme-criteria`).
    public init?(argument: String) {
        self.init(rawValue: String(argument.map { $0 == "-" ? "_" : $0 }))
    }

    /// The tables every series depends on, which accept no reject (SPEC 7.6).
    public var isReferenceTable: Bool {
        switch self {
        case .benchmark, .industries, .smeCriteria, .codebook: return true
        case .participants, .responses, .statements, .published: return false
        }
    }

    /// The file's name in an input folder.
    public var fileName: String { rawValue + ".csv" }

    /// Columns the header must name (responses also need the codebook's item columns).
    public var requiredColumns: [String] {
        switch self {
        case .smeCriteria: return ["sector", "max_capital", "max_employees"]
        case .industries: return ["code", "label", "category", "sector"]
        case .participants: return ["enterprise_id", "name", "project", "region"]
        case .codebook: return ["question", "type", "item", "column", "label"]
        case .responses: return ["respondent_id", "submitted_at"]
        case .statements:
            return [
                "enterprise_id", "period_end", "period_months", "industry", "capital", "employees", "sales",
                "net_income",
            ]
        case .benchmark:
            return [
                "fiscal_year", "category", "size_class", "capital_min", "capital_max", "corporations", "sales",
                "net_income", "employees",
            ]
        case .published: return ["figure", "series", "measure", "key", "value"]
        }
    }

    /// Columns the header may name.
    public var optionalColumns: [String] {
        switch self {
        case .responses: return ["weight"]
        case .published: return ["legibility", "label"]
        default: return []
        }
    }

    public var isRequiredInFolder: Bool { self != .published }
}

/// A header row bound to the columns a rule set reads.
public struct Header: Sendable {
    public let file: String
    public let line: Int
    public let names: [String]
    private let positions: [String: Int]

    /// Reads the header record; a column named twice is an error.
    public init(record: CSVRecord, file: String) throws {
        var names: [String] = []
        var positions: [String: Int] = [:]
        // Empty names at the end are no columns (Excel saves `a,b,c,,` when cells to the right
        // were once used): records may have those cells, empty.
        var named = record.count
        while named > 0 && Text.display(record.field(named - 1)).trimmingSpaces.isEmpty { named -= 1 }
        for index in 0..<named {
            // Spaces, tabs and a byte order mark around a name are not part of it (a second BOM
            // from a file saved twice, `Enterprise_ID ` typed in a spreadsheet).
            var name = Text.display(record.field(index)).trimmingSpaces
            while name.hasPrefix("\u{FEFF}") { name = String(name.dropFirst()).trimmingSpaces }
            if positions[name] != nil {
                throw PipelineError.duplicateColumn(path: file, line: record.line, column: index + 1, name: name)
            }
            positions[name] = index
            names.append(name)
        }
        self.file = file
        self.line = record.line
        self.names = names
        self.positions = positions
        self.declared = record.count
    }

    public var count: Int { names.count }

    /// The header's cells, the empty ones at its end included.
    public let declared: Int

    /// How many fields a record may have: the named columns, and up to `declared` when the
    /// cells past the named columns are empty.
    public var shape: FieldShape { FieldShape(named: names.count, declared: declared) }

    /// The position of `column`, or nil.
    public func position(of column: String) -> Int? { positions[column] }

    /// The position of a column the file must have.
    public func require(_ column: String) throws -> Int {
        guard let position = positions[column] else {
            throw PipelineError.missingColumn(path: file, line: line, column: column, found: names)
        }
        return position
    }

    /// The positions of the `required` columns and of those `optional` ones the header names,
    /// in file order: a rule set reads a record's fields in this order, so that a record's first
    /// bad field (leftmost) is the one reported.
    package func order<Column>(_ required: [(Column, String)], optional: [(Column, String)] = []) throws
        -> [(column: Column, position: Int)]
    {
        var order: [(column: Column, position: Int)] = []
        for (column, name) in required { order.append((column, try require(name))) }
        for (column, name) in optional {
            if let position = position(of: name) { order.append((column, position)) }
        }
        return order.sorted { $0.position < $1.position }
    }

    /// Header names that no rule reads, in file order.
    public func unknown(known: Set<String>) -> [String] {
        names.filter { !known.contains($0) }
    }
}

/// The fields a header allows a record (`Header.shape`).
public struct FieldShape: Sendable {
    public let named: Int
    public let declared: Int
}
