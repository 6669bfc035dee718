import Foundation

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// Temporary files for tests, removed when the test process ends.
enum TestFiles {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `bytes` to a new file and returns its path.
    static func write(_ bytes: [UInt8], name: String = UUID().uuidString + ".csv") -> String {
        let url = folder.appendingPathComponent(name)
        let written = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        precondition(written, "cannot write the test file \(url.path)")
        return url.path
    }

    static func write(_ text: String, name: String = UUID().uuidString + ".csv") -> String {
        write(Array(text.utf8), name: name)
    }

    /// A new empty folder (its name ends with `name`) and its path.
    static func newFolder(_ name: String) -> String {
        let path = folder.appendingPathComponent("\(UUID().uuidString)-\(name)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// Collects what a reader hands over, with absolute line numbers.
final class CollectingConsumer: RecordConsumer {
    var records: [(line: Int, fields: [String])] = []
    var malformed: [MalformedRecord] = []

    func consume(_ record: CSVRecord) {
        records.append((record.line, (0..<record.count).map { record.displayText($0) }))
    }

    func consume(_ bad: MalformedRecord) { malformed.append(bad) }
}

/// Reads a whole file: the header and every record with its absolute line.
func readAll(_ path: String, parallel: Bool = true, encoding: EncodingChoice = .auto) throws
    -> (header: [String], records: [(line: Int, fields: [String])], malformed: [MalformedRecord], reader: CSVReader)
{
    try readAll(CSVReader(path: path, encoding: encoding), parallel: parallel)
}

/// Reads what `reader` reads to the end, as `readAll(_:parallel:encoding:)`.
func readAll(_ reader: CSVReader, parallel: Bool = true) throws
    -> (header: [String], records: [(line: Int, fields: [String])], malformed: [MalformedRecord], reader: CSVReader)
{
    var header: [String] = []
    var records: [(line: Int, fields: [String])] = []
    var malformed: [MalformedRecord] = []
    try reader.read(
        parallel: parallel,
        header: { record in
            header = (0..<record.count).map { record.displayText($0) }
            return { CollectingConsumer() }
        },
        merge: { chunk, offset in
            records += chunk.records.map { ($0.line + offset, $0.fields) }
            malformed += chunk.malformed.map { $0.shifted(by: offset) }
        })
    return (header, records, malformed, reader)
}
