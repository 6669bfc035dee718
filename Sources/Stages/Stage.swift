import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Synchronization
import Values

/// What every stage executable shares: error reporting with the exit statuses of SPEC 2, a
/// quiet end when the downstream pipe closes, and progress only on a terminal.
public enum Stage {
    /// Runs `body` and returns the exit status: a `PipelineError` is printed as `name: message`
    /// (one line per line of the message) and gives its status; a closed downstream pipe ends
    /// quietly with 0; anything else is an internal error (70).
    public static func run(name: String, _ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return ExitStatus.success.rawValue
        } catch {
            return report(name: name, error)
        }
    }

    /// `run(name:_:)` for a body that awaits (the annual run).
    public static func run(name: String, _ body: () async throws -> Void) async -> Int32 {
        do {
            try await body()
            return ExitStatus.success.rawValue
        } catch {
            return report(name: name, error)
        }
    }

    /// Prints `error` (one line per line of its message, each prefixed with `name`) and returns
    /// its status.
    static func report(name: String, _ error: any Error) -> Int32 {
        guard let error = error as? PipelineError else {
            Files.diagnose("\(name): internal error: \(error)")
            return ExitStatus.internalError.rawValue
        }
        if error == .downstreamClosed { return ExitStatus.success.rawValue }
        for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) {
            Files.diagnose("\(name): \(line)")
        }
        return error.exitStatus.rawValue
    }

    /// Runs `body`, then closes `log` (writing out every reject found). When `body` fails the
    /// log is closed all the same, so that the rejects found before the failure are in the
    /// file; the body's error is the one reported, a failure to close then being printed too.
    public static func closing<T>(_ log: RejectLog, _ body: () throws -> T) throws -> T {
        let result: T
        do { result = try body() } catch {
            do { try log.close() } catch let closeError { Files.diagnose("also: \(closeError)") }
            throw error
        }
        try log.close()
        return result
    }

    /// The progress line of a stage when standard error is a terminal, else nil.
    public static func progressLine(stage: String) -> ProgressLine? {
        Files.standardErrorIsTerminal ? ProgressLine(stage: stage) : nil
    }
}

/// Progress on a terminal: one line on standard error, rewritten in place as a file is read —
/// the file, the percent read, the bytes, the rate and the time left (percent and time left when
/// the file's size is known: a regular file, not a pipe) — or naming a step that reads no file.
/// Rewritten at most five times a second; a diagnostic line erases it (Files.diagnose).
public final class ProgressLine: Sendable {
    public let stage: String
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    private struct State {
        var file = ""
        var total: Int?
        var started = ContinuousClock.now
        var shown: ContinuousClock.Instant?
        /// Where the files named in `read(_:bytes:)` are (an input folder), or nil for `paths`.
        var folder: String?
        var paths: [String: String] = [:]
    }

    init(stage: String) { self.stage = stage }

    /// The files to come are named as in `folder` (ingest --input-dir).
    public func files(in folder: String) { state.withLock { $0.folder = folder } }

    /// The file named `label` is at `path` (nil or `-`: standard input, size unknown).
    public func file(_ label: String, at path: String?) {
        state.withLock { $0.paths[label] = path }
    }

    /// The callback the readers call after each block: the file's name and the bytes read so far.
    public var callback: @Sendable (String, Int) -> Void { { [self] file, bytes in read(file, bytes: bytes) } }

    /// `bytes` of `file` read so far.
    public func read(_ file: String, bytes: Int) {
        let now = clock.now
        let text: String? = state.withLock { s in
            if s.file != file {
                s.file = file
                s.started = now
                s.total = Self.size(of: s.folder.map { $0 + "/" + file } ?? s.paths[file] ?? nil)
            }
            if let shown = s.shown, now - shown < .milliseconds(200) { return nil }
            s.shown = now
            return Self.text(
                stage: stage, file: file, bytes: bytes, total: s.total, seconds: Self.seconds(now - s.started))
        }
        if let text { Files.showProgress(text) }
    }

    /// A step that reads no file (`building the panels`).
    public func step(_ what: String) {
        state.withLock { $0.shown = nil }
        Files.showProgress("\(stage): \(what)")
    }

    /// Erases the line.
    public func clear() { Files.clearProgress() }

    /// The size of the file at `path`, or nil: standard input, or a path whose size cannot be
    /// had (the reader reports what is wrong with it; the progress line only goes without a
    /// percentage). A pipe's size reads 0, which `text` takes as unknown too.
    private static func size(of path: String?) -> Int? {
        guard let path, path != "-" else { return nil }
        do { return try Files.size(path) } catch { return nil }
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The line: `cluster-ingest: statements.csv  45% 148 of 330 MB, 210 MB/s, 0:01 left`, or
    /// without a known size `cluster-ingest: statements.csv  148 MB, 210 MB/s`. MB are 10^6
    /// bytes; the rate and the time left are not shown in the first tenth of a second.
    public static func text(stage: String, file: String, bytes: Int, total: Int?, seconds: Double) -> String {
        let mb = bytes / 1_000_000
        var parts: [String] = []
        if let total, total > 0 {
            let percent = min(100, Int((Double(bytes) / Double(total) * 100).rounded(.down)))
            parts.append("\(percent)% \(mb) of \(total / 1_000_000) MB")
        } else {
            parts.append("\(mb) MB")
        }
        if seconds >= 0.1 {
            let rate = Double(bytes) / 1e6 / seconds
            parts.append("\(Int(rate.rounded())) MB/s")
            if let total, total > bytes, rate > 0 {
                parts.append("\(clockTime(Double(total - bytes) / 1e6 / rate)) left")
            }
        }
        return "\(stage): \(file)  " + parts.joined(separator: ", ")
    }

    /// `0:07`, `12:34`, `1:02:03` (seconds rounded up: a time left never reads 0:00 too early).
    static func clockTime(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 360_000 else { return "--:--" }
        let total = Int(seconds.rounded(.up))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
