import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
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
        } catch let error as PipelineError {
            if error == .downstreamClosed { return ExitStatus.success.rawValue }
            for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) {
                Files.diagnose("\(name): \(line)")
            }
            return error.exitStatus.rawValue
        } catch {
            Files.diagnose("\(name): internal error: \(error)")
            return ExitStatus.internalError.rawValue
        }
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

    /// A progress printer for standard error when it is a terminal, else nil.
    public static func progressReporter() -> (@Sendable (String, Int) -> Void)? {
        guard Files.standardErrorIsTerminal else { return nil }
        let shown = ProgressMark()
        return { file, bytes in
            let step = bytes >> 26  // every 64 MiB
            if step > shown.step(for: file) {
                shown.set(step, for: file)
                Files.diagnose("\(file): \(bytes >> 20) MiB read")
            }
        }
    }
}

/// The last progress step shown per file. Called from the reading thread only.
private final class ProgressMark: @unchecked Sendable {
    private var steps: [String: Int] = [:]
    func step(for file: String) -> Int { steps[file] ?? 0 }
    func set(_ step: Int, for file: String) { steps[file] = step }
}
