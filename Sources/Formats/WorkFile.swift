import CSVKit
import Statistics
import Values

/// The annual run's binary intermediates: what ingest has validated, stored so that a later
/// stage loads it instead of parsing and validating the CSV again (participants.csv is read by
/// panel and tabulate, responses.csv by tabulate, the panel by correct and index).
/// `cluster-ingest --work-files` writes `participants.frame` and `responses.table` in place of
/// those CSVs, `cluster-panel --work-file` the panel; every stage that takes participants,
/// responses or a panel accepts either form and tells them apart by the first bytes. The CSVs stay the documented interface; these files are private to one run (the
/// annual run deletes them) and carry no promise across versions: a file of another layout
/// version is refused, never guessed at.
///
/// Layout, all integers little-endian: the 8-byte magic `CLUSTWK1`, a kind byte, 7 zero bytes,
/// the payload — sections of a count (8 bytes) and that many fixed-width values, or of UTF-8
/// strings each preceded by its byte count — and last the payload's byte count (8 bytes): the
/// payload is streamed out (a million respondents' table is never held twice), and a file cut
/// short or run on is told by its last 8 bytes.
public enum WorkFile {
    public enum Kind: UInt8, Sendable {
        case frame = 1
        case responses = 2
        case panels = 3

        var name: String {
            switch self {
            case .frame: "participants frame"
            case .responses: "response table"
            case .panels: "panel"
            }
        }
    }

    static let magic = Array("CLUSTWK1".utf8)
    static let headerSize = 16
    static let trailerSize = 8

    /// The kind of work file at `path`, nil when it is not one (a CSV). Reads 16 bytes.
    public static func kind(of path: String?) throws -> Kind? {
        guard let path, path != "-" else { return nil }
        let head = try Files.prefix(path, count: headerSize)
        guard head.count == headerSize, Array(head[0..<8]) == magic else { return nil }
        return Kind(rawValue: head[8])
    }

    // MARK: frame

    /// The projects, the members in file order with their projects, and the frame's table
    /// (number → position) slot by slot, so that a reader builds no table of its own.
    public static func write(_ frame: Frame, to path: String) throws {
        var out = try Encoder(.frame, to: path)
        try out.strings(frame.projects)
        try out.uint64s(frame.numbers)
        try out.uint32s(frame.ranks)
        try out.strings(frame.regions)
        try out.uint32s(frame.regionRanks)
        let table = frame.positionTable
        try out.uint64s(table.keys)
        try out.uint64s(table.values)
        try out.finish()
    }

    public static func readFrame(_ path: String) throws -> Frame {
        var input = try Decoder(path: path, kind: .frame)
        let projects = try input.strings()
        let numbers = try input.uint64s()
        let ranks = try input.uint32s()
        let regions = try input.strings()
        let regionRanks = try input.uint32s()
        let keys = try input.uint64s()
        let values = try input.uint64s()
        try input.end()
        guard
            let frame = Frame(
                numbers: numbers, ranks: ranks, projects: projects, regionRanks: regionRanks, regions: regions,
                positionOf: (keys, values))
        else {
            throw input.corrupt("members, projects and the table disagree")
        }
        return frame
    }

    /// The frame's numbers only (the panel needs no projects): its table's keys.
    public static func readFrameIDs(_ path: String) throws -> IDSet {
        var input = try Decoder(path: path, kind: .frame)
        _ = try input.strings()
        let numbers = try input.count(width: 8)
        try input.skip(numbers, width: 8)
        try input.skip(try input.count(width: 4), width: 4)
        _ = try input.strings()
        try input.skip(try input.count(width: 4), width: 4)
        let keys = try input.uint64s()
        try input.skip(try input.count(width: 8), width: 8)
        try input.end()
        guard let ids = IDSet(slots: keys), ids.count == numbers else { throw input.corrupt("members and the table disagree") }
        return ids
    }

    // MARK: response table

    /// The table with its codebook's columns (checked against the codebook it is read with).
    public static func write(_ table: ResponseTable, to path: String) throws {
        var out = try Encoder(.responses, to: path)
        try out.strings(table.codebook.columns)
        try out.uint64s([table.hasWeight ? 1 : 0])
        try out.uint64s(table.respondents)
        try out.int64s(table.instants)
        try out.doubles(table.weights)
        try out.uint16s(table.compactCells)
        try out.finish()
    }

    public static func readResponses(_ path: String, codebook: Codebook) throws -> ResponseTable {
        var input = try Decoder(path: path, kind: .responses)
        let columns = try input.strings()
        guard columns == codebook.columns else {
            throw input.corrupt("written with another codebook (columns \(columns.joined(separator: ",")))")
        }
        let flags = try input.uint64s()
        let respondents = try input.uint64s()
        let instants = try input.int64s()
        let weights = try input.doubles()
        let cells = try input.uint16s()
        try input.end()
        guard flags.count == 1, flags[0] <= 1,
            let table = ResponseTable(
                codebook: codebook, hasWeight: flags[0] == 1, respondents: respondents, instants: instants,
                weights: weights, compactCells: cells)
        else { throw input.corrupt("columns of different lengths or a cell out of range") }
        return table
    }

    // MARK: panels

    /// Every measure's panel members (their logs stay in panel_log.csv, as with panel.csv).
    public static func write(_ panels: [Panel], to path: String) throws {
        var out = try Encoder(.panels, to: path)
        try out.strings(panels.map(\.measure.rawValue))
        try out.int64s(panels.map { Int64($0.window.first) })
        try out.int64s(panels.map { Int64($0.window.last) })
        // A panel's categories are a few benchmark categories: each member's found by comparing
        // with the last one's, then in turn (no hashing of the text per member).
        var categories: [String] = []
        var coded: [[UInt32]] = []
        for panel in panels {
            var codes: [UInt32] = []
            codes.reserveCapacity(panel.members.count)
            var last = -1
            for m in panel.members {
                if last < 0 || categories[last] != m.category {
                    last = categories.firstIndex(of: m.category) ?? categories.count
                    if last == categories.count { categories.append(m.category) }
                }
                codes.append(UInt32(last))
            }
            coded.append(codes)
        }
        try out.strings(categories)
        for (panel, codes) in zip(panels, coded) {
            try out.uint64s(panel.members.map(\.enterprise.value))
            try out.uint32s(codes)
            var values: [Int64] = []
            values.reserveCapacity(panel.members.count * panel.window.years.count)
            for m in panel.members { values += m.values }
            try out.int64s(values)
        }
        try out.finish()
    }

    /// The panels as `PanelCSV.read` gives them: members in the order written, each with every
    /// year of its window; the windows must be those of `config`'s MEASURES.
    public static func readPanels(_ path: String, config: RunConfig) throws -> [Panel] {
        var input = try Decoder(path: path, kind: .panels)
        let measures = try input.strings()
        let firsts = try input.int64s()
        let lasts = try input.int64s()
        let categories = try input.strings()
        let windows = config.measures
        guard measures == windows.map(\.measure.rawValue), firsts == windows.map({ Int64($0.first) }),
            lasts == windows.map({ Int64($0.last) })
        else { throw input.corrupt("written for other MEASURES (\(measures.joined(separator: ",")))") }
        var panels: [Panel] = []
        for window in windows {
            let enterprises = try input.uint64s()
            let categoryIndex = try input.uint32s()
            let values = try input.int64s()
            let years = window.years.count
            guard categoryIndex.count == enterprises.count, values.count == enterprises.count * years,
                categoryIndex.allSatisfy({ Int($0) < categories.count })
            else { throw input.corrupt("\(window.measure.rawValue): members, categories and values disagree") }
            var members: [PanelMember] = []
            members.reserveCapacity(enterprises.count)
            for (i, id) in enterprises.enumerated() {
                guard let number = CorporateNumber(validating: id) else {
                    throw input.corrupt("\(window.measure.rawValue): \(id) is not a corporate number")
                }
                members.append(
                    PanelMember(
                        enterprise: number, category: categories[Int(categoryIndex[i])],
                        values: Array(values[i * years..<(i + 1) * years])))
            }
            panels.append(Panel(window: window, members: members, log: [.inPanel: members.count]))
        }
        try input.end()
        return panels
    }

    // MARK: bytes

    /// Writes a work file section by section through a 1 MiB buffer.
    struct Encoder {
        private var bytes: [UInt8] = []
        private var payload = 0
        private let out: CSVWriter

        init(_ kind: Kind, to path: String) throws {
            out = try CSVWriter(path: path)
            try out.raw(WorkFile.magic + [kind.rawValue, 0, 0, 0, 0, 0, 0, 0])
            bytes.reserveCapacity(1 << 20 + 64)
        }

        private mutating func fixed(_ v: UInt64, width: Int) {
            for k in 0..<width { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        private mutating func spill() throws {
            guard bytes.count >= 1 << 20 else { return }
            try out.raw(bytes)
            payload += bytes.count
            bytes.removeAll(keepingCapacity: true)
        }
        private mutating func count(_ n: Int) throws {
            fixed(UInt64(n), width: 8)
            try spill()
        }
        /// A section of fixed-width values, copied in blocks of at most 1 MiB.
        private mutating func values<T: FixedWidthInteger>(_ values: [T]) throws {
            try count(values.count)
            let step = max(1, (1 << 20) / MemoryLayout<T>.size)
            var start = 0
            while start < values.count {
                let end = min(values.count, start + step)
                LittleEndian.append(values[start..<end], to: &bytes)
                try spill()
                start = end
            }
        }
        mutating func uint64s(_ values: [UInt64]) throws { try self.values(values) }
        mutating func int64s(_ values: [Int64]) throws { try self.values(values) }
        mutating func doubles(_ values: [Double]) throws { try self.values(values.map(\.bitPattern)) }
        mutating func uint32s(_ values: [UInt32]) throws { try self.values(values) }
        mutating func uint16s(_ values: [UInt16]) throws { try self.values(values) }
        mutating func strings(_ values: [String]) throws {
            try count(values.count)
            for s in values {
                try count(s.utf8.count)
                bytes.append(contentsOf: s.utf8)
                try spill()
            }
        }

        /// The payload's byte count after it, and the file closed.
        mutating func finish() throws {
            payload += bytes.count
            fixed(UInt64(payload), width: 8)
            try out.raw(bytes)
            bytes.removeAll()
            try out.close()
        }
    }

    struct Decoder {
        let path: String
        let kind: Kind
        let file: BinaryFile
        /// Where the payload ends (the trailer's first byte).
        let limit: Int
        var at = WorkFile.headerSize

        init(path: String, kind: Kind) throws {
            self.path = path
            self.kind = kind
            file = try BinaryFile(path: path)
            guard let head = try file.bytes(at: 0, count: WorkFile.headerSize), Array(head[0..<8]) == WorkFile.magic else {
                throw PipelineError.badIntermediate(path: path, line: 0, message: "not a work file of this version")
            }
            guard head[8] == kind.rawValue else {
                throw PipelineError.badIntermediate(
                    path: path, line: 0, message: "a work file, but not a \(kind.name) (kind \(head[8]))")
            }
            guard file.size >= WorkFile.headerSize + WorkFile.trailerSize,
                let trailer = try file.values(UInt64.self, at: file.size - WorkFile.trailerSize, count: 1)
            else {
                throw PipelineError.badIntermediate(path: path, line: 0, message: "truncated: \(file.size) bytes")
            }
            limit = file.size - WorkFile.trailerSize
            let declared = trailer[0]
            guard declared == UInt64(limit - WorkFile.headerSize) else {
                throw PipelineError.badIntermediate(
                    path: path, line: 0,
                    message: "truncated or extended: \(limit - WorkFile.headerSize) payload bytes, its last 8 bytes say \(declared)")
            }
        }

        func corrupt(_ what: String) -> PipelineError {
            .badIntermediate(path: path, line: 0, message: "\(kind.name): \(what)")
        }

        /// A section's count, checked against the bytes left for values of `width` bytes.
        mutating func count(width: Int) throws -> Int {
            guard limit - at >= 8, let word = try file.values(UInt64.self, at: at, count: 1) else {
                throw corrupt("ends inside a section's count")
            }
            let n = word[0]
            at += 8
            guard n <= UInt64(limit - at) / UInt64(max(width, 1)) else { throw corrupt("a section longer than the file") }
            return Int(n)
        }

        mutating func values<T: FixedWidthInteger>(_ type: T.Type) throws -> [T] {
            let n = try count(width: MemoryLayout<T>.size)
            guard let out = try file.values(T.self, at: at, count: n) else { throw corrupt("a section longer than the file") }
            at += n * MemoryLayout<T>.size
            return out
        }

        /// Steps over a section's `n` values (`count` has checked that they are in the file).
        mutating func skip(_ n: Int, width: Int) throws {
            at += n * width
        }

        mutating func uint64s() throws -> [UInt64] { try values(UInt64.self) }
        mutating func int64s() throws -> [Int64] { try values(Int64.self) }
        mutating func doubles() throws -> [Double] { try values(UInt64.self).map { Double(bitPattern: $0) } }
        mutating func uint32s() throws -> [UInt32] { try values(UInt32.self) }
        mutating func uint16s() throws -> [UInt16] { try values(UInt16.self) }

        mutating func strings() throws -> [String] {
            let n = try count(width: 8)
            var out: [String] = []
            for _ in 0..<n {
                let length = try count(width: 1)
                guard let bytes = try file.bytes(at: at, count: length),
                    let s = String(validating: bytes, as: UTF8.self)
                else { throw corrupt("a string not UTF-8") }
                out.append(s)
                at += length
            }
            return out
        }

        func end() throws {
            guard at == limit else { throw corrupt("\(limit - at) bytes after the last section") }
        }
    }
}
