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
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw PipelineError.inputUnreadable(path: path, reason: reason)
        }
        let kind = info.st_mode & S_IFMT
        // A descriptor this process already holds (`/dev/stdin`, `<(command)`) is a pipe with
        // its writer in place: read like standard input.
        let heldPipe =
            kind == S_IFIFO
            && (path == "/dev/stdin" || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/"))
        guard kind == S_IFREG || heldPipe else {
            close(fd)
            let what: String
            switch kind {
            case S_IFDIR: what = "a directory"
            case S_IFIFO: what = "a FIFO (named pipe)"
            case S_IFCHR, S_IFBLK: what = "a device"
            case S_IFSOCK: what = "a socket"
            default: what = "not a regular file"
            }
            throw PipelineError.inputUnreadable(
                path: path, reason: "is \(what), not a regular file (give a file, or pipe it into standard input)")
        }
        // Reads block again (a regular file never waits, but the flag must not leak into reads).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Refuses (exit 64) an output that is one of the inputs — the same path, a hard link or a
    /// symlink to it — before anything is opened for writing (SPEC 7.7). Standard input counts
    /// as an input when it is a file (`< f stage -o f`). Outputs that do not exist yet cannot
    /// be an input.
    public static func checkOutputs(_ outputs: [String?], notAmong inputs: [String?]) throws {
        var read: [(path: String, device: UInt64, inode: UInt64)] = []
        for case let path? in inputs where path != "-" {
            var info = stat()
            if stat(path, &info) == 0 { read.append((path, UInt64(info.st_dev), UInt64(info.st_ino))) }
        }
        var stdinInfo = stat()
        if fstat(STDIN_FILENO, &stdinInfo) == 0, (stdinInfo.st_mode & S_IFMT) == S_IFREG {
            read.append(("standard input", UInt64(stdinInfo.st_dev), UInt64(stdinInfo.st_ino)))
        }
        for case let path? in outputs where path != "-" {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
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

    /// The bytes of a small file (run.conf); large inputs go through `CSVReader`.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = try openInput(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { return bytes }
            bytes += chunk[0..<got]
        }
    }

    /// The SHA-256 of a file, read in 1 MiB blocks.
    public static func sha256(_ path: String) throws -> String {
        let fd = try openInput(path)
        defer { close(fd) }
        var hash = SHA256()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = block.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { return hash.hexDigest() }
            hash.update(block[0..<got])
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
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return Int(info.st_size)
    }

    /// The regular files under `folder`, as paths relative to it, sorted by code point; hidden
    /// entries (a name starting with `.`) are left out.
    public static func walk(_ folder: String) throws -> [String] {
        var found: [String] = []
        for name in try OutputFolder.listing(folder) where !name.hasPrefix(".") {
            let path = folder + "/" + name
            if isDirectory(path) {
                found += try walk(path).map { name + "/" + $0 }
            } else {
                found.append(name)
            }
        }
        return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` (and its parents) when missing.
    public static func makeDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if !isDirectory(prefix), mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw PipelineError.outputUnwritable(path: prefix, reason: String(cString: strerror(errno)))
            }
            prefix += "/"
        }
    }

    /// Whether standard error is a terminal (progress is shown only there).
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes a line to standard error.
    public static func diagnose(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { bytes in _ = Glibc.write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }

    /// The last path component (`Inputs/fy2005/statements.csv` → `statements.csv`).
    public static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
