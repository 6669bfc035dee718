import CSystem

#if canImport(Glibc)
import Glibc
#endif

/// The rules that keep an annual run's OUTPUT_DIR from ever costing data (SPEC 7): which
/// folders may receive a result, and the one-call swap of a new result for the old.
public enum OutputFolder {
    /// The file that marks a folder as a previous result of this pipeline (SPEC 8).
    public static let marker = "datapackage.json"

    /// `path` made absolute with `..`, `.` and every symlink of its existing part resolved;
    /// the part that does not exist yet is appended as written (like `realpath -m`).
    public static func resolve(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { _ in String(cString: buffer) } ?? "."
            absolute = cwd + "/" + path
        }
        var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while true {
            let candidate = "/" + existing.joined(separator: "/")
            if let real = realPath(candidate) {
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

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Checks, before anything is read, that `output` may receive a run of `input` (SPEC 7.1)
    /// and returns the folder the result will replace (a symlink resolved, 7.7).
    public static func check(input: String, output: String) throws -> String {
        guard Files.isDirectory(input) else {
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
        var info = stat()
        guard stat(realOutput, &info) == 0 else { return realOutput }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw PipelineError.usage(
                "OUTPUT_DIR \(shown(output, realOutput)) is a file, not a folder (INPUT_DIR \(shown(input, realInput))); name a folder, new or a previous result")
        }
        let entries = try listing(realOutput)
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

    /// The names in a folder, without `.` and `..`.
    static func listing(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            throw PipelineError.inputUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Puts the finished folder `build` at `output` in one system call: exchanged with the
    /// previous result when there is one (which is then at `build`, for the caller to remove),
    /// renamed when there is none. Both must be on one file system (the build folder is made
    /// beside OUTPUT_DIR). Returns true when a previous result was exchanged.
    @discardableResult
    public static func publish(build: String, output: String) throws -> Bool {
        if csystem_rename_noreplace(build, output) == 0 { return false }
        let renameError = errno
        guard renameError == EEXIST || renameError == ENOTEMPTY else {
            throw PipelineError.outputUnwritable(path: output, reason: String(cString: strerror(renameError)))
        }
        guard csystem_exchange(build, output) == 0 else {
            throw PipelineError.outputUnwritable(path: output, reason: String(cString: strerror(errno)))
        }
        return true
    }
}
