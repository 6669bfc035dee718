#if canImport(Glibc)
import Glibc
#endif

/// A file read at offsets: a work file's sections, each read when it is wanted and straight
/// into the array that holds it (a reader that needs one section of a 40 MB file reads that
/// section). A file that cannot be read at an offset (a pipe) is read whole first.
public final class BinaryFile {
    public let path: String
    public let size: Int
    private let descriptor: Int32?
    private let contents: [UInt8]

    public init(path: String) throws {
        self.path = path
        let fd = try Files.openInput(path)
        let info: stat
        do { info = try SystemCalls.status(fd: fd) } catch {
            SystemCalls.release(fd)
            throw error.unreadable(path)
        }
        if info.st_mode & S_IFMT == S_IFREG {
            descriptor = fd
            size = max(0, Int(info.st_size))
            contents = []
        } else {
            SystemCalls.release(fd)
            descriptor = nil
            contents = try Files.read(path)
            size = contents.count
        }
    }

    deinit {
        if let descriptor { SystemCalls.release(descriptor) }
    }

    /// `count` bytes from `offset`, nil when the file ends before.
    public func bytes(at offset: Int, count: Int) throws -> [UInt8]? {
        try values(UInt8.self, at: offset, count: count)
    }

    /// `count` little-endian values of `T` from `offset`, nil when the file ends before.
    public func values<T: FixedWidthInteger>(_ type: T.Type, at offset: Int, count: Int) throws -> [T]? {
        let width = MemoryLayout<T>.size
        guard offset >= 0, count >= 0, count <= (size - min(size, offset)) / width else { return nil }
        guard let descriptor else { return LittleEndian.read(T.self, from: contents, at: offset, count: count) }
        var failure: SystemCallError?
        var complete = true
        var out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard count > 0, let base = buffer.baseAddress else { return }
            let total = count * width
            var done = 0
            do throws(SystemCallError) {
                done = try SystemCalls.readFully(descriptor, UnsafeMutableRawPointer(base), total, at: offset)
            } catch {
                failure = error
            }
            // Whole values only; the caller learns of a short file by nil.
            complete = done == total
            initialized = done / width
        }
        if let failure { throw failure.unreadable(path) }
        guard complete else { return nil }
        if 1.littleEndian != 1 {
            for i in out.indices { out[i] = T(littleEndian: out[i]) }
        }
        return out
    }
}
