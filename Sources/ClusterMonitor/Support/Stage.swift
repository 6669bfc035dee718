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

    /// A progress printer for standard error when it is a terminal, else nil.
    public static func progressReporter() -> (@Sendable (String, Int) -> Void)? {
        guard Files.standardErrorIsTerminal else { return nil }
        return { file, bytes in
            if bytes % (64 << 20) < (1 << 20) {
                Files.diagnose("\(file): \(bytes >> 20) MiB read")
            }
        }
    }
}
