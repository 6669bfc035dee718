@testable import CSVKit
@testable import Rules
@testable import Values
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target: the CSV reader (see README.md).
final class Collect: RecordConsumer {
    var records: [(line: Int, fields: [[UInt8]])] = []
    var malformed: [MalformedRecord] = []
    func consume(_ record: CSVRecord) {
        records.append((record.line, (0..<record.count).map { Array(record.field($0)) }))
    }
    func consume(_ bad: MalformedRecord) { malformed.append(bad) }
}

struct Outcome: Equatable {
    var header: [[UInt8]] = []
    var records: [Int] = []
    var fields: [[[UInt8]]] = []
    var malformed: [MalformedRecord] = []
    var failure: String?
}

func readAll(_ path: String, chunk: Int, parallel: Bool) -> Outcome {
    var out = Outcome()
    do {
        let reader = try CSVReader(path: path, encoding: .auto, chunkSize: chunk)
        try reader.read(
            parallel: parallel,
            header: { record in
                out.header = (0..<record.count).map { Array(record.field($0)) }
                return { Collect() }
            },
            merge: { c, offset in
                out.records += c.records.map { $0.line + offset }
                out.fields += c.records.map(\.fields)
                out.malformed += c.malformed.map { $0.shifted(by: offset) }
            })
    } catch {
        out.failure = "\(error)"
    }
    return out
}

let path: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(dir)/cluster-fuzz-csv-\(getpid()).csv"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    if let data, size > 0 { _ = write(fd, data, size) }
    close(fd)
    let reference = readAll(path, chunk: 1 << 20, parallel: false)
    for (chunk, parallel) in [(3, true), (3, false), (17, true), (1 << 20, true)] {
        let other = readAll(path, chunk: chunk, parallel: parallel)
        if other != reference {
            fatalError("reader disagrees: chunk \(chunk) parallel \(parallel): \(other.records.count) records vs \(reference.records.count), failure \(other.failure ?? "-") vs \(reference.failure ?? "-")")
        }
    }
    for (a, b) in zip(reference.records, reference.records.dropFirst()) where b < a {
        fatalError("line numbers go down: \(a) then \(b)")
    }
    return 0
}
