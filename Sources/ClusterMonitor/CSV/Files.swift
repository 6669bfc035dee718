#if canImport(Glibc)
import Glibc
#endif

/// Small whole-file and folder operations (run.conf, checks before a run).
public enum Files {
    /// The bytes of a small file (run.conf); large inputs go through `CSVReader`.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno))) }
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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno))) }
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
