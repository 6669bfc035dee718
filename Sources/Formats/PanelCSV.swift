import CSVKit
import Rules
import Statistics
import Values

/// The panel as the panel stage writes it and the later stages read it:
/// `measure,enterprise_id,category,fiscal_year,value`, ordered by measure (MEASURES order),
/// enterprise, year.
public enum PanelCSV {
    public static let columns = ["measure", "enterprise_id", "category", "fiscal_year", "value"]
    public static let logColumns = ["measure", "reason", "enterprises"]

    public static func write(_ panels: [Panel], to out: CSVWriter) throws {
        try out.row(columns)
        for panel in panels {
            for member in panel.members {
                for (k, value) in member.values.enumerated() {
                    out.field(panel.measure.rawValue)
                    out.field(zeroPadded: member.enterprise.value, width: 13)
                    out.field(member.category)
                    out.field(Int64(panel.window.first + k))
                    out.field(value)
                    try out.endRow()
                }
            }
        }
    }

    /// panel_log.csv: every reason of every measure, in SPEC order.
    public static func writeLog(_ panels: [Panel], to out: CSVWriter) throws {
        try out.row(logColumns)
        for panel in panels {
            for reason in PanelReason.allCases {
                out.field(panel.measure.rawValue)
                out.field(reason.rawValue)
                out.field(Int64(panel.log[reason] ?? 0))
                try out.endRow()
            }
        }
    }

    public static let membersColumns = ["measure", "enterprise_id", "project", "category", "reason"]

    /// panel_members.csv (SPEC 10): every participant of every measure with its reason, in
    /// MEASURES order, then by number. `projectOf[i]` is the position in `projects` of the
    /// audit's participant `i` (its numbers are in ascending order).
    public static func writeMembers(
        _ audit: PanelAudit, measures: [Measure], projects: [String], projectOf: [Int], to out: CSVWriter
    ) throws {
        try out.row(membersColumns)
        // A national frame gives millions of rows of a few dozen distinct texts: each text is
        // encoded once, and each participant's project looked up once, not once per measure.
        let projectText = projects.map(CSVWriter.encoded)
        let none = CSVWriter.encoded("")
        let projectOfRow = audit.numbers.indices.map { i in i < projectOf.count ? projectText[projectOf[i]] : none }
        let reasonText = PanelReason.allCases.map { CSVWriter.encoded($0.rawValue) }
        let categoryText = audit.categories.map(CSVWriter.encoded)
        for (m, measure) in measures.enumerated() where m < audit.measures {
            let measureText = CSVWriter.encoded(measure.rawValue)
            for i in 0..<audit.count {
                let (reason, industry) = audit.codes(measure: m, at: i)
                out.field(encoded: measureText)
                out.field(zeroPadded: audit.numbers[i], width: 13)
                out.field(encoded: projectOfRow[i])
                out.field(encoded: industry >= 0 ? categoryText[industry] : none)
                out.field(encoded: reasonText[reason])
                try out.endRow()
            }
        }
    }

    /// One row of panel_members.csv.
    public struct MemberRow: Sendable, Equatable {
        public let measure: Measure
        public let enterprise: CorporateNumber
        public let project: String
        public let category: String
        public let reason: PanelReason
    }

    struct MemberRules: RecordRules {
        let measure: Int, enterprise: Int, project: Int, category: Int, reason: Int

        init(header: Header) throws {
            measure = try header.require("measure")
            enterprise = try header.require("enterprise_id")
            project = try header.require("project")
            category = try header.require("category")
            reason = try header.require("reason")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> MemberRow {
            guard let m = Measure(rawValue: try r.code(measure)) else { throw Fault(.invalidMeasure, in: r, at: measure) }
            let id = try r.corporateNumber(enterprise)
            guard let why = PanelReason(rawValue: try r.code(reason)) else {
                throw Fault(.unexpectedValue, in: r, at: reason)
            }
            return MemberRow(measure: m, enterprise: id, project: try r.code(project), category: try r.checkedText(category), reason: why)
        }
    }

    /// Reads panel_members.csv back; any fault is an error naming the line and column.
    public static func readMembers(_ path: String) throws -> [MemberRow] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: membersColumns) {
            try MemberRules(header: $0)
        }
    }

    /// One row of panel_log.csv.
    public struct LogRow: Sendable, Equatable {
        public let measure: Measure
        public let reason: PanelReason
        public let enterprises: Int
    }

    struct LogRules: RecordRules {
        let measure: Int, reason: Int, enterprises: Int

        init(header: Header) throws {
            measure = try header.require("measure")
            reason = try header.require("reason")
            enterprises = try header.require("enterprises")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> LogRow {
            guard let m = Measure(rawValue: try r.code(measure)) else { throw Fault(.invalidMeasure, in: r, at: measure) }
            guard let why = PanelReason(rawValue: try r.code(reason)) else {
                throw Fault(.unexpectedValue, in: r, at: reason)
            }
            guard let n = try r.integer(enterprises, required: true), n <= Int64(Int.max) else {
                throw Fault(.invalidInteger, in: r, at: enterprises)
            }
            return LogRow(measure: m, reason: why, enterprises: Int(n))
        }
    }

    /// Reads panel_log.csv back; any fault is an error naming the line and column.
    public static func readLog(_ path: String) throws -> [LogRow] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: logColumns) { try LogRules(header: $0) }
    }

    /// One row of the panel file.
    public struct Row: Sendable, Equatable {
        public let measure: Measure
        public let enterprise: CorporateNumber
        public let category: String
        public let year: Int
        public let value: Int64
    }

    struct Rules: RecordRules {
        let measure: Int, enterprise: Int, category: Int, year: Int, value: Int

        init(header: Header) throws {
            measure = try header.require("measure")
            enterprise = try header.require("enterprise_id")
            category = try header.require("category")
            year = try header.require("fiscal_year")
            value = try header.require("value")
        }

        func validate(_ r: CSVRecord) throws(Fault) -> Row {
            guard let m = Measure(rawValue: try r.code(measure)) else {
                throw Fault(.invalidMeasure, in: r, at: measure)
            }
            let id = try r.corporateNumber(enterprise)
            let c = try r.code(category)
            guard let y = try r.integer(year, required: true), YearMonth.acceptedYears.contains(Int(y)) else {
                throw Fault(.invalidInteger, in: r, at: year)
            }
            guard let v = try r.integer(value, required: true, allowNegative: true) else {
                throw Fault(.missingValue, in: r, at: value)
            }
            return Row(measure: m, enterprise: id, category: c, year: Int(y), value: v)
        }
    }

    /// Reads a panel file back into one panel per measure of `config` (windows from `config`).
    /// Any fault is an error naming the line: this file is the pipeline's own.
    public static func read(_ path: String?, file: String, config: RunConfig) throws -> [Panel] {
        let rows = try RecordLoop.readIntermediate(path, file: file, columns: columns) { try Rules(header: $0) }
        return try assemble(rows, config: config, file: file)
    }

    /// Groups rows into members; a member must have every year of its measure's window once.
    static func assemble(_ rows: [Row], config: RunConfig, file: String) throws -> [Panel] {
        try config.measures.map { window in
            // Members in the order the file first names them, found through an IDMap.
            var slot = IDMap()
            var entries: [(enterprise: CorporateNumber, category: String, values: [Int64?])] = []
            for row in rows where row.measure == window.measure {
                guard window.years.contains(row.year) else {
                    throw PipelineError.badIntermediate(
                        path: file, line: 0,
                        message: "\(row.measure.rawValue) of \(row.enterprise) has year \(row.year), outside the window \(window.first)-\(window.last)")
                }
                let k: Int
                if let found = slot[row.enterprise.value] {
                    k = Int(found)
                } else {
                    k = entries.count
                    slot.set(row.enterprise.value, UInt64(k))
                    entries.append((row.enterprise, row.category, Array(repeating: nil, count: window.years.count)))
                }
                entries[k].values[row.year - window.first] = row.value
            }
            var members: [PanelMember] = []
            members.reserveCapacity(entries.count)
            for (enterprise, category, yearValues) in entries {
                let entry = (category: category, values: yearValues)
                let values = entry.values.compactMap { $0 }
                guard values.count == entry.values.count else {
                    throw PipelineError.badIntermediate(
                        path: file, line: 0,
                        message: "\(window.measure.rawValue) of \(enterprise) lacks some year of \(window.first)-\(window.last)")
                }
                members.append(PanelMember(enterprise: enterprise, category: entry.category, values: values))
            }
            return Panel(window: window, members: members, log: [.inPanel: members.count])
        }
    }
}
