import Synchronization
import Values
#if canImport(Glibc)
import Glibc
#endif

/// Small whole-file and folder operations (run.conf, checks before a run).
public enum Files {
    /// Opens an input file for reading. Only a regular file is an input (SPEC 7.7): a FIFO, a
    /// folder or a device is exit 66 at once — opened without blocking, so that a FIFO with no
    /// writer cannot hang the stage. A pipe this process already holds open (`/dev/stdin`,
    /// `/dev/fd/N` as `<(command)` gives) is read like standard input.
    public static func openInput(_ path: String) throws -> Int32 {
        let fd: Int32
        do { fd = try SystemCalls.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } catch { throw error.unreadable(path) }
        let info: stat
        do { info = try SystemCalls.status(fd: fd) } catch {
            SystemCalls.release(fd)
            throw error.unreadable(path)
        }
        let kind = info.st_mode & S_IFMT
        // A descriptor this process already holds (`/dev/stdin`, `<(command)`) is a pipe with
        // its writer in place: read like standard input.
        let heldPipe =
            kind == S_IFIFO
            && (path == "/dev/stdin" || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/"))
        guard kind == S_IFREG || heldPipe else {
            SystemCalls.release(fd)
            throw PipelineError.inputUnreadable(
                path: path, reason: "is \(describe(kind)), not a regular file (give a file, or pipe it into standard input)")
        }
        // Reads block again (a regular file never waits, but the flag must not leak into reads).
        do { try SystemCalls.clearStatusFlag(fd, O_NONBLOCK) } catch {
            SystemCalls.release(fd)
            throw error.unreadable(path)
        }
        return fd
    }

    /// Refuses (exit 64) an output that is one of the inputs — the same path, a hard link or a
    /// symlink to it — before anything is opened for writing (SPEC 7.7). Standard input counts
    /// as an input when it is a file (`< f stage -o f`). Outputs that do not exist yet cannot
    /// be an input.
    public static func checkOutputs(_ outputs: [String?], notAmong inputs: [String?]) throws {
        var read: [(path: String, device: UInt64, inode: UInt64)] = []
        for case let path? in inputs where path != "-" {
            let found: stat?
            do { found = try SystemCalls.statusIfPresent(path: path) } catch { throw error.unreadable(path) }
            if let info = found { read.append((path, UInt64(info.st_dev), UInt64(info.st_ino))) }
        }
        // Standard input that is not a file (a pipe, a terminal, or closed: fstat's EBADF)
        // cannot be an output.
        let standardInput: stat?
        do { standardInput = try SystemCalls.status(fd: STDIN_FILENO) } catch { standardInput = nil }
        if let info = standardInput, (info.st_mode & S_IFMT) == S_IFREG {
            read.append(("standard input", UInt64(info.st_dev), UInt64(info.st_ino)))
        }
        // Standard output that is one of the inputs (`stage x.csv >> x.csv`): refused like an
        // -o naming it, as GNU cat refuses "input file is output file".
        let standardOutput: stat?
        do { standardOutput = try SystemCalls.status(fd: STDOUT_FILENO) } catch { standardOutput = nil }
        if let info = standardOutput, (info.st_mode & S_IFMT) == S_IFREG,
            let same = read.first(where: { $0.device == UInt64(info.st_dev) && $0.inode == UInt64(info.st_ino) })
        {
            throw PipelineError.usage(
                "standard output is the input \(same.path); writing it would destroy what is read; send the output elsewhere")
        }
        for case let path? in outputs where path != "-" {
            let found: stat?
            do { found = try SystemCalls.statusIfPresent(path: path) } catch { throw error.unwritable(path) }
            guard let info = found else { continue }  // not there yet: it cannot be an input
            if let same = read.first(where: { $0.device == UInt64(info.st_dev) && $0.inode == UInt64(info.st_ino) }) {
                let relation =
                    same.path == path
                    ? "is also an input"
                    : same.path == "standard input"
                        ? "is the file on standard input" : "is the same file as the input \(same.path)"
                throw PipelineError.usage("\(path): output \(relation); writing it would destroy what is read; choose another output")
            }
        }
    }

    /// The bytes of a whole file (run.conf, a work file); large CSV inputs go through `CSVReader`.
    /// Read straight into an array of the file's size (a work file of tens of megabytes is not
    /// grown block by block); what a growing file adds after that is read on in blocks.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = try openInput(path)
        defer { SystemCalls.release(fd) }
        let size: Int
        do { size = max(0, Int(try SystemCalls.status(fd: fd).st_size)) } catch { throw error.unreadable(path) }
        var failure: SystemCallError?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            do throws(SystemCallError) { count = try SystemCalls.readFully(fd, base, size) } catch { failure = error }
        }
        if let failure { throw failure.unreadable(path) }
        if bytes.count < size { return bytes }
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got: Int
            do { got = try SystemCalls.read(fd, into: &block) } catch { throw error.unreadable(path) }
            if got == 0 { return bytes }
            bytes += block[0..<got]
        }
    }

    /// The first `count` bytes of a file (fewer when it is shorter).
    public static func prefix(_ path: String, count: Int) throws -> [UInt8] {
        let fd = try openInput(path)
        defer { SystemCalls.release(fd) }
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: count)
        while bytes.count < count {
            let got: Int
            do { got = try SystemCalls.read(fd, into: &block) } catch { throw error.unreadable(path) }
            if got == 0 { break }
            bytes += block[0..<min(got, count - bytes.count)]
        }
        return bytes
    }

    /// The SHA-256 of a file, read in 1 MiB blocks.
    public static func sha256(_ path: String) throws -> String {
        var hash = SHA256()
        try blocks(of: path, size: 1 << 20) { hash.update($0) }
        return hash.hexDigest()
    }

    /// Hands the file at `path` to `body` in blocks of up to `size` bytes, in order.
    private static func blocks(of path: String, size: Int, _ body: (ArraySlice<UInt8>) -> Void) throws {
        let fd = try openInput(path)
        defer { SystemCalls.release(fd) }
        var block = [UInt8](repeating: 0, count: size)
        while true {
            let got: Int
            do { got = try SystemCalls.read(fd, into: &block) } catch { throw error.unreadable(path) }
            if got == 0 { return }
            body(block[0..<got])
        }
    }

    /// Writes `text` to `path` (created or truncated).
    public static func write(_ text: String, to path: String) throws {
        let out = try CSVWriter(path: path)
        try out.raw(Array(text.utf8))
        try out.close()
    }

    /// The size of a file in bytes.
    public static func size(_ path: String) throws -> Int {
        do { return Int(try SystemCalls.status(path: path).st_size) } catch { throw error.unreadable(path) }
    }

    /// The regular files under `folder`, as paths relative to it, sorted by code point; hidden
    /// entries (a name starting with `.`) are left out.
    public static func walk(_ folder: String) throws -> [String] {
        var found: [String] = []
        for name in try listing(folder) where !name.hasPrefix(".") {
            let path = folder + "/" + name
            if try isDirectory(path) {
                found += try walk(path).map { name + "/" + $0 }
            } else {
                found.append(name)
            }
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether something is at `path`; a path that cannot be examined is an error (exit 66).
    public static func exists(_ path: String) throws -> Bool {
        try entry(path) != .none
    }

    public static func isDirectory(_ path: String) throws -> Bool {
        try entry(path) == .directory
    }

    /// What is at `path`: nothing, a folder, or something else (a file, a device…).
    public enum Entry: Sendable { case none, directory, other }

    /// A symbolic link to nothing is not "nothing": it is an error (exit 66) naming where it
    /// points, so that a dangling published.csv is not silently taken as absent.
    public static func entry(_ path: String) throws -> Entry {
        let found: stat?
        do { found = try SystemCalls.statusIfPresent(path: path) } catch { throw error.unreadable(path) }
        guard let info = found else {
            try refuseDanglingLink(path)
            return .none
        }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }

    /// The names in a folder, without `.` and `..`, sorted.
    public static func listing(_ path: String) throws -> [String] {
        do { return try SystemCalls.directoryEntries(path).sorted() } catch { throw error.unreadable(path) }
    }

    /// Creates `path` (and its parents) when missing.
    public static func makeDirectory(_ path: String) throws {
        if try isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if try !isDirectory(prefix) {
                do { try SystemCalls.mkdir(prefix, mode: 0o755) } catch where error.code == EEXIST {} catch {
                    throw error.unwritable(prefix)
                }
            }
            prefix += "/"
        }
    }

    /// Makes the one folder `path` (its parent must exist); false when something is there already.
    public static func makeNewDirectory(_ path: String) throws -> Bool {
        do { try SystemCalls.mkdir(path, mode: 0o755) } catch where error.code == EEXIST { return false } catch {
            throw error.unwritable(path)
        }
        return true
    }

    /// Removes a file this process wrote (never a folder).
    public static func removeFile(_ path: String) throws {
        do { try SystemCalls.unlink(path) } catch { throw error.unwritable(path) }
    }

    /// Removes an empty folder this process made.
    public static func removeEmptyDirectory(_ path: String) throws {
        do { try SystemCalls.rmdir(path) } catch { throw error.unwritable(path) }
    }

    /// What the name `path` itself is (a symlink not followed).
    public enum Link: Sendable, Equatable {
        case none, directory, other
        /// A symbolic link; `resolves` is false when nothing is at its end.
        case symlink(resolves: Bool)
    }

    /// Where nothing is (stat found nothing), a name may still be there: a symbolic link to
    /// nothing, which is exit 66 naming where it points.
    static func refuseDanglingLink(_ path: String) throws {
        guard try link(path) == .symlink(resolves: false) else { return }
        throw PipelineError.inputUnreadable(
            path: path, reason: "is a symbolic link to nothing (\(SystemCalls.linkTarget(path) ?? "?") does not exist)")
    }

    public static func link(_ path: String) throws -> Link {
        let found: stat?
        do { found = try SystemCalls.linkStatusIfPresent(path: path) } catch { throw error.unreadable(path) }
        guard let info = found else { return .none }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let target: stat?
            do { target = try SystemCalls.statusIfPresent(path: path) } catch { throw error.unreadable(path) }
            return .symlink(resolves: target != nil)
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Checks that `path`, when something is there, is a regular file (symlinks followed);
    /// a FIFO, a device, a socket or a folder is exit 66 naming it, without opening it.
    /// Returns false when nothing is there.
    public static func checkRegularIfPresent(_ path: String) throws -> Bool {
        let found: stat?
        do { found = try SystemCalls.statusIfPresent(path: path) } catch { throw error.unreadable(path) }
        guard let info = found else {
            try refuseDanglingLink(path)
            return false
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFREG { return true }
        throw PipelineError.inputUnreadable(
            path: path, reason: "is \(describe(kind)), not a regular file; the run reads it, so it must be one")
    }

    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Whether the folder `path` is where a file system is mounted: the kernel's answer
    /// (statx), else a device different from its parent's.
    public static func isMountPoint(_ path: String) throws -> Bool {
        do {
            if let root = try SystemCalls.isMountRoot(path) { return root }
            let parent = try SystemCalls.status(path: path + "/..")
            return try SystemCalls.status(path: path).st_dev != parent.st_dev
        } catch { throw error.unreadable(path) }
    }

    /// Takes the lock of `path` (the file created when missing, closed on exec so that no
    /// process started holds it): its descriptor, held until the process ends; nil when
    /// another process holds it.
    public static func lock(_ path: String) throws -> Int32? {
        let fd: Int32
        do { fd = try SystemCalls.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode: 0o644) } catch {
            throw error.unwritable(path)
        }
        do {
            if try SystemCalls.tryLock(fd) { return fd }
        } catch {
            SystemCalls.release(fd)
            throw error.unwritable(path)
        }
        SystemCalls.release(fd)
        return nil
    }

    /// A new folder `prefix` + six random characters (mkdtemp), with mode 755; its path.
    public static func makeTemporaryDirectory(prefix: String) throws -> String {
        let made: String
        do { made = try SystemCalls.makeTemporaryDirectory(prefix + "XXXXXX") } catch { throw error.unwritable(prefix + "XXXXXX") }
        do { try SystemCalls.chmod(made, mode: 0o755) } catch { throw error.unwritable(made) }
        return made
    }

    /// Removes `path` and, when it is a folder, everything in it; a symbolic link is removed,
    /// never followed. Only for folders this pipeline made (callers check its marker).
    public static func removeTree(_ path: String) throws {
        let found: stat?
        do { found = try SystemCalls.linkStatusIfPresent(path: path) } catch { throw error.unwritable(path) }
        guard let info = found else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            let names: [String]
            do { names = try SystemCalls.directoryEntries(path) } catch { throw error.unwritable(path) }
            for name in names { try removeTree(path + "/" + name) }
            do { try SystemCalls.rmdir(path) } catch { throw error.unwritable(path) }
        } else {
            do { try SystemCalls.unlink(path) } catch { throw error.unwritable(path) }
        }
    }

    /// Every entry under `folder` (files, folders, links: what `removeTree` would remove), as
    /// paths relative to it, hidden ones included.
    public static func entries(under folder: String) throws -> [String] {
        var found: [String] = []
        for name in try listing(folder) {
            let path = folder + "/" + name
            found.append(name)
            if try link(path) == .directory { found += try entries(under: path).map { name + "/" + $0 } }
        }
        return found
    }

    /// A process started by the annual run ends with it (SIGTERM when its parent ends), when
    /// the environment says which process that is (`variable` = its process ID). A parent
    /// already gone is an error: the caller stops at once.
    public static func endWithParent(named variable: String) throws {
        guard let value = SystemCalls.environment(variable), let parent = Int32(value) else { return }
        do { try SystemCalls.terminateWithParent() } catch { throw PipelineError.library(name: "prctl", message: error.reason) }
        if SystemCalls.parentProcess() != parent {
            throw PipelineError.library(name: "annual run", message: "the run that started this stage (process \(parent)) has ended")
        }
    }

    /// This process's ID.
    public static var processID: Int32 { SystemCalls.currentProcess() }

    /// The environment variable `name`, or nil.
    public static func environment(_ name: String) -> String? { SystemCalls.environment(name) }

    /// The folder of this process's executable, or nil when it cannot be named.
    public static func executableFolder() -> String? { SystemCalls.executablePath().map(folderName) }

    /// `path` with every symlink, `.` and `..` resolved; nil when it does not exist.
    public static func realPath(_ path: String) -> String? { SystemCalls.realPath(path) }

    /// The working directory, or nil when it cannot be named.
    public static func currentDirectory() -> String? { SystemCalls.currentDirectory() }

    /// Renames `from` to `to` unless something is at `to`; false when something is.
    public static func renameIfAbsent(_ from: String, to: String) throws -> Bool {
        do {
            try SystemCalls.renameNoReplace(from, to)
            return true
        } catch where error.code == EEXIST || error.code == ENOTEMPTY {
            return false
        } catch { throw error.unwritable(to) }
    }

    /// Renames `from` to `to` (replacing a file there) on one file system: needs no room.
    public static func rename(_ from: String, to: String) throws {
        do { try SystemCalls.rename(from, to) } catch { throw error.unwritable(to) }
    }

    /// Syncs folder `path` (fsync): the names made in it are on the disk.
    public static func syncFolder(_ path: String) throws {
        do { try SystemCalls.syncFolder(path) } catch { throw error.unwritable(path) }
    }

    /// Swaps `a` and `b` in one step; both must exist on one file system.
    public static func exchange(_ a: String, _ b: String) throws {
        do { try SystemCalls.exchange(a, b) } catch { throw error.unwritable(b) }
    }

    /// Whether standard error is a terminal (progress is shown only there).
    public static var standardErrorIsTerminal: Bool { SystemCalls.isTerminal(STDERR_FILENO) }

    /// Whether standard input is a terminal (a stage given no FILE then waits for typing).
    public static var standardInputIsTerminal: Bool { SystemCalls.isTerminal(STDIN_FILENO) }

    /// Writes a line to standard error. A failure to write it cannot be reported (standard
    /// error is where reports go), so it is dropped; the exit status still tells. A progress
    /// line on the terminal is cleared first, so the line starts at the left margin.
    public static func diagnose(_ line: String) {
        let prefix = progressShown.withLock { shown in
            defer { shown = false }
            return shown ? "\r\u{1B}[K" : ""
        }
        do { try SystemCalls.writeAll(STDERR_FILENO, Array((prefix + line + "\n").utf8)) } catch { return }
    }

    /// Shows `text` as the progress line of standard error (a terminal): the line is rewritten in
    /// place (carriage return, erase to the end of the line) and stays without a line end until
    /// the next progress, `clearProgress()` or diagnostic.
    public static func showProgress(_ text: String) {
        progressShown.withLock { shown in
            shown = true
            do { try SystemCalls.writeAll(STDERR_FILENO, Array(("\r\u{1B}[K" + text).utf8)) } catch { return }
        }
    }

    /// Erases the progress line, if one is shown.
    public static func clearProgress() {
        progressShown.withLock { shown in
            guard shown else { return }
            shown = false
            do { try SystemCalls.writeAll(STDERR_FILENO, Array("\r\u{1B}[K".utf8)) } catch { return }
        }
    }

    /// The last path component (`Inputs/fy2005/statements.csv` → `statements.csv`).
    public static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The folder part of `path` (`dirname`): `.` for a bare name, `/` at the root.
    public static func folderName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// Whether a progress line is on standard error now (Files.showProgress).
private let progressShown = Mutex(false)
