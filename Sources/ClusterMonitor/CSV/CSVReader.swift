import CCSV

#if canImport(Glibc)
import Glibc
#endif

/// Text encodings an input may come in (SPEC 1.1).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case cp932 = "cp932"
}

/// `ENCODING=` of run.conf: decided per file, or one encoding for every CSV.
public enum EncodingChoice: Sendable, Equatable {
    case auto
    case fixed(TextEncoding)

    /// `auto`, `utf-8` (`utf8`) or `cp932` (`shift_jis`, `sjis`), in any case.
    public init?(name: String) {
        switch name.lowercased() {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .fixed(.utf8)
        case "cp932", "shift_jis", "sjis": self = .fixed(.cp932)
        default: return nil
        }
    }
}

/// Streams a CSV file through libcsv in 1 MiB blocks and hands each record over with the
/// physical line it starts on. The only code that touches libcsv.
///
/// - Memory: one block, one record and libcsv's field buffer, whatever the file size.
/// - Line numbers count LF bytes (so CRLF and LF files agree, and a quoted newline advances
///   the count).
/// - A strict-mode parse error becomes a `.malformed` event; reading resumes after the end of
///   the physical line where the error was found.
/// - Encoding `auto`: the first block holding a non-ASCII byte decides — valid UTF-8 from
///   that byte to the end of the block is UTF-8, anything else CP932. For files up to one
///   block (1 MiB) that is exactly "valid UTF-8, else CP932". A UTF-8 BOM is skipped and
///   means UTF-8.
public final class CSVReader {
    public static let blockSize = 1 << 20

    /// The name used in messages (the path, or `<stdin>`).
    public let name: String
    public private(set) var encoding: TextEncoding?
    public private(set) var bytesRead = 0
    public private(set) var sawBOM = false

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let parser: UnsafeMutablePointer<csv_parser>
    private let block: UnsafeMutableRawBufferPointer
    private var decoder: CP932Codec?

    private var line = 1
    private var recordStart = 1
    private var record = CSVRecord()
    private var skippingToLineEnd = false
    private var handler: ((CSVEvent) throws -> Void)?
    private var failure: Error?

    /// Opens `path` (nil or `-` for standard input).
    public init(path: String?, encoding: EncodingChoice = .auto) throws {
        if let path, path != "-" {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw PipelineError.inputUnreadable(path: path, reason: Self.errnoText())
            }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw PipelineError.inputUnreadable(path: path, reason: "is a directory")
            }
            descriptor = fd
            ownsDescriptor = true
            name = path
        } else {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            name = "<stdin>"
        }
        if case .fixed(let fixed) = encoding { self.encoding = fixed }
        parser = .allocate(capacity: 1)
        block = .allocate(byteCount: Self.blockSize, alignment: 16)
        let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)
        guard csv_init(parser, options) == 0 else {
            parser.deallocate()
            block.deallocate()
            if ownsDescriptor { close(descriptor) }
            throw PipelineError.library(name: "libcsv", message: "csv_init failed")
        }
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        block.deallocate()
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads to the end, calling `handler` for every record and malformed stretch in file order.
    /// `progress` is called after each block with the bytes read so far.
    public func read(
        progress: ((Int) -> Void)? = nil, _ handler: (CSVEvent) throws -> Void
    ) throws {
        try withoutActuallyEscaping(handler) { body in
            self.handler = body
            defer { self.handler = nil }
            try readBlocks(progress: progress)
        }
    }

    private func readBlocks(progress: ((Int) -> Void)?) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var first = true
        while true {
            let count = try readBlock()
            if count == 0 { break }
            bytesRead += count
            var offset = 0
            if first {
                first = false
                if count >= 3, block[0] == 0xEF, block[1] == 0xBB, block[2] == 0xBF {
                    offset = 3
                    sawBOM = true
                    if encoding == nil { encoding = .utf8 }
                }
            }
            if encoding == nil { decideEncoding(from: offset, to: count) }
            try parse(from: offset, to: count, context: context)
            progress?(bytesRead)
        }
        if skippingToLineEnd { return }
        if csv_fini(parser, Self.onField, Self.onRecord, context) != 0 {
            let start = record.count > 0 ? recordStart : line
            let pending = pendingBytes()
            let excerpt = record.bytes + (record.count > 0 ? [UInt8(ascii: ",")] : []) + pending
            line += pending.lazy.filter { $0 == 0x0A }.count
            record.reset()
            ccsv_reset(parser)
            try deliver(
                .malformed(
                    MalformedRecord(
                        kind: .unterminatedQuote, line: start, lastLine: line,
                        excerpt: Text.excerpt(excerpt, limit: 120))))
        }
        if let failure { throw failure }
    }

    private func readBlock() throws -> Int {
        while true {
            let got = Glibc.read(descriptor, block.baseAddress, Self.blockSize)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw PipelineError.inputUnreadable(path: name, reason: Self.errnoText())
        }
    }

    private func parse(from start: Int, to end: Int, context: UnsafeMutableRawPointer) throws {
        guard let base = block.baseAddress else { return }
        var offset = start
        while offset < end {
            if skippingToLineEnd {
                guard let newline = firstIndex(of: 0x0A, from: offset, to: end) else { return }
                line += 1
                offset = newline + 1
                skippingToLineEnd = false
                continue
            }
            let consumed = csv_parse(parser, base + offset, end - offset, Self.onField, Self.onRecord, context)
            if let failure { throw failure }
            if consumed == end - offset { return }
            guard csv_error(parser) == CSV_EPARSE else {
                throw PipelineError.library(
                    name: "libcsv", message: "\(name): \(String(cString: csv_strerror(csv_error(parser))))")
            }
            let errorAt = offset + consumed
            let start = record.count > 0 ? recordStart : line
            let pending = pendingBytes()
            line += pending.lazy.filter { $0 == 0x0A }.count
            let lineEnd = firstIndex(of: 0x0A, from: errorAt, to: end) ?? end
            let rest = UnsafeRawBufferPointer(start: base + errorAt, count: min(lineEnd - errorAt, 80))
            var excerpt = record.bytes
            if record.count > 0 { excerpt.append(UInt8(ascii: ",")) }
            excerpt += pending
            excerpt += rest
            record.reset()
            ccsv_reset(parser)
            skippingToLineEnd = true
            offset = errorAt
            try deliver(
                .malformed(
                    MalformedRecord(
                        kind: .strayQuote, line: start, lastLine: line,
                        excerpt: Text.excerpt(excerpt, limit: 120))))
        }
    }

    private func pendingBytes() -> [UInt8] {
        let count = ccsv_pending_count(parser)
        guard count > 0, let bytes = ccsv_pending_bytes(parser) else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    private func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = block.baseAddress,
            let hit = memchr(base + start, Int32(byte), end - start)
        else { return nil }
        return hit - base
    }

    private func decideEncoding(from start: Int, to end: Int) {
        let bytes = UnsafeRawBufferPointer(rebasing: block[start..<end])
        guard let firstHigh = bytes.firstIndex(where: { $0 >= 0x80 }) else { return }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[firstHigh...])
        encoding =
            Text.isValidUTF8(Array(rest), allowTruncatedEnd: true) ? .utf8 : .cp932
    }

    // MARK: libcsv callbacks

    private static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        bytes, count, context in
        guard let context else { return }
        Unmanaged<CSVReader>.fromOpaque(context).takeUnretainedValue().appendField(bytes, count)
    }

    private static let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        guard let context else { return }
        Unmanaged<CSVReader>.fromOpaque(context).takeUnretainedValue().endRecord(terminator)
    }

    @inline(__always)
    private func appendField(_ bytes: UnsafeMutableRawPointer?, _ count: Int) {
        if failure != nil { return }
        if record.ends.isEmpty { recordStart = line }
        if count > 0, let bytes {
            let field = UnsafeRawBufferPointer(start: bytes, count: count)
            record.bytes.append(contentsOf: field)
            if memchr(bytes, 0x0A, count) != nil {
                line += field.lazy.filter { $0 == 0x0A }.count
            }
        }
        record.ends.append(record.bytes.count)
    }

    @inline(__always)
    private func endRecord(_ terminator: Int32) {
        if failure != nil { return }
        if record.count > 0 {
            record.line = recordStart
            decode()
            do { try deliver(.record(record)) } catch { failure = error }
            record.reset()
        }
        if terminator == 0x0A { line += 1 }
    }

    private func deliver(_ event: CSVEvent) throws {
        try handler?(event)
    }

    /// Brings the record's fields to UTF-8; fields that cannot be decoded keep their bytes and
    /// are listed in `undecodable`.
    private func decode() {
        guard Text.hasNonASCII(record.bytes) else { return }
        switch encoding ?? .utf8 {
        case .utf8:
            for index in 0..<record.count where !Text.isValidUTF8(record.field(index)) {
                record.undecodable.append(index)
            }
        case .cp932:
            if decoder == nil { decoder = try? CP932Codec(.toUTF8) }
            var bytes: [UInt8] = []
            var ends: [Int] = []
            bytes.reserveCapacity(record.bytes.count * 2)
            ends.reserveCapacity(record.count)
            for index in 0..<record.count {
                let field = record.field(index)
                if Text.hasNonASCII(field) {
                    if let converted = decoder?.convert(field) {
                        bytes += converted
                    } else {
                        bytes += field
                        record.undecodable.append(index)
                    }
                } else {
                    bytes += field
                }
                ends.append(bytes.count)
            }
            record.bytes = bytes
            record.ends = ends
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
