import CSVKit
import Formats
import Values

/// The rules that keep an annual run's OUTPUT_DIR from ever costing data (SPEC 7): which
/// folders may receive a result, and the one-call swap of a new result for the old.
public enum OutputFolder {
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

    /// The data package of a result (SPEC 8).
    public static let packageFile = "datapackage.json"

    /// The file a building or failed folder of the annual run holds, so that a later run
    /// recognises it as its own (SPEC 7.2): nothing is removed by its name alone.
    public static let runMarker = ".cluster-annual-run"

    /// How the marker's text starts (what `isRunFolder` checks).
    static let markerHead = "cluster-annual-run: "

    /// Whether `folder` is one the annual run made (a building or a failed folder): a real
    /// folder, not a link, holding the marker file.
    public static func isRunFolder(_ folder: String) throws -> Bool {
        guard try Files.link(folder) == .directory, try Files.link(folder + "/" + runMarker) == .other else { return false }
        let text = try Files.prefix(folder + "/" + runMarker, count: 64)
        return text.starts(with: Array(markerHead.utf8))
    }

    /// Writes the marker into `folder`, which the run just made.
    public static func mark(_ folder: String, output: String) throws {
        try Files.write(
            markerHead + "a folder of an annual run into \(output); the next run into it removes it\n", to: folder + "/" + runMarker)
    }

    /// Where a run's result goes, as checked before anything is read.
    public struct Target: Sendable, Equatable {
        /// The folder the result replaces (a symlink resolved, 7.7).
        public let path: String
        /// OUTPUT_DIR.failed as messages name it (beside the folder as given, or the resolved one
        /// when OUTPUT_DIR is a symlink).
        public let failedShown: String
        /// The folder that holds `path`, and `path`'s name in it.
        public var parent: String { Files.folderName(path) }
        public var name: String { Files.baseName(path) }
        public var failed: String { path + ".failed" }
    }

    /// Checks, before anything is read, that `output` may receive a run of `input` (SPEC 7.1)
    /// and returns where the result will go. Refused with exit 64: an OUTPUT_DIR that is, holds
    /// or lies inside INPUT_DIR; a file; a symbolic link to nothing; a mount point (the swap
    /// cannot replace it); a folder that is neither empty nor a previous result of this
    /// pipeline (its datapackage.json, listing every file the folder holds); an
    /// OUTPUT_DIR.failed the pipeline did not make.
    public static func check(input: String, output: String) throws -> Target {
        guard try Files.isDirectory(input) else {
            throw PipelineError.inputUnreadable(path: input, reason: "no such input folder")
        }
        var named = output
        while named.count > 1 && named.hasSuffix("/") { named.removeLast() }
        if case .symlink(resolves: false) = try Files.link(named) {
            throw PipelineError.usage(
                "OUTPUT_DIR \(output) is a symbolic link to nothing (\(Files.realPath(named) ?? "its target does not exist")); the result cannot replace what is not there: create the folder it points to, or name another OUTPUT_DIR")
        }
        let realInput = resolve(input)
        let realOutput = resolve(named)
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
        case .none: break
        case .other:
            throw PipelineError.usage(
                "OUTPUT_DIR \(shown(output, realOutput)) is a file, not a folder (INPUT_DIR \(shown(input, realInput))); name a folder, new or a previous result")
        case .directory:
            if try Files.isMountPoint(realOutput) {
                throw PipelineError.usage(
                    "OUTPUT_DIR \(shown(output, realOutput)) is a mount point: a result replaces its folder in one step (SPEC 7.2), which a mount point does not allow; name a folder inside it")
            }
            try checkPrevious(realOutput, shownAs: shown(output, realOutput))
        }
        var failedShown = named + ".failed"
        if case .symlink = try Files.link(named) { failedShown = failed }
        switch try Files.link(failed) {
        case .none: break
        case .directory where try isRunFolder(failed): break
        default:
            throw PipelineError.usage(
                "\(failedShown) exists and is not a failed run's folder (it has no \(runMarker)): a failed run into OUTPUT_DIR \(output) puts what it wrote there; move it away or name another OUTPUT_DIR")
        }
        return Target(path: realOutput, failedShown: failedShown)
    }

    /// An existing, non-empty OUTPUT_DIR must be a previous result: its datapackage.json this
    /// pipeline's, and nothing in the folder that the package does not list.
    private static func checkPrevious(_ folder: String, shownAs shownName: String) throws {
        let entries = try Files.entries(under: folder)
        if entries.isEmpty { return }
        let package = folder + "/datapackage.json"
        let listed: [String]?
        if try Files.link(package) == .other, try Files.checkRegularIfPresent(package) {
            listed = DataPackage.listedFiles(try Files.read(package))
        } else {
            listed = nil
        }
        guard let listed else {
            throw PipelineError.usage(
                "OUTPUT_DIR \(shownName) is a folder that is not empty and not a previous result of this pipeline (it has no datapackage.json of this pipeline's); name a new or empty folder")
        }
        var allowed: Set<String> = ["datapackage.json"]
        for path in listed {
            var prefix = ""
            for part in path.split(separator: "/") {
                prefix += prefix.isEmpty ? String(part) : "/" + part
                allowed.insert(prefix)
            }
        }
        let foreign = entries.filter { !allowed.contains($0) }
        if !foreign.isEmpty {
            let named = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
            throw PipelineError.usage(
                "OUTPUT_DIR \(shownName) holds files its datapackage.json does not list (\(named)); the next result would replace them with the folder: move them away, or name another OUTPUT_DIR")
        }
    }

    /// Removes what killed runs into `target` left beside it (SPEC 7.2): building folders that
    /// hold the run's marker. A folder of the same name without the marker is left alone.
    public static func removeLeftovers(of target: Target) throws {
        let prefix = "." + target.name + ".building."
        for name in try Files.listing(target.parent) where name.hasPrefix(prefix) {
            let path = target.parent + "/" + name
            if try isRunFolder(path) { try removeRunFolder(path) }
        }
    }

    /// Removes a marked run folder so that it stays one to its last moment: every entry but the
    /// marker first, then the marker with the folder. A run killed halfway leaves a folder the
    /// next run still knows as a run's and removes (removed in any order, a folder that had
    /// lost its marker first was left for good: the case run-output-folder's kills found one).
    public static func removeRunFolder(_ path: String) throws {
        for name in try Files.listing(path) where name != runMarker { try Files.removeTree(path + "/" + name) }
        try Files.removeTree(path)
    }

    /// `path`, with its resolved form when that differs.
    private static func shown(_ path: String, _ resolved: String) -> String {
        path == resolved ? path : "\(path) (\(resolved))"
    }

    /// Puts the finished folder `build` at `output` in one system call: exchanged with the
    /// previous result when there is one (which is then at `build`, for the caller to remove),
    /// renamed when there is none. Both must be on one file system (the build folder is made
    /// beside OUTPUT_DIR). Returns true when a previous result was exchanged.
    ///
    /// Each file was synced when written (CSVWriter.close); the folder's names are synced here
    /// before the swap, so that after a power loss OUTPUT_DIR is the previous result or the new
    /// one, each whole (the swap itself may then be undone: the previous result is back).
    @discardableResult
    public static func publish(build: String, output: String) throws -> Bool {
        try Files.syncFolder(build)
        if try Files.renameIfAbsent(build, to: output) { return false }
        try Files.exchange(build, output)
        return true
    }
}
