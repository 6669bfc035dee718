import ArgumentParser
import CSVKit
import Formats
import Rules
import Stages
import Values

// The command-line layer shared by the stage executables: the options every filter stage has,
// the typed arguments (KIND, encodings) and the help text every stage ends with. Only this
// target and the executables import ArgumentParser.

/// The input and output of a filter stage: FILE (or standard input), `-o FILE` (or standard
/// output) and `-q`.
public struct FilterOptions: ParsableArguments {
    public init() {}

    @Argument(
        help: ArgumentHelp("The input (see the description); '-' or nothing reads standard input.", valueName: "FILE"),
        completion: .file())
    public var file: String?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the result to FILE instead of standard output.", valueName: "FILE"),
        completion: .file())
    public var output: String?

    @Flag(name: .shortAndLong, help: "Print errors only: no counts, no advice, no progress.")
    public var quiet = false

    /// The input's name in messages and rejects: FILE's name, or `fallback` for standard input.
    public func label(_ fallback: String) -> String { file.map(Files.baseName) ?? fallback }

    /// Says that the stage reads standard input when that is a terminal (no FILE given, nothing
    /// piped in): it would otherwise wait without a word.
    public func announceStandardInput(_ command: String) {
        guard !quiet, file == nil || file == "-", Files.standardInputIsTerminal else { return }
        Files.diagnose("\(command): reading standard input (no FILE given): type or paste CSV and end with Ctrl-D, or give a FILE")
    }
}

/// `--conf FILE`: the run's settings, required by the stages that compute.
public struct ConfOption: ParsableArguments {
    public init() {}

    @Option(
        help: ArgumentHelp(
            "run.conf: the run's settings (KEY=VALUE lines; SPEC 1.1 lists the keys and defaults).", valueName: "FILE"),
        completion: .file())
    public var conf: String

    public func load() throws -> RunConfig { try RunConfig.load(conf) }
}

extension InputKind: ExpressibleByArgument {
    // init?(argument:) is InputKind's own (sme_criteria or sme-criteria); the values offered
    // (help, completion) are the raw values, in SPEC 1.1's order.
}

extension EncodingChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { ["auto", "utf-8", "cp932"] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// The text every stage's help ends with.
public enum StageHelp {
    /// What `--version` prints: the pipeline's version and source commit.
    public static let version = PipelineVersion.shown

    /// Where "SPEC n" points, and the shared conventions.
    public static let footer = """
        SPEC n is section n of the contract: share/doc/cluster-monitor/Contract.md of an \
        installation (Pipelines/install.sh), Sources/Stages/Stages.docc/Contract.md of the \
        repository. Exit codes (SPEC 2): 0 ok, 64 usage, 65 data, 66 missing input, 70 internal, \
        74 write failure, 75 busy. Diagnostics go to standard error, each line prefixed with the stage.
        """

    /// A command's discussion: its paragraphs, then its examples (each line indented two
    /// spaces, none longer than 78 columns so that a help at 80 columns, the width when piped,
    /// shows them unbroken; the man page shows them verbatim), then the footer.
    public static func discussion(_ text: String, examples: [String]) -> String {
        var parts = [text]
        if !examples.isEmpty {
            parts.append(
                "Examples (from the repository's root, the stages on PATH):\n"
                    + examples.map { "  " + $0 }.joined(separator: "\n"))
        }
        parts.append(footer)
        return parts.joined(separator: "\n\n")
    }

    /// Runs a stage's body under `Stage.run` and turns a failure into its exit code.
    public static func run(_ name: String, _ body: () throws -> Void) throws {
        let status = Stage.run(name: name, body)
        if status != 0 { throw ExitCode(status) }
    }
}

/// A stage's command: ArgumentParser's `main()`, with every usage error on standard error
/// prefixed with the stage's name, line by line, like every other diagnostic (exit 64).
public protocol StageCommand: ParsableCommand {}

extension StageCommand {
    public static func main() {
        let name = configuration.commandName ?? "cluster"
        do {
            // Started by the annual run: end with it (SPEC 7.2: nothing outlives the run).
            try Files.endWithParent(named: AnnualRun.parentVariable)
            var command = try parseAsRoot()
            try command.run()
        } catch {
            StageHelp.exit(name: name, error: error, of: self)
        }
    }
}

/// The annual run's command: a `StageCommand` whose body awaits the stages it starts.
public protocol AsyncStageCommand: AsyncParsableCommand {}

extension AsyncStageCommand {
    public static func main() async { await mainRunningStages() }

    /// `main()`'s body, for a command whose own `main()` does something first.
    public static func mainRunningStages() async {
        let name = configuration.commandName ?? "cluster"
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            StageHelp.exit(name: name, error: error, of: self)
        }
    }
}

extension StageHelp {
    /// Ends the process for `error`: --help and --version on standard output with 0, anything
    /// else on standard error, each line prefixed with the command's name, with its exit code.
    public static func exit(name: String, error: any Error, of command: any ParsableCommand.Type) -> Never {
        let code = command.exitCode(for: error)
        let message = command.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }  // --help, --version: on standard output
        } else if !message.isEmpty {
            message.split(separator: "\n", omittingEmptySubsequences: false).forEach {
                Files.diagnose($0.isEmpty ? "\(name):" : "\(name): \($0)")
            }
        }
        command.exit(withError: ExitCode(code.rawValue))
    }

    /// Runs an asynchronous body under the stages' error reporting (`Stage.run`).
    public static func run(_ name: String, _ body: () async throws -> Void) async throws {
        let status = await Stage.run(name: name, body)
        if status != 0 { throw ExitCode(status) }
    }
}
