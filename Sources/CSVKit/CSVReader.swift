import Values
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Streams a CSV file through libcsv in 1 MiB chunks, on both cores when it is large, and hands
/// the records to consumers whose results are merged in file order. The only code that reads
/// input files.
///
/// - Memory: a few chunks and their arenas, whatever the file size.
/// - Chunks are cut after a line end (LF, or a lone CR). A chunk is parsed on a worker by a fresh parser, on the
///   guess that it starts a record; the guess is checked when the chunk before it is done (its
///   parser must stand between records) and, if wrong (a quoted field spanning the cut), the
///   chunk is parsed again, continuing the previous parser. Results never depend on the guess.
/// - Encoding `auto`: the first chunk holding a non-ASCII byte decides — valid UTF-8 from that
///   byte to the end of the chunk is UTF-8, anything else CP932. For files up to one chunk
///   (1 MiB) that is exactly "valid UTF-8, else CP932". A UTF-8 BOM is skipped and means UTF-8.
public final class CSVReader {
    public static let defaultChunkSize = 1 << 20
    /// Bytes per chunk (1 MiB; the fuzzers use a few bytes to reach the parallel path).
    public let chunkSize: Int
    /// Chunks read ahead and parsed while the reader merges: both cores busy, a few chunks
    /// of memory.
    static let inFlight = 4

    /// The name used in messages (the path, or `<stdin>`).
    public let name: String
    /// The speculative jobs of the parallel path run on the reader's own thread, each as it is
    /// made (the same guesses, checks and re-parses, without the hand-over between threads):
    /// for the fuzzer, which runs thousands of files a second. Off in the product.
    var runsJobsInline = false
    /// Parsers kept from one reader to the next (reset before each use, as a reader reuses its
    /// own from chunk to chunk): for the fuzzer, whose inputs are so small that setting up
    /// parsers is a good part of their cost. nil in the product: a reader makes its own.
    var pool: ParserPool?
    public private(set) var encoding: TextEncoding?
    public private(set) var bytesRead = 0
    public private(set) var sawBOM = false
    /// Why ENCODING=auto read the file as CP932 when UTF-8 text came before the first byte that
    /// is not UTF-8 (a damaged UTF-8 file reads as CP932 garbage otherwise unexplained).
    public private(set) var encodingNote: String?

    /// Where the bytes come from: a descriptor (a file, or standard input), or bytes in memory.
    private let source: ByteSource
    /// The file's size when it was opened (0 when unknown: a pipe): a line longer than a chunk
    /// is then read in one last step of the size left, not in a block twice the line's.
    private var fileSize = 0
    private var carry: [UInt8] = []
    /// The whole file was checked to be UTF-8 before reading (fields need no check of their own).
    private var validUTF8 = false
    /// The whole file was checked to hold only ASCII bytes.
    private var asciiOnly = false
    private var atEOF = false
    private var firstChunk = true

    /// Opens `path` (nil or `-` for standard input).
    public init(path: String?, encoding: EncodingChoice = .auto, chunkSize: Int = CSVReader.defaultChunkSize) throws {
        self.chunkSize = max(1, chunkSize)
        if let path, path != "-" {
            let fd = try Files.openInput(path)
            // Closed when the source goes, whether or not this initializer finishes.
            source = ByteSource(descriptor: fd, owned: true)
            name = path
            // Without a size the long line's growth is only less tight.
            do { fileSize = Int(try SystemCalls.status(fd: fd).st_size) } catch { fileSize = 0 }
            try settle(encoding)
        } else {
            source = ByteSource(descriptor: STDIN_FILENO, owned: false)
            name = "<stdin>"
            // Standard input is read once, in order: the first chunk with a non-ASCII byte
            // decides an `auto` encoding.
            try settle(encoding, wholeFile: false)
        }
    }

    /// Reads `bytes` as a file named `name` (for messages): the same reading, rules and
    /// results as a file holding them, without a descriptor (the reader fuzz target reads
    /// thousands of inputs a second this way).
    public init(bytes: [UInt8], name: String, encoding: EncodingChoice = .auto, chunkSize: Int = CSVReader.defaultChunkSize) throws {
        self.chunkSize = max(1, chunkSize)
        source = ByteSource(bytes: bytes)
        self.name = name
        fileSize = bytes.count
        try settle(encoding)
    }

    /// The encoding as far as it is known before the first chunk: the one given, or for `auto`
    /// the whole file's when `wholeFile` (a pipe cannot be read at an offset: nil then).
    private func settle(_ choice: EncodingChoice, wholeFile: Bool = true) throws {
        switch choice {
        case .fixed(let fixed):
            encoding = fixed
        case .auto:
            guard wholeFile else { return }
            let found = try Self.wholeFileEncoding(source, size: fileSize, name: name)
            encoding = found.encoding
            if let position = found.notUTF8At {
                let line = try Self.line(of: position, in: source, name: name)
                encodingNote = "read as CP932: line \(line) (byte \(position + 1)) is not UTF-8, though the text before it is; if the file is UTF-8, that byte is damaged: ENCODING=utf-8 rejects only its row"
            }
            // Read whole and valid: every field (cut at ASCII bytes) is valid UTF-8 too.
            validUTF8 = found.checkedUTF8
            // Read whole and nothing but ASCII (no encoding to decide): no chunk needs
            // looking at for its encoding.
            asciiOnly = found.encoding == nil && found.checkedASCII
        }
    }

    /// Reads to the end. The first record goes to `header`, which returns the maker of the
    /// consumers (one per chunk, the first one for the rest of the first chunk); `merge` gets
    /// each consumer in file order with the line offset that makes its lines absolute
    /// (absolute = relative + offset). `progress` gets the bytes read after each round.
    public func read<C: RecordConsumer>(
        parallel: Bool = true,
        header: (CSVRecord) throws -> () -> C,
        merge: (C, Int) throws -> Void,
        progress: ((Int) -> Void)? = nil
    ) throws {
        do {
            try withoutActuallyEscaping(header) { header in
                try readChunks(parallel: parallel, header: header, merge: merge, progress: progress)
            }
        } catch {
            // A job may still hold its parser: the pool lends it to nobody again.
            pool?.forget()
            throw error
        }
    }

    private func readChunks<C: RecordConsumer>(
        parallel: Bool, header: @escaping (CSVRecord) throws -> () -> C, merge: (C, Int) throws -> Void,
        progress: ((Int) -> Void)?
    ) throws {
        var previous = try makeParser()
        previous.name = name
        var previousOffset = 0
        var consumer: C?
        var maker: (() -> C)?
        let bind = { (record: CSVRecord) throws -> C in
            let made = try header(record)
            maker = made
            return made()
        }

        // Sequentially until the header is seen and one chunk consumed.
        while consumer == nil {
            guard var chunk = try nextChunk() else {
                try previous.finish()
                consumer = try previous.drain(into: nil as C?, header: bind)
                if let consumer { try merge(consumer, 0) }
                return
            }
            prepare(previous)
            try previous.parse(chunk)
            chunk = []  // not kept while the records are handed over (a long line's memory)
            consumer = try previous.drain(into: nil as C?, header: bind)
        }
        guard let consumer, let makeConsumer = maker else { return }
        try merge(consumer, 0)
        progress?(bytesRead)

        if !parallel {
            while var chunk = try nextChunk() {
                prepare(previous)
                try previous.parse(chunk)
                chunk = []
                let sink = makeConsumer()
                _ = try previous.drain(into: sink)
                try merge(sink, previousOffset)
                progress?(bytesRead)
            }
        } else {
            // A pipeline: up to `inFlight` chunks are read ahead and parsed on the workers, each
            // by a parser of its own on the guess that it starts a record, while this thread
            // merges the oldest in file order. Parsers come from `idle`: one is never given a
            // new chunk while a job or `previous` holds it.
            var idle: [ChunkParser] = []
            var jobs: [SpeculativeJob<C>] = []  // in file order
            let workers = DispatchQueue.global(qos: .userInitiated)
            while true {
                while jobs.count < Self.inFlight, let chunk = try nextChunk() {
                    let parser = try idle.popLast() ?? makeParser()
                    parser.name = name
                    let job = SpeculativeJob(parser: prepare(parser), chunk: chunk, consumer: makeConsumer())
                    jobs.append(job)
                    if runsJobsInline { job.run() } else { workers.async { job.run() } }
                }
                guard !jobs.isEmpty else { break }
                let job = jobs.removeFirst()
                job.done.wait()
                if previous.isAtRecordBoundary, job.failure == nil {
                    previousOffset += previous.line - 1
                    idle.append(previous)
                    previous = job.parser
                    try merge(job.consumer, previousOffset)
                } else {
                    // The cut fell inside a record (or the worker failed): continue the previous parser.
                    prepare(previous)
                    try previous.parse(job.chunk)
                    job.chunk = []
                    let sink = makeConsumer()
                    _ = try previous.drain(into: sink)
                    try merge(sink, previousOffset)
                    idle.append(job.parser)
                }
                progress?(bytesRead)
            }
        }
        try previous.finish()
        let sink = makeConsumer()
        _ = try previous.drain(into: sink)
        try merge(sink, previousOffset)
        // Every job has finished: no parser is in use.
        pool?.reclaim()
    }

    /// A fresh parser, or one from the pool.
    private func makeParser() throws -> ChunkParser {
        try pool?.take() ?? ChunkParser()
    }

    /// The parser, told the file's encoding as far as it is known.
    @discardableResult
    private func prepare(_ parser: ChunkParser) -> ChunkParser {
        parser.encoding = encoding
        parser.encodingChecked = validUTF8
        parser.asciiOnly = asciiOnly
        return parser
    }

    /// The next chunk: about `chunkSize` bytes ending just after a line end (or at the end of
    /// the file), nil at the end.
    private func nextChunk() throws -> [UInt8]? {
        if atEOF && carry.isEmpty { return nil }
        var chunk = try readChunk(after: carry, room: chunkSize)
        carry = []
        // A line longer than a chunk: keep reading until a line end (or the end of the file).
        // The room doubles with the line, so a 100 MB line is copied a few times, not a
        // hundred, and is never more than what is left of the file (and one byte, to see the
        // end): the last copy holds the line and little more.
        while !atEOF && Self.cut(chunk) == nil {
            var room = max(chunkSize, chunk.count)
            if fileSize > bytesRead { room = min(room, fileSize - bytesRead + 1) }
            chunk = try readChunk(after: chunk, room: room)
        }
        if firstChunk {
            firstChunk = false
            try Self.refuseCompressed(chunk, name: name)
            if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
                chunk.removeFirst(3)
                sawBOM = true
                if encoding == nil { encoding = .utf8 }
            }
        }
        if !atEOF, let cut = Self.cut(chunk) {
            carry = Array(chunk[cut...])
            chunk.removeLast(chunk.count - cut)
        }
        if encoding == nil && !asciiOnly { decideEncoding(chunk) }
        return chunk.isEmpty && atEOF ? nil : chunk
    }

    /// `prefix` followed by up to `room` bytes read from the file (fewer only at its end),
    /// read straight into the new array's memory.
    private func readChunk(after prefix: [UInt8], room: Int) throws -> [UInt8] {
        var failure: SystemCallError?
        var total = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: prefix.count + room) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            prefix.withUnsafeBufferPointer { p in
                if let source = p.baseAddress { base.update(from: source, count: p.count) }
            }
            count = prefix.count
            do throws(SystemCallError) { total = try source.readNext(base + count, room) } catch {
                failure = error
                return
            }
            count += total
        }
        atEOF = atEOF || total < room
        if let failure { throw failure.unreadable(name) }
        bytesRead += total
        return chunk
    }

    /// A compressed file is not CSV: gzip (`1F 8B`) is named with the way to read it, a zip
    /// archive (`PK 03 04`: an Excel workbook is one) with the way to save it (exit 65).
    static func refuseCompressed(_ chunk: [UInt8], name: String) throws {
        if chunk.starts(with: [0x1F, 0x8B]) {
            throw PipelineError.unsupportedEncoding(
                path: name, message: "gzip-compressed; give it decompressed, e.g. <(zcat \(name)) in bash")
        }
        if chunk.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw PipelineError.unsupportedEncoding(
                path: name, message: "a zip archive (an Excel workbook?), not CSV; save the sheet as CSV UTF-8")
        }
    }

    /// Where a chunk may be cut: just after its last line end, an LF or a lone CR (old Mac
    /// files; a CR whose next byte, in the chunk, is not an LF: a CRLF is never cut between its
    /// two bytes). nil when it has none. A file of lone CRs is then read in chunks like any
    /// other, not whole.
    static func cut(_ chunk: [UInt8]) -> Int? {
        var i = chunk.count - 1
        while i >= 0 {
            let b = chunk[i]
            if b == 0x0A || (b == 0x0D && i + 1 < chunk.count && chunk[i + 1] != 0x0A) { return i + 1 }
            i -= 1
        }
        return nil
    }

    private func decideEncoding(_ chunk: [UInt8]) {
        guard let firstHigh = Self.firstNonASCII(chunk) else { return }
        encoding = Text.isValidUTF8(chunk[firstHigh...], allowTruncatedEnd: true) ? .utf8 : .cp932
    }

    /// SPEC 6.2, per file: valid UTF-8 from the first byte to the last (a BOM means UTF-8),
    /// else CP932; nil for a file of ASCII only. One validating pass with `pread` before the
    /// parse (it stops at the first byte that is not UTF-8); nil too when the descriptor cannot
    /// be read at an offset (a pipe: then the first chunk with a non-ASCII byte decides).
    /// UTF-16 (BOM FF FE or FE FF, as Excel's "Unicode text" writes) is refused (exit 65).
    /// `checkedUTF8`: every byte of the file was read and it is valid UTF-8 (not so after a BOM);
    /// `checkedASCII`: every byte was read and is ASCII.
    /// The line (from 1) that holds byte `position` of the file: the line ends before it (LF,
    /// CRLF or a lone CR, each once, as the reader counts them), counted on a second read (only
    /// when a file is found not to be UTF-8 late in it).
    static func line(of position: Int, in source: ByteSource, name: String) throws -> Int {
        var block = [UInt8](repeating: 0, count: min(1 << 20, max(1, position)))
        var at = 0
        var line = 1
        var afterCR = false  // the byte before this block was a CR
        while at < position {
            let want = min(block.count, position - at)
            let read = block.withUnsafeMutableBytes { raw -> Result<Int, SystemCallError> in
                guard let base = raw.baseAddress else { return .success(0) }
                return Result { () throws(SystemCallError) -> Int in try source.read(base, want, at: at) }
            }
            let got: Int
            do { got = try read.get() } catch { throw error.unreadable(name) }
            if got == 0 { break }
            for b in block[..<got] {
                if b == 0x0D || (b == 0x0A && !afterCR) { line += 1 }
                afterCR = b == 0x0D
            }
            at += got
        }
        return line
    }

    /// `notUTF8At`: the file offset of the first byte that is not UTF-8, when UTF-8 text (a
    /// byte >= 0x80 in a valid sequence) came before it; nil otherwise.
    static func wholeFileEncoding(_ source: ByteSource, size: Int, name: String) throws
        -> (encoding: TextEncoding?, checkedUTF8: Bool, checkedASCII: Bool, notUTF8At: Int?)
    {
        // Blocks read after the bytes carried from the block before (a sequence cut by the
        // block's end: at most 3).
        // A block of at most a chunk, no larger than the file (`size`, 0 when unknown; most
        // reference tables are a few kilobytes: no megabyte to clear for them).
        let block = size > 0 ? min(defaultChunkSize, size + 1) : defaultChunkSize
        var buffer = [UInt8](repeating: 0, count: block + 4)
        var carried = 0
        var offset = 0
        var sawNonASCII = false
        var first = true
        while true {
            let read = buffer.withUnsafeMutableBytes { raw -> Result<Int, SystemCallError> in
                guard let base = raw.baseAddress else { return .success(0) }
                return Result { () throws(SystemCallError) -> Int in
                    try source.read(base + carried, block, at: offset)
                }
            }
            let got: Int
            do { got = try read.get() } catch {
                if error.code == ESPIPE { return (nil, false, false, nil) }
                throw error.unreadable(name)
            }
            if first {
                first = false
                if got >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)) {
                    throw PipelineError.unsupportedEncoding(
                        path: name, message: "UTF-16 is not supported; save as UTF-8 or CP932 (in Excel: CSV UTF-8)")
                }
                if got >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { return (.utf8, false, false, nil) }
            }
            if got == 0 {
                // A sequence cut by the end of the file is not UTF-8.
                if carried > 0 { return (.cp932, false, false, sawNonASCII ? offset - carried : nil) }
                return sawNonASCII ? (.utf8, true, false, nil) : (nil, false, true, nil)
            }
            offset += got
            let n = carried + got
            let outcome = buffer.withUnsafeBufferPointer { bytes in
                bytes.baseAddress.map { UTF8Validation.check($0, n) } ?? .init(valid: true, end: n, sawNonASCII: false)
            }
            guard outcome.valid else {
                let before = sawNonASCII || Self.firstNonASCII(buffer[..<outcome.end]) != nil
                return (.cp932, false, false, before ? offset - n + outcome.end : nil)
            }
            sawNonASCII = sawNonASCII || outcome.sawNonASCII
            carried = n - outcome.end
            for k in 0..<carried { buffer[k] = buffer[outcome.end + k] }
        }
    }

    /// The index of the first byte >= 0x80, eight bytes at a time.
    static func firstNonASCII(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes(firstNonASCII(raw:))
    }

    static func firstNonASCII(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBytes(firstNonASCII(raw:))
    }

    private static func firstNonASCII(raw: UnsafeRawBufferPointer) -> Int? {
        do {
            var i = 0
            let end = raw.count
            while i + 8 <= end {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            while i < end {
                if raw[i] >= 0x80 { return i }
                i += 1
            }
            return nil
        }
    }
}

/// One chunk parsed by a fresh parser on a worker thread. Touched by one thread at a time:
/// the worker while `concurrentPerform` runs, the reader after it returns.
private final class SpeculativeJob<C: RecordConsumer>: @unchecked Sendable {
    let parser: ChunkParser
    /// Emptied once parsed for good (the records then hold what is needed).
    var chunk: [UInt8]
    let consumer: C
    var failure: Error?
    /// Signalled when `run` has finished.
    let done = DispatchSemaphore(value: 0)

    init(parser: ChunkParser, chunk: [UInt8], consumer: C) {
        self.parser = parser
        self.chunk = chunk
        self.consumer = consumer
    }

    func run() {
        parser.reset()
        do {
            try parser.parse(chunk)
            _ = try parser.drain(into: consumer)
        } catch {
            failure = error
        }
        done.signal()
    }
}

/// Parsers lent to readers one after the other (`CSVReader.pool`): `take` gives one reset to
/// the start of a file, `reclaim` takes back every parser lent once the reader is done.
final class ParserPool {
    private var free: [ChunkParser] = []
    private var lent: [ChunkParser] = []

    init() {}

    func take() throws -> ChunkParser {
        let parser = try free.popLast() ?? ChunkParser()
        parser.reset()
        lent.append(parser)
        return parser
    }

    func reclaim() {
        free += lent
        lent.removeAll(keepingCapacity: true)
    }

    /// Lets go of the parsers lent (after a failure, a job may still be using one).
    func forget() {
        lent.removeAll(keepingCapacity: true)
    }
}

/// The bytes a reader reads: from a descriptor (through SystemCalls, closed with the source
/// when owned), or from memory (copied out as a descriptor would give them).
final class ByteSource {
    private let descriptor: Int32?
    private let owned: Bool
    private let bytes: [UInt8]
    /// The next byte `readNext` gives, in memory.
    private var position = 0

    init(descriptor: Int32, owned: Bool) {
        self.descriptor = descriptor
        self.owned = owned
        bytes = []
    }

    init(bytes: [UInt8]) {
        descriptor = nil
        owned = false
        self.bytes = bytes
    }

    deinit {
        if owned, let descriptor { SystemCalls.release(descriptor) }
    }

    /// Up to `count` bytes from where the last call stopped (fewer only at the end).
    func readNext(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws(SystemCallError) -> Int {
        if let descriptor { return try SystemCalls.readFully(descriptor, buffer, count) }
        let n = copy(to: buffer, count, from: position)
        position += n
        return n
    }

    /// Up to `count` bytes from `offset` (one call's worth, as `pread`).
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) throws(SystemCallError) -> Int {
        if let descriptor { return try SystemCalls.pread(descriptor, buffer, count, at: offset) }
        return copy(to: buffer, count, from: offset)
    }

    private func copy(to buffer: UnsafeMutableRawPointer, _ count: Int, from offset: Int) -> Int {
        let n = max(0, min(count, bytes.count - offset))
        if n > 0 {
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress { buffer.copyMemory(from: base + offset, byteCount: n) }
            }
        }
        return n
    }
}
