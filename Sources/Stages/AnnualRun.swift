import CSVKit
import Dispatch
import Formats
import Rules
import Subprocess
import SystemPackage
import Values

/// The commands the product installs: the one list the scripts ask for
/// (`cluster-annual-run --commands`), equal to Package.swift's `commands` (an end-to-end test
/// compares them).
public enum Commands {
    /// The stages the annual run starts, in the order it starts them.
    public static let runStages = [
        "cluster-ingest", "cluster-tabulate", "cluster-panel", "cluster-correct", "cluster-index", "cluster-publish",
        "cluster-compare", "cluster-report", "cluster-package",
    ]
    /// Every command, in Package.swift's order.
    public static let all = [
        "cluster-ingest", "cluster-panel", "cluster-correct", "cluster-index", "cluster-tabulate", "cluster-compare",
        "cluster-report", "cluster-package", "cluster-publish", "cluster-explain", "cluster-annual-run",
    ]
}

/// What the annual run takes from its environment.
public enum RunEnvironment {
    /// The folder of the stages: CLUSTER_BIN when set (the test suite's builds), else this
    /// command's own folder (an installation's PREFIX/bin, a build folder).
    public static var stagesFolder: String? {
        if let bin = Files.environment("CLUSTER_BIN"), !bin.isEmpty { return bin }
        return Files.executableFolder()
    }

    public static let noStagesFolder = PipelineError.inputUnreadable(
        path: "/proc/self/exe", reason: "cannot name this command's folder, where the stages are; set CLUSTER_BIN")

    /// CLUSTER_TIMING=FILE: each stage's times appended to FILE (Pipelines/bench-run.sh).
    public static var timingFile: String? {
        guard let file = Files.environment("CLUSTER_TIMING"), !file.isEmpty else { return nil }
        return file
    }
}

/// The annual run (SPEC 1, 7): every stage for one survey year, each a separate process
/// started here (tabulate beside panel, correct and index), into a building folder beside
/// OUTPUT_DIR that replaces the previous result in one system call. The stages hand on typed
/// files only: the strict reproduction's outcome comes from compare's verdict file, the SHA-256
/// of the inputs are computed here while ingest reads them, those of the outputs by
/// cluster-package.
public enum AnnualRun {
    public static let name = "cluster-annual-run"
    /// The variable by which a stage learns the run's process ID, so that it ends with the run
    /// (`Files.endWithParent`; `stage(_:_:_:)` sets it by this name).
    public static let parentVariable = "CLUSTER_ANNUAL_RUN_PID"

    public struct Options: Sendable {
        public var input: String
        public var output: String
        public var quiet: Bool
        /// The folder of the stage executables.
        public var stages: String
        /// CLUSTER_TIMING: a file each stage's `name wall user sys peak_KiB` line is appended
        /// to (GNU time), for Pipelines/bench-run.sh.
        public var timing: String?

        public init(input: String, output: String, quiet: Bool, stages: String, timing: String?) {
            self.input = input
            self.output = output
            self.quiet = quiet
            self.stages = stages
            self.timing = timing
        }
    }

    /// The inputs the run reads (SPEC 1.1): nothing else in INPUT_DIR is opened.
    public static var inputNames: [String] { ["run.conf"] + InputKind.allCases.map(\.fileName) }

    /// Runs the year; a failure is thrown as a `PipelineError` whose message says where what
    /// the run wrote went (a failed stage's status is the run's).
    public static func run(_ options: Options) async throws {
        // A name that starts with '-' reaches the stages as a path, not an option.
        let input = options.input.hasPrefix("-") ? "./" + options.input : options.input
        // SPEC 7.1, and every input the run reads a regular file, before anything is read.
        let first = try OutputFolder.check(input: input, output: options.output)
        for file in inputNames { _ = try Files.checkRegularIfPresent(input + "/" + file) }
        for stage in Commands.runStages where try Files.link(options.stages + "/" + stage) == .none {
            throw PipelineError.inputUnreadable(
                path: options.stages + "/" + stage, reason: "no such stage (build with swift build -c release, or set CLUSTER_BIN)")
        }
        try Files.makeDirectory(first.parent)
        // SPEC 7.3: one run at a time into one folder; the kernel releases the lock however
        // the run ends, and no stage inherits it.
        let lockPath = first.parent + "/." + first.name + ".lock"
        guard let lock = try Files.lock(lockPath) else {
            throw PipelineError.busy(
                "OUTPUT_DIR \(options.output) is in use by another run (lock \(lockPath) held); try again when it has finished")
        }
        _ = lock
        // Checked again under the lock: another run may have changed the folder meanwhile.
        let target = try OutputFolder.check(input: input, output: options.output)
        try OutputFolder.removeLeftovers(of: target)
        let build = try Files.makeTemporaryDirectory(prefix: target.parent + "/." + target.name + ".building.")
        let work = build + "/.work"
        do {
            try OutputFolder.mark(build, output: options.output)
            try Files.makeDirectory(work)
        } catch {
            // This run made the folder a moment ago; unmarked (the marker could not be
            // written), no later run would remove it: it goes now.
            do { try Files.removeTree(build) } catch let cleanup {
                throw PipelineError.outputUnwritable(path: build, reason: "\(error); and it could not be removed: \(cleanup)")
            }
            throw error
        }
        let run = Run(options: options, input: input, target: target, build: build, work: work)
        let previous: Bool
        do {
            previous = try await run.stages()
        } catch let error as PipelineError {
            // A step of the run's own (a file it writes between the stages, the settings, the
            // swap's preparation) failed: it ends as a failed stage does, with what was written
            // in OUTPUT_DIR.failed and OUTPUT_DIR untouched.
            if case .stageFailed = error { throw error }
            throw try await run.fail(AnnualRun.name, error.exitStatus.rawValue, message: error.description)
        }
        try run.finish(swappedOut: previous)
    }

    /// One run's state: where it writes and how it ends.
    final class Run: Sendable {
        let options: Options
        let input: String
        let target: OutputFolder.Target
        let build: String
        let work: String
        /// The inputs' SHA-256, computed from the start beside ingest (each file the run reads,
        /// once more); awaited by the report, or by a failed run's report of the inputs.
        let hashing: Task<[(file: String, sha256: String)], any Error>
        var conf: String { input + "/run.conf" }

        init(options: Options, input: String, target: OutputFolder.Target, build: String, work: String) {
            self.options = options
            self.input = input
            self.target = target
            self.build = build
            self.work = work
            hashing = Self.background { try AnnualRun.fingerprints(of: input) }
        }

        /// The stages, then the swap; true when a previous result was swapped out.
        func stages() async throws -> Bool {
            let ingest = try await stage(
                "ingest", "cluster-ingest", ["--input-dir", input, "--output-dir", work, "--work-files"] + quiet)
            if try Files.exists(work + "/rejects.csv") { try Files.rename(work + "/rejects.csv", to: build + "/rejects.csv") }
            if ingest != 0 { throw try await fail("ingest", ingest) }

            // The survey does not depend on the panel: tabulate beside it.
            async let tabulate = stage(
                "tabulate", "cluster-tabulate",
                [work + "/responses.table", "--codebook", work + "/codebook.csv", "--participants", work + "/participants.frame",
                 "--conf", conf, "-o", build + "/survey_items.csv", "--single", build + "/survey_single.csv",
                 "--weights", build + "/weights.csv", "--audit", build + "/survey_audit.csv"] + quiet)
            // Panel, correct and index, each on the one before; the first failure stops them.
            let series: [(step: String, command: String, arguments: [String])] = [
                ("panel", "cluster-panel",
                 [work + "/statements.csv", "--participants", work + "/participants.frame", "--industries", work + "/industries.csv",
                  "--sme-criteria", work + "/sme_criteria.csv", "--conf", conf, "--log", build + "/panel_log.csv",
                  "--members", build + "/panel_members.csv", "--work-file", "-o", work + "/panel.work"] + quiet),
                ("correct", "cluster-correct",
                 [work + "/panel.work", "--benchmark", work + "/benchmark.csv", "--conf", conf, "-o", work + "/totals.csv"]),
                ("index", "cluster-index",
                 [work + "/panel.work", "--totals", work + "/totals.csv", "--conf", conf, "-o", build + "/index_series.csv",
                  "--by-project", build + "/index_by_project.csv", "--participants", work + "/participants.frame",
                  "--benchmark", work + "/benchmark.csv", "--audit", build + "/index_audit.csv"]),
            ]
            var failure: (step: String, status: Int32)?
            for next in series {
                let status = try await stage(next.step, next.command, next.arguments)
                if status != 0 {
                    failure = (next.step, status)
                    break
                }
            }
            // A failure beside tabulate waits for it: its tables go to OUTPUT_DIR.failed too.
            let tabulated = try await tabulate
            if let failure { throw try await fail(failure.step, failure.status) }
            if tabulated != 0 { throw try await fail("tabulate", tabulated) }

            // SPEC 11: one disclosure audit of everything published, the stages' parts then removed.
            let audit = try await stage(
                "audit", "cluster-publish",
                ["audit", build + "/index_audit.csv", build + "/survey_audit.csv", "-o", build + "/disclosure_audit.csv"])
            if audit != 0 { throw try await fail("audit", audit) }
            for part in ["index_audit.csv", "survey_audit.csv"] { try removeOutput(build + "/" + part) }

            // published.csv as the input holds it, so that compare sees a value that does not
            // read. STRICT_REPRODUCTION=yes: a value not reproduced (or not read) is exit 65 from
            // compare, told apart from any other failure by its verdict file; the run then
            // writes everything all the same and ends as a failed run.
            var unreproduced = false
            if try Files.exists(input + "/published.csv") {
                let verdict = work + "/verdict.csv"
                let status = try await stage(
                    "compare", "cluster-compare",
                    [input + "/published.csv", "--survey", build + "/survey_items.csv", "--index", build + "/index_series.csv",
                     "--conf", conf, "-o", build + "/reproduction.csv", "--verdict", verdict] + quiet)
                if status == ExitStatus.dataError.rawValue, try Files.exists(verdict),
                    case let outcome = try ReproductionVerdict.read(verdict), outcome.strict, !outcome.allReproduced
                {
                    unreproduced = true
                } else if status != 0 {
                    throw try await fail("compare", status)
                }
            }
            let fingerprints = try await hashing.value
            try Files.write(ReportData.fingerprintsText(fingerprints), to: work + "/fingerprints.txt")
            let report = try await stage(
                "report", "cluster-report",
                ["--results", build, "--summary", work + "/ingest_summary.csv", "--conf", conf,
                 "--fingerprints", work + "/fingerprints.txt", "-o", build + "/report.txt", "--charts", build + "/charts",
                 "--tables", build + "/tables.xlsx", "--participants", work + "/participants.frame"])
            if report != 0 { throw try await fail("report", report) }
            // The settings files beside the outputs have served (each stage checked its inputs'
            // against its run.conf, the report took its settings from them); the published
            // folder's record of the settings is datapackage.json.
            try removeSettingsFiles()
            // CSV_ENCODING: the finished tables in UTF-8 with a BOM or CP932 (for Excel), before
            // the data package records their hashes; a character CP932 cannot hold is exit 65.
            do {
                let encoding = try RunConfig.load(conf).csvEncoding
                for file in try Files.listing(build) where file.hasSuffix(".csv") {
                    try Transcoding.rewrite(build + "/" + file, to: encoding, label: file)
                }
            } catch let error as PipelineError {
                throw try await fail("encode", error.exitStatus.rawValue, message: error.description)
            }
            let package = try await stage(
                "package", "cluster-package",
                ["--results", build, "--inputs", input, "--summary", work + "/ingest_summary.csv",
                 "--fingerprints", work + "/fingerprints.txt", "-o", build + "/datapackage.json"])
            if package != 0 { throw try await fail("package", package) }
            if unreproduced { throw try await fail("compare", ExitStatus.dataError.rawValue) }
            return try swap()
        }

        var quiet: [String] { options.quiet ? ["-q"] : [] }

        /// Runs one stage to its end; its exit status (128 + the signal when one ended it).
        func stage(_ step: String, _ command: String, _ arguments: [String]) async throws -> Int32 {
            var executable = options.stages + "/" + command
            var argv = arguments
            var environment = Environment.inherit.updating(
                [Environment.Key(stringLiteral: AnnualRun.parentVariable): "\(Files.processID)"])
            if let timing = options.timing {
                // GNU time between the run and the stage: the stage then does not follow the
                // run's end (bench-run.sh's runs are not killed).
                argv = ["-a", "-o", timing, "-f", "\(step) %e %U %S %M", executable] + arguments
                executable = "/usr/bin/time"
                environment = .inherit
            }
            let result: ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput>
            do {
                result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(argv), environment: environment,
                    output: .currentStandardOutput, error: .currentStandardError)
            } catch {
                throw PipelineError.inputUnreadable(path: executable, reason: "cannot be started: \(error)")
            }
            switch result.terminationStatus {
            case .exited(let code): return code
            case .signaled(let signal): return 128 + signal
            }
        }

        func removeOutput(_ path: String) throws {
            if try Files.exists(path) { try Files.removeFile(path) }
        }

        /// The FILE.settings the stages wrote beside their outputs in the building folder.
        func removeSettingsFiles() throws {
            for name in try Files.listing(build) where name.hasSuffix(SettingsFile.suffix) {
                let table = String(name.dropLast(SettingsFile.suffix.count))
                if try Files.exists(build + "/" + table) { try Files.removeFile(build + "/" + name) }
            }
        }

        /// SPEC 7.2: the new result for the old in one system call (the previous result first
        /// marked, so that were the run killed right after the swap, the next run would remove
        /// it from the building folder's name). A failure takes the mark off the previous result
        /// again (it is then exactly as it was) and is thrown for `fail`. True when a previous
        /// result was swapped out.
        func swap() throws -> Bool {
            try Files.removeTree(work)
            let previous = try Files.exists(target.path)
            do {
                if previous { try OutputFolder.mark(target.path, output: options.output) }
                try OutputFolder.publish(build: build, output: target.path)
            } catch {
                let mark = target.path + "/" + OutputFolder.runMarker
                if previous, try Files.exists(mark) { try Files.removeFile(mark) }
                throw error
            }
            return previous
        }

        /// After the swap: the new result loses its mark, the previous one (now at the building
        /// folder's name) and a failed run's folder go. Nothing here goes to `fail`: the new
        /// result is in place.
        func finish(swappedOut previous: Bool) throws {
            try Files.removeFile(target.path + "/" + OutputFolder.runMarker)
            if previous { try OutputFolder.removeRunFolder(build) }
            if try OutputFolder.isRunFolder(target.failed) { try OutputFolder.removeRunFolder(target.failed) }
            if !options.quiet { Files.diagnose("\(AnnualRun.name): wrote \(options.output)") }
        }

        /// A stage failed with `status`: the other stages have ended; what the run wrote (the
        /// row balances, rejects, the tables made, a report of the inputs) goes to
        /// OUTPUT_DIR.failed/, empty files left out; OUTPUT_DIR is not touched. Nothing here
        /// needs room on the disk but the report, whose failure only leaves it out (a full
        /// disk is a common cause of the failure). Returns the error to throw.
        func fail(_ stage: String, _ status: Int32, message: String? = nil) async throws -> PipelineError {
            do {
                return try await keepWritten(stage, status, message: message)
            } catch {
                // The failure that stopped the run (a full disk, say) kept what it wrote from
                // OUTPUT_DIR.failed too: the building folder goes; OUTPUT_DIR is untouched.
                try OutputFolder.removeRunFolder(build)
                return .stageFailed(
                    status: status,
                    message: "\(message.map { "\($0)\n" } ?? "")\(failedStep(stage, status)); what the run wrote could not be kept (\(error)); \(outputLeft)")
            }
        }

        /// What a failed run left of OUTPUT_DIR: the previous result untouched, or, when there
        /// was none, nothing (a folder the run would have made is not called untouched).
        var outputLeft: String {
            let existed: Bool
            do { existed = try Files.exists(options.output) } catch { existed = true }
            return existed ? "\(options.output) is untouched" : "\(options.output) was not made"
        }

        /// "stage X failed (exit N)", or "the run failed" for a step of the run's own.
        func failedStep(_ stage: String, _ status: Int32) -> String {
            "\(stage == AnnualRun.name ? "the run" : "stage \(stage)") failed (exit \(status))"
        }

        /// `fail`'s work: what the run wrote moved to OUTPUT_DIR.failed.
        private func keepWritten(_ stage: String, _ status: Int32, message: String?) async throws -> PipelineError {
            // The row balances, when the report that shows them was not written.
            let summary = build + "/ingest_summary.csv"
            let hasSummary = try Files.exists(work + "/ingest_summary.csv") && !(try Files.exists(build + "/report.txt"))
            if hasSummary {
                try Files.rename(work + "/ingest_summary.csv", to: summary)
                let settings = SettingsFile.path(beside: work + "/ingest_summary.csv")
                if try Files.exists(settings) { try Files.rename(settings, to: SettingsFile.path(beside: summary)) }
            }
            try Files.removeTree(work)
            if hasSummary, try Files.exists(build + "/rejects.csv") {
                try await partialReport(stoppedAt: stage, summary: summary)
            }
            try removeSettingsFiles()
            var kept: [String] = []
            for path in try Files.walk(build) {
                if try Files.size(build + "/" + path) == 0 { try Files.removeFile(build + "/" + path) } else { kept.append(path) }
            }
            let head = message.map { "\($0)\n" } ?? ""
            if kept.isEmpty {
                try OutputFolder.removeRunFolder(build)
                return .stageFailed(
                    status: status,
                    message: "\(head)\(failedStep(stage, status)) before it wrote anything; \(outputLeft)")
            }
            if try OutputFolder.isRunFolder(target.failed) { try OutputFolder.removeRunFolder(target.failed) }
            guard try Files.renameIfAbsent(build, to: target.failed) else {
                throw PipelineError.outputUnwritable(path: target.failed, reason: "appeared during the run")
            }
            // The tables and the report first, then what is in folders (the charts).
            let listed = kept.filter { !$0.contains("/") } + kept.filter { $0.contains("/") }
            let shown = listed.prefix(8).joined(separator: ", ") + (listed.count > 8 ? " and \(listed.count - 8) more" : "")
            return .stageFailed(
                status: status,
                message: "\(head)\(failedStep(stage, status)); what the run wrote is in \(target.failedShown)/ (\(shown)); \(outputLeft)")
        }

        /// report.txt of the inputs and settings (cluster-report --stopped-at); left out when
        /// it cannot be written whole.
        func partialReport(stoppedAt stage: String, summary: String) async throws {
            let fingerprintsFile = build + "/.fingerprints.txt"
            var fingerprints: [String] = []
            do {
                try Files.write(ReportData.fingerprintsText(try await hashing.value), to: fingerprintsFile)
                fingerprints = ["--fingerprints", fingerprintsFile]
            } catch {
                // An input that could not be hashed, or no room for the list: the report shows
                // no SHA-256; the failure reported is the one that stopped the run.
            }
            let status = try await self.stage(
                "report", "cluster-report",
                ["--results", build, "--summary", summary, "--conf", conf, "-o", build + "/report.txt", "--stopped-at", stage]
                    + fingerprints)
            if status != 0 { try removeOutput(build + "/report.txt") }
            try removeOutput(fingerprintsFile)
        }

        /// `body` on a thread of its own (it reads files: no cooperative thread waits on it).
        static func background<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> Task<T, any Error> {
            Task {
                try await withCheckedThrowingContinuation { continuation in
                    DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
                }
            }
        }
    }

    /// The SHA-256 of each input the run reads (SPEC 8), by name, in `inputNames`' order.
    static func fingerprints(of input: String) throws -> [(file: String, sha256: String)] {
        var out: [(file: String, sha256: String)] = []
        for file in inputNames where try Files.checkRegularIfPresent(input + "/" + file) {
            out.append((file, try Files.sha256(input + "/" + file)))
        }
        return out
    }
}
