import Values

#if canImport(Glibc)
import Glibc
#endif

/// Writes RFC 4180 CSV (UTF-8, LF, no BOM) through a 256 KiB buffer to a file or standard
/// output. A field is quoted when it holds a comma, quote, CR or LF, or starts or ends with a
/// space or tab (which a reader would otherwise trim).
///
/// A reader that closes the pipe early (`| head`) surfaces as `PipelineError.downstreamClosed`,
/// which stages treat as a quiet, successful end.
public final class CSVWriter {
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private var closed = false
    private static let flushThreshold = 1 << 18

    /// Opens `path` for writing (created or truncated), or standard output for nil or `-`.
    public init(path: String?) throws {
        Self.ignoreBrokenPipeSignal
        if let path, path != "-" {
            do {
                descriptor = try SystemCalls.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o644)
            } catch { throw error.unwritable(path) }
            ownsDescriptor = true
            name = path
        } else {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
            name = "<stdout>"
        }
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    deinit {
        // Not closed: the writer was abandoned after an error the caller reports.
        if ownsDescriptor && !closed { SystemCalls.release(descriptor) }
    }

    /// SIGPIPE would kill the process; with it ignored a closed pipe comes back as EPIPE.
    private static let ignoreBrokenPipeSignal: Void = SystemCalls.ignoreBrokenPipe()

    // MARK: rows

    /// Writes a whole row of text fields.
    public func row(_ fields: [String]) throws {
        for field in fields { self.field(field) }
        try endRow()
    }

    /// Appends a text field, quoting it when needed.
    public func field(_ text: String) {
        var text = text
        text.withUTF8 { field(bytes: $0) }
    }

    /// Appends a field given as UTF-8 bytes.
    public func field<C: Collection>(bytes: C) where C.Element == UInt8 {
        separator()
        Self.appendField(bytes, to: &buffer)
    }

    /// `text` as a field's bytes (quoted when needed), for a value written many times: encode it
    /// once, append it with `field(encoded:)`.
    public static func encoded(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        appendField(Array(text.utf8), to: &out)
        return out
    }

    /// Appends a field `encoded` made.
    @inline(__always)
    public func field(encoded bytes: [UInt8]) {
        separator()
        buffer.append(contentsOf: bytes)
    }

    /// Appends an integer field.
    @inline(__always)
    public func field(_ value: Int64) {
        separator()
        appendDigits(value)
    }

    /// Appends an integer field, or an empty one for nil.
    @inline(__always)
    public func field(_ value: Int64?) {
        if let value { field(value) } else { emptyField() }
    }

    /// Appends a plain decimal (see `NumberFormat.plain`).
    public func field(_ value: Double) {
        field(NumberFormat.plain(value))
    }

    /// Appends a field that must be written exactly as given (already known to need no quotes).
    @inline(__always)
    public func rawField(_ text: StaticString) {
        separator()
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// Appends an integer zero-padded to `width` digits (corporate numbers, months).
    @inline(__always)
    public func field(zeroPadded value: UInt64, width: Int) {
        separator()
        appendPadded(value, width: width)
    }

    /// Appends `YYYY-MM`.
    @inline(__always)
    public func field(_ month: YearMonth) {
        separator()
        appendPadded(UInt64(month.year), width: 4)
        buffer.append(0x2D)
        appendPadded(UInt64(month.month), width: 2)
    }

    @inline(__always)
    public func emptyField() { separator() }

    /// Ends the row with LF, flushing when the buffer is full.
    @inline(__always)
    public func endRow() throws {
        buffer.append(0x0A)
        fieldsInRow = 0
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends bytes as they are (text files that share this writer's buffering and errors).
    public func raw(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws {
        do { try SystemCalls.writeAll(descriptor, buffer) } catch {
            if error.code == EPIPE { throw PipelineError.downstreamClosed }
            // A file left half-written (a full disk) would look whole: it is emptied, so that
            // what the failure leaves is plainly not a result (a device such as /dev/full is
            // left alone).
            if ownsDescriptor { SystemCalls.emptyIfRegular(descriptor) }
            throw error.unwritable(name)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, syncs it to the disk (fsync: a result renamed into place after
    /// a power loss is whole, not empty) and closes it, reporting any error either reveals (the
    /// file then emptied, as after a failed write). Standard output is flushed only (the
    /// process may write more to it).
    public func close() throws {
        try flush()
        guard ownsDescriptor, !closed else { return }
        closed = true
        do { try SystemCalls.sync(descriptor) } catch {
            SystemCalls.emptyIfRegular(descriptor)
            SystemCalls.release(descriptor)
            throw error.unwritable(name)
        }
        do { try SystemCalls.close(descriptor) } catch { throw error.unwritable(name) }
    }

    // MARK: encoding

    @inline(__always)
    private func separator() {
        if fieldsInRow > 0 { buffer.append(0x2C) }
        fieldsInRow += 1
    }

    @inline(__always)
    private func appendDigits(_ value: Int64) {
        if value < 0 {
            buffer.append(0x2D)
            appendPadded(value.magnitude, width: 1)
        } else {
            appendPadded(UInt64(value), width: 1)
        }
    }

    @inline(__always)
    private func appendPadded(_ value: UInt64, width: Int) {
        // The digits right to left into 20 bytes on the stack (UInt64 has at most 20), then
        // the padding and the digits appended.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 0
            var rest = value
            repeat {
                digits[19 - n] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
                n += 1
            } while rest > 0
            for _ in n..<max(n, width) { buffer.append(0x30) }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - n)...]))
        }
    }

    /// `bytes` as a CSV field: quoted, with inner quotes doubled, when it needs quotes.
    @inline(__always)
    static func appendField<C: Collection>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        guard needsQuotes(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(0x22)
        for b in bytes {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    public static func needsQuotes<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let first = bytes.first else { return false }
        var last = first
        for b in bytes {
            if b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return true }
            last = b
        }
        return first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    }
}
