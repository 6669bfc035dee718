import CCSV
@testable import CSVKit
@testable import Values

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer target: the chunked reader (Tests/Fuzz/README.md). The input's first byte sets the
/// chunk size (1 to 256 bytes, at least an eighth of the input, so that cuts fall anywhere),
/// the second whether the chunks are parsed speculatively (the two-core path; on the workers,
/// or for most inputs on this thread) or in turn, and the encoding; the rest is the file. Checks:
/// - against libcsv reading the whole file in one call (the same strict options): when the file
///   is read as UTF-8 as it is and libcsv finds no error, the reader gives exactly libcsv's
///   records (fields byte for byte) and no malformed stretch;
/// - otherwise against the reader itself with one chunk, read in turn: the same records, lines
///   and malformed stretches whatever the chunking (the second byte's bit 1: the file read as
///   UTF-8 as it is, or with the encoding found, CP932 decoding included);
/// - line numbers never go down.
/// The file is read from memory (`CSVReader(bytes:)`): the reader's logic without system calls.

/// Records kept flat (each field's length, then its bytes; a record ends with 0xFFFF_FFFF):
/// one buffer rather than an array per field, so that comparing costs little.
final class Collect: RecordConsumer {
    var lines: [Int] = []
    var flat: [UInt8] = []
    var malformed: [MalformedRecord] = []
    func consume(_ record: CSVRecord) {
        lines.append(record.line)
        Self.append(record, to: &flat)
    }
    func consume(_ bad: MalformedRecord) { malformed.append(bad) }

    static func append(_ record: CSVRecord, to flat: inout [UInt8]) {
        for k in 0..<record.count { appendField(record.field(k), to: &flat) }
        appendEnd(to: &flat)
    }

    static func appendField<C: Collection>(_ field: C, to flat: inout [UInt8]) where C.Element == UInt8 {
        let n = UInt32(field.count)
        flat.append(UInt8(n & 0xFF))
        flat.append(UInt8(n >> 8 & 0xFF))
        flat.append(UInt8(n >> 16 & 0xFF))
        flat.append(UInt8(n >> 24))
        flat.append(contentsOf: field)
    }

    static func appendEnd(to flat: inout [UInt8]) {
        for _ in 0..<4 { flat.append(0xFF) }
    }
}

struct Outcome: Equatable {
    var lines: [Int] = []
    var flat: [UInt8] = []
    var malformed: [MalformedRecord] = []
    var failure: String?
}

/// The whole file through the product's reader (from memory: the same reading as from a
/// file, without the system calls).
func readAll(_ bytes: [UInt8], chunk: Int, parallel: Bool, inline: Bool = false, encoding: EncodingChoice) -> Outcome {
    var out = Outcome()
    do {
        let reader = try CSVReader(bytes: bytes, name: "fuzz.csv", encoding: encoding, chunkSize: chunk)
        reader.runsJobsInline = inline
        reader.pool = pool
        try reader.read(
            parallel: parallel,
            header: { record in
                out.lines.append(record.line)
                Collect.append(record, to: &out.flat)
                return { Collect() }
            },
            merge: { c, offset in
                out.lines += c.lines.map { $0 + offset }
                out.flat += c.flat
                out.malformed += c.malformed.map { $0.shifted(by: offset) }
            })
    } catch {
        out.failure = "\(error)"
    }
    return out
}

/// Parsers kept from input to input (their set-up is a good part of a small input's cost).
nonisolated(unsafe) let pool = ParserPool()

/// libcsv alone, the whole input in one call: its non-empty records (flat, as `Collect`), or
/// nil when it reports an error.
final class Plain {
    var flat: [UInt8] = []
    var fields = 0
}

func libcsvRecords(_ bytes: [UInt8]) -> [UInt8]? {
    var parser = csv_parser()
    guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)) == 0 else { return nil }
    defer { csv_free(&parser) }
    let plain = Plain()
    let context = Unmanaged.passUnretained(plain).toOpaque()
    let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { field, count, context in
        guard let context else { return }
        let plain = Unmanaged<Plain>.fromOpaque(context).takeUnretainedValue()
        Collect.appendField(field.map { UnsafeRawBufferPointer(start: $0, count: count) } ?? UnsafeRawBufferPointer(start: nil, count: 0), to: &plain.flat)
        plain.fields += 1
    }
    let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        guard let context else { return }
        let plain = Unmanaged<Plain>.fromOpaque(context).takeUnretainedValue()
        if plain.fields > 0 { Collect.appendEnd(to: &plain.flat) }
        plain.fields = 0
    }
    let consumed = bytes.withUnsafeBytes { raw in
        csv_parse(&parser, raw.baseAddress, raw.count, onField, onRecord, context)
    }
    guard consumed == bytes.count, csv_error(&parser) == 0 else { return nil }
    guard csv_fini(&parser, onField, onRecord, context) == 0 else { return nil }
    return plain.flat
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 2 else { return 0 }
    // At most about 8 chunks, however long the input (each costs a hand-over between threads):
    // the cuts fall anywhere across inputs, at ten thousand inputs a second.
    let chunk = max(1 + Int(data[0]), (size - 2) / 4)
    let parallel = data[1] & 1 == 1
    // Bits 2 and 3: the jobs on the workers only when both are set (a quarter of the parallel
    // inputs: a hand-over between threads costs more than a small input's parse).
    let inline = data[1] & 0x0C != 0x0C
    // Bit 1: the encoding found (auto: CP932 decoding and its marks) rather than UTF-8 as is.
    let encoding: EncodingChoice = data[1] & 2 == 2 ? .auto : .fixed(.utf8)
    let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))

    let cut = readAll(bytes, chunk: chunk, parallel: parallel, inline: inline, encoding: encoding)
    for (a, b) in zip(cut.lines, cut.lines.dropFirst()) where b < a {
        fatalError("line numbers go down: \(a) then \(b)")
    }
    // A gzip or zip file is refused at its first bytes (CSVReader.refuseCompressed), whatever
    // follows: never read as CSV.
    if bytes.starts(with: [0x1F, 0x8B]) || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        if cut.failure == nil { fatalError("a compressed file was read as CSV: \(cut.lines.count) records") }
        return 0
    }
    // Read as UTF-8 (fields as written) and without an error for libcsv: exactly libcsv's
    // records, read sequentially in one call, and no malformed stretch. A leading UTF-8 BOM is
    // the reader's to skip, not libcsv's.
    if case .fixed = encoding {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let reference = libcsvRecords(body) {
            if cut.failure != nil || cut.flat != reference || !cut.malformed.isEmpty {
                fatalError("chunk \(chunk) parallel \(parallel): reader and libcsv disagree: \(cut.lines.count) records, \(cut.malformed.count) malformed, failure \(cut.failure ?? "-")")
            }
            return 0
        }
    }
    // Otherwise (malformed stretches, CP932): the reader itself with one chunk holding the whole
    // file, read in turn, is the reference for every chunking; a file that fit in one chunk was
    // read so already.
    if chunk >= bytes.count { return 0 }
    let whole = readAll(bytes, chunk: bytes.count + 1, parallel: false, encoding: encoding)
    if cut != whole {
        fatalError("chunk \(chunk) parallel \(parallel): \(cut.lines.count) records vs \(whole.lines.count) in one chunk (lines \(cut.lines == whole.lines ? "same" : "differ"), fields \(cut.flat == whole.flat ? "same" : "differ")); malformed \(cut.malformed) vs \(whole.malformed); failure \(cut.failure ?? "-") vs \(whole.failure ?? "-")")
    }
    return 0
}
