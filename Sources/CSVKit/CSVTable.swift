import Values

/// A small CSV file (the pipeline's own outputs) read whole into text cells by header name.
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let rows: [[String]]
    private let positions: [String: Int]

    /// Reads `path`; any malformed record is an error naming the line (these files are written by
    /// the stages, so a fault means the file is not what it claims to be).
    public static func read(_ path: String) throws -> CSVTable {
        let file = Files.baseName(path)
        let reader = try CSVReader(path: path, encoding: .fixed(.utf8))
        var header: [String] = []
        var rows: [(line: Int, cells: [String])] = []
        try reader.read(
            parallel: false,
            header: { record in
                header = (0..<record.count).map { record.displayText($0) }
                return { TableConsumer() }
            },
            merge: { chunk, offset in
                if let bad = chunk.malformed.first {
                    throw PipelineError.badIntermediate(path: file, line: bad.line + offset, message: bad.kind.rawValue)
                }
                rows += chunk.rows.map { ($0.line + offset, $0.cells) }
            })
        if header.isEmpty { throw PipelineError.noHeader(path: file) }
        for row in rows where row.cells.count != header.count {
            throw PipelineError.badIntermediate(
                path: file, line: row.line, message: "\(row.cells.count) fields, header has \(header.count)")
        }
        return CSVTable(file: file, header: header, rows: rows.map(\.cells))
    }

    init(file: String, header: [String], rows: [[String]]) {
        self.file = file
        self.header = header
        self.rows = rows
        var positions: [String: Int] = [:]
        for (k, name) in header.enumerated() { positions[name] = k }
        self.positions = positions
    }

    /// The position of `column`, or a missing-column error.
    public func column(_ name: String) throws -> Int {
        guard let k = positions[name] else { throw PipelineError.missingColumn(path: file, line: 1, column: name, found: header) }
        return k
    }

    /// Each row as a dictionary of the named columns (all must exist).
    public func records(_ names: [String]) throws -> [[String: String]] {
        let ks = try names.map { try column($0) }
        return rows.map { row in
            var out: [String: String] = [:]
            for (name, k) in zip(names, ks) { out[name] = row[k] }
            return out
        }
    }
}

private final class TableConsumer: RecordConsumer {
    var rows: [(line: Int, cells: [String])] = []
    var malformed: [MalformedRecord] = []
    func consume(_ record: CSVRecord) { rows.append((record.line, (0..<record.count).map { record.displayText($0) })) }
    func consume(_ bad: MalformedRecord) { malformed.append(bad) }
}
