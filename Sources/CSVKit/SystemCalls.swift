import CLinux
import Values

#if canImport(Glibc)
import Glibc
#endif

/// A system call that failed: its name and errno.
package struct SystemCallError: Error, Sendable, Equatable {
    package let call: String
    package let code: Int32

    /// errno's text (`No such file or directory`).
    package var reason: String { String(cString: strerror(code)) }

    /// The failure as an unreadable input (exit 66).
    package func unreadable(_ path: String) -> PipelineError { .inputUnreadable(path: path, reason: reason) }

    /// The failure as an unwritable output (exit 74).
    package func unwritable(_ path: String) -> PipelineError { .outputUnwritable(path: path, reason: reason) }
}

/// The one place the pipeline makes a system call (in the style of SwiftNIO's
/// SystemCallHelpers): each call interrupted by a signal (EINTR) is retried here, and every
/// failure comes back as a `SystemCallError` naming the call. Nothing else in the package
/// calls the C library's file functions.
package enum SystemCalls {
    /// Runs `body` until it is not interrupted; -1 is a failure with errno. `injected`: what the
    /// fault-injection seam made of this call; an injected error stands for the call's first
    /// result (-1 and that errno) and goes the way a real one goes (EINTR retried, any other
    /// thrown).
    @inline(__always)
    private static func retrying<T: BinaryInteger>(
        _ call: String, injected: FaultInjection.Effect? = nil, _ body: () -> T
    ) throws(SystemCallError) -> T {
        var pending = injected
        while true {
            let result: T
            if case .error(let code) = pending {
                pending = nil
                errno = code
                result = -1
            } else {
                result = body()
            }
            if result != -1 { return result }
            let code = errno
            if code != EINTR { throw SystemCallError(call: call, code: code) }
        }
    }

    package static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(SystemCallError) -> Int32 {
        try retrying("open") { Glibc.open(path, flags, mode) }
    }

    /// Closes a descriptor written to, reporting what the close reveals (a deferred write
    /// error: EIO, or ENOSPC and EDQUOT on network file systems). Not retried: on Linux the
    /// descriptor is gone even when close reports EINTR, which then loses nothing.
    package static func close(_ fd: Int32) throws(SystemCallError) {
        if Glibc.close(fd) == -1 {
            let code = errno
            if code != EINTR { throw SystemCallError(call: "close", code: code) }
        }
    }

    /// Closes a descriptor only read from, or one abandoned after an error already reported:
    /// nothing its close could say changes what the caller reports.
    package static func release(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Up to `count` bytes into `buffer`; 0 at the end of the file.
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) throws(SystemCallError) -> Int {
        let injected = FaultInjection.next()
        let count = injected == .short && count > 1 ? count / 2 : count
        return try retrying("read", injected: injected) { Glibc.read(fd, buffer, count) }
    }

    /// `count` bytes into `buffer`, fewer only where the file ends (short reads continued):
    /// from `offset` when given, the file position untouched, else from the file position.
    package static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int? = nil)
        throws(SystemCallError) -> Int
    {
        var done = 0
        while done < count {
            let got: Int
            if let offset {
                got = try pread(fd, buffer + done, count - done, at: offset + done)
            } else {
                got = try read(fd, buffer + done, count - done)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Up to `count` bytes from `offset` into `buffer`, the file position untouched.
    package static func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int)
        throws(SystemCallError) -> Int
    {
        let injected = FaultInjection.next()
        let count = injected == .short && count > 1 ? count / 2 : count
        return try retrying("pread", injected: injected) { Glibc.pread(fd, buffer, count, off_t(offset)) }
    }

    /// Up to `count` bytes of `buffer`; how many were written.
    package static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) throws(SystemCallError) -> Int {
        let injected = FaultInjection.next()
        let count = injected == .short && count > 1 ? count / 2 : count
        return try retrying("write", injected: injected) { Glibc.write(fd, buffer, count) }
    }

    /// Every byte of `bytes` to `fd` (a short write continues where it stopped).
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw -> Result<Int, SystemCallError> in
                guard let base = raw.baseAddress else { return .success(raw.count) }
                return Result { () throws(SystemCallError) -> Int in try write(fd, base + written, raw.count - written) }
            }
            written += try result.get()
        }
    }

    /// Up to `buffer.count` bytes into `buffer` (from `offset` in the file when given, the
    /// file position untouched); 0 at the end of the file.
    package static func read(_ fd: Int32, into buffer: inout [UInt8], at offset: Int? = nil) throws(SystemCallError)
        -> Int
    {
        let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, SystemCallError> in
            guard let base = raw.baseAddress else { return .success(0) }
            return Result { () throws(SystemCallError) -> Int in
                if let offset { return try pread(fd, base, raw.count, at: offset) }
                return try read(fd, base, raw.count)
            }
        }
        return try result.get()
    }

    /// `fstat`: what the descriptor is.
    package static func status(fd: Int32) throws(SystemCallError) -> stat {
        var info = stat()
        _ = try retrying("fstat") { fstat(fd, &info) }
        return info
    }

    /// `stat`: what is at `path` (symlinks followed).
    package static func status(path: String) throws(SystemCallError) -> stat {
        var info = stat()
        _ = try retrying("stat") { stat(path, &info) }
        return info
    }

    /// `stat`, or nil when nothing is at `path` (ENOENT, or a component that is not a folder);
    /// any other failure (no permission to look, say) is thrown.
    package static func statusIfPresent(path: String) throws(SystemCallError) -> stat? {
        do { return try status(path: path) } catch {
            if error.code == ENOENT || error.code == ENOTDIR { return nil }
            throw error
        }
    }

    /// The descriptor's status flags with `flag` cleared.
    package static func clearStatusFlag(_ fd: Int32, _ flag: Int32) throws(SystemCallError) {
        let flags = try retrying("fcntl") { fcntl(fd, F_GETFL) }
        _ = try retrying("fcntl") { fcntl(fd, F_SETFL, flags & ~flag) }
    }

    package static func mkdir(_ path: String, mode: mode_t) throws(SystemCallError) {
        _ = try retrying("mkdir") { Glibc.mkdir(path, mode) }
    }

    package static func unlink(_ path: String) throws(SystemCallError) {
        _ = try retrying("unlink") { Glibc.unlink(path) }
    }

    package static func rmdir(_ path: String) throws(SystemCallError) {
        _ = try retrying("rmdir") { Glibc.rmdir(path) }
    }

    /// `path` with every symlink, `.` and `..` resolved; nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The working directory, or nil when it cannot be named.
    package static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in folder `path`, without `.` and `..`, in the order the file system gives.
    package static func directoryEntries(_ path: String) throws(SystemCallError) -> [String] {
        guard let directory = opendir(path) else { throw SystemCallError(call: "opendir", code: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Renames `from` to `to` unless `to` exists (`renameat2(RENAME_NOREPLACE)`).
    package static func renameNoReplace(_ from: String, _ to: String) throws(SystemCallError) {
        _ = try retrying("renameat2", injected: FaultInjection.next()) { csystem_rename_noreplace(from, to) }
    }

    /// Truncates the descriptor's file to nothing when it is a regular file; a failure to do so
    /// changes nothing the caller reports (it is already reporting a failed write).
    package static func emptyIfRegular(_ fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        _ = ftruncate(fd, 0)
    }

    /// `fsync` of a regular file (its data and size on the disk before it is renamed into place);
    /// a pipe, a terminal or a device is left alone (they cannot be synced).
    package static func sync(_ fd: Int32) throws(SystemCallError) {
        guard try status(fd: fd).st_mode & S_IFMT == S_IFREG else { return }
        _ = try retrying("fsync", injected: FaultInjection.next()) { fsync(fd) }
    }

    /// `fsync` of the folder `path`: the names just renamed in it are on the disk.
    package static func syncFolder(_ path: String) throws(SystemCallError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { release(fd) }
        _ = try retrying("fsync", injected: FaultInjection.next()) { fsync(fd) }
    }

    package static func rename(_ from: String, _ to: String) throws(SystemCallError) {
        _ = try retrying("rename", injected: FaultInjection.next()) { Glibc.rename(from, to) }
    }

    /// Swaps `a` and `b` in one step (`renameat2(RENAME_EXCHANGE)`); both must exist.
    package static func exchange(_ a: String, _ b: String) throws(SystemCallError) {
        _ = try retrying("renameat2", injected: FaultInjection.next()) { csystem_exchange(a, b) }
    }

    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Ignore SIGPIPE, so that a closed downstream pipe is a write error (EPIPE) the writer can
    /// end quietly on.
    package static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    /// `lstat`, or nil when nothing is at `path`: what the name itself is (a symlink not followed).
    package static func linkStatusIfPresent(path: String) throws(SystemCallError) -> stat? {
        var info = stat()
        do { _ = try retrying("lstat") { lstat(path, &info) } } catch {
            if error.code == ENOENT || error.code == ENOTDIR { return nil }
            throw error
        }
        return info
    }

    /// Whether `path` is the root of a mount (statx); nil when the kernel does not say.
    package static func isMountRoot(_ path: String) throws(SystemCallError) -> Bool? {
        let answer = try retrying("statx") { csystem_is_mount_root(path) }
        return answer == -2 ? nil : answer == 1
    }

    /// `flock(LOCK_EX | LOCK_NB)`: false when another descriptor holds the lock.
    package static func tryLock(_ fd: Int32) throws(SystemCallError) -> Bool {
        do { _ = try retrying("flock") { flock(fd, LOCK_EX | LOCK_NB) } } catch where error.code == EWOULDBLOCK {
            return false
        }
        return true
    }

    /// `mkdtemp`: a new folder named `template` with its six trailing X replaced; its path.
    package static func makeTemporaryDirectory(_ template: String) throws(SystemCallError) -> String {
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        if !made { throw SystemCallError(call: "mkdtemp", code: errno) }
        return String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package static func chmod(_ path: String, mode: mode_t) throws(SystemCallError) {
        _ = try retrying("chmod") { Glibc.chmod(path, mode) }
    }

    /// SIGTERM to this process when its parent ends (prctl PR_SET_PDEATHSIG).
    package static func terminateWithParent() throws(SystemCallError) {
        _ = try retrying("prctl") { csystem_terminate_with_parent() }
    }

    /// Where the symbolic link `path` points (readlink), or nil.
    package static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    package static func parentProcess() -> Int32 { getppid() }

    package static func currentProcess() -> Int32 { getpid() }

    /// The value of the environment variable `name`, or nil.
    package static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// The path of this process's executable (/proc/self/exe), or nil.
    package static func executablePath() -> String? { realPath("/proc/self/exe") }
}

/// The fault-injection seam (in the style of SQLite's): in a debug build, the environment
/// variable `CLUSTER_FAULT=N:EFFECT:COUNTER` makes the N-th injectable call (read, pread,
/// write, rename, renameat2, fsync) of every process that shares the file COUNTER (8 bytes,
/// mapped and counted atomically, so that a run and the stages it starts count together) fail
/// with EFFECT: `ENOSPC`, `EIO` or `EINTR` (retried, as a real one), or `short` (a read or a
/// write of half the bytes asked, which the callers must continue). N = 0 only counts: the
/// counter then holds how many injectable calls a run made. A release build has no seam.
package enum FaultInjection {
    package enum Effect: Sendable, Equatable {
        case error(Int32)
        case short
    }

    struct Plan: Sendable {
        let at: Int64
        let effect: Effect
        /// The counter's address in this process (a shared mapping of COUNTER).
        let counter: UInt
    }

    static let plan: Plan? = {
        #if DEBUG
        guard let value = getenv("CLUSTER_FAULT") else { return nil }
        let parts = String(cString: value).split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, let at = Int64(parts[0]) else { return nil }
        let effect: Effect
        switch parts[1] {
        case "ENOSPC": effect = .error(ENOSPC)
        case "EIO": effect = .error(EIO)
        case "EINTR": effect = .error(EINTR)
        case "short": effect = .short
        default: return nil
        }
        let fd = Glibc.open(parts[2], O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        guard let mapped = mmap(nil, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), mapped != MAP_FAILED else {
            return nil
        }
        return Plan(at: at, effect: effect, counter: UInt(bitPattern: mapped))
        #else
        return nil
        #endif
    }()

    /// Counts one injectable call; its effect when it is the N-th.
    @inline(__always)
    static func next() -> Effect? {
        guard let plan, let counter = UnsafeMutablePointer<Int64>(bitPattern: plan.counter) else { return nil }
        return csystem_count_call(counter) == plan.at ? plan.effect : nil
    }

}
