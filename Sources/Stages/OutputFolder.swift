import CSVKit
import Values

/// The rules that keep an annual run's OUTPUT_DIR from ever costing data (SPEC 7): which
/// folders may receive a result, and the one-call swap of a new result for the old.
public enum OutputFolder {
    /// The file that marks a folder as a previous result of this pipeline (SPEC 8).
    public static let marker = "datapackage.json"

    /// `path` made absolute with `..`, `.` and every symlink of its existing part resolved;
    /// the part that does not exist yet is appended as written (like `realpath -m`).
    public static func resolve(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") { absolute = (Files.currentDirectory() ?? ".") + "/" + path }
        var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while true {
            let candidate = "/" + existing.joined(separator: "/")
            if let real = Files.realPath(candidate) {
                var parts = real.split(separator: "/").map(String.init)
                for part in rest {
                    switch part {
                    case ".": continue
                    case "..": if !parts.isEmpty { parts.removeLast() }
                    default: parts.append(part)
                    }
                }
                return "/" + parts.joined(separator: "/")
            }
            guard let last = existing.popLast() else { return absolute }
            rest.insert(last, at: 0)
        }
    }

    /// Checks, before anything is read, that `output` may receive a run of `input` (SPEC 7.1)
    /// and returns the folder the result will replace (a symlink resolved, 7.7).
    public static func check(input: String, output: String) throws -> String {
        guard try Files.isDirectory(input) else {
            throw PipelineError.inputUnreadable(path: input, reason: "no such input folder")
        }
        let realInput = resolve(input)
        let realOutput = resolve(output)
        func refuse(_ relation: String) -> PipelineError {
            .usage("OUTPUT_DIR \(shown(output, realOutput)) \(relation) INPUT_DIR \(shown(input, realInput)); choose an output folder outside the input folder")
        }
        if realOutput == realInput { throw refuse("is") }
        if realOutput.hasPrefix(realInput + "/") || realInput == "/" { throw refuse("lies inside") }
        if realInput.hasPrefix(realOutput + "/") || realOutput == "/" { throw refuse("contains") }
        let failed = realOutput + ".failed"
        if realInput == failed || realInput.hasPrefix(failed + "/") {
            throw PipelineError.usage(
                "INPUT_DIR \(shown(input, realInput)) is inside \(failed), where a failed run into OUTPUT_DIR \(shown(output, realOutput)) puts what it wrote; move the inputs elsewhere")
        }
        switch try Files.entry(realOutput) {
        case .none: return realOutput
        case .directory: break
        case .other:
            throw PipelineError.usage(
                "OUTPUT_DIR \(shown(output, realOutput)) is a file, not a folder (INPUT_DIR \(shown(input, realInput))); name a folder, new or a previous result")
        }
        let entries = try Files.listing(realOutput)
        if !entries.isEmpty && !entries.contains(marker) {
            throw PipelineError.usage(
                "OUTPUT_DIR \(shown(output, realOutput)) is a folder that is not empty and not a previous result (it has no \(marker)); INPUT_DIR \(shown(input, realInput)); name a new or empty folder")
        }
        return realOutput
    }

    /// `path`, with its resolved form when that differs.
    private static func shown(_ path: String, _ resolved: String) -> String {
        path == resolved ? path : "\(path) (\(resolved))"
    }

    /// Puts the finished folder `build` at `output` in one system call: exchanged with the
    /// previous result when there is one (which is then at `build`, for the caller to remove),
    /// renamed when there is none. Both must be on one file system (the build folder is made
    /// beside OUTPUT_DIR). Returns true when a previous result was exchanged.
    @discardableResult
    public static func publish(build: String, output: String) throws -> Bool {
        if try Files.renameIfAbsent(build, to: output) { return false }
        try Files.exchange(build, output)
        return true
    }
}
