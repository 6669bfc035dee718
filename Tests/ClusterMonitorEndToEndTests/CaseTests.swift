import Foundation
import Testing

/// The C library's wcwidth(3), which Glibc's module map leaves out (it is an X/Open function).
@_silgen_name("wcwidth") func wcwidth(_ c: Int32) -> Int32

// End-to-end cases: every folder under Tests/Cases is one case.
//
//   Tests/Cases/NAME/
//     README            what the case checks and where each expected value comes from
//     cmd               the command line, run as `bash cmd` in a fresh copy of the folder
//     ...               the inputs the command reads
//     expected/stdout   standard output, byte for byte
//     expected/stderr   standard error, byte for byte
//     expected/exit     the exit status (a number)
//     expected/files/F  each file F (a path relative to the case folder) the command must write
//
// The command runs with `BIN` = the folder of the built executables (where this test binary
// was built; `CLUSTER_BIN` overrides it), `REPO` = the repository root and `LC_ALL=C.UTF-8`.
// In stdout and stderr the absolute paths of the working copy, BIN and REPO read as `$TMP`,
// `$BIN` and `$REPO`.
//
// A case that runs longer than CASE_TIMEOUT seconds (default 300) fails.
//
// `UPDATE_CASES=1` writes the actual results into expected/ instead of comparing (stdout,
// stderr, exit, and every file already listed under expected/files: to add a file, create an
// empty one there first). `E2E_CASES="a b"` limits the run to the named cases. Both are what
// Pipelines/regen-cases.sh sets. A regenerated fixture is checked by reading it against the
// SPEC before it is committed.

@Suite struct EndToEndCases {
    @Test(arguments: CaseFolder.names())
    func runCase(_ name: String) throws {
        let folder = CaseFolder(name: name)
        try folder.run()
    }
}

/// The runner's own check of report widths, on reports made by hand: a line of 81 ASCII
/// characters is too wide; 40 kanji (80 columns) and 80 ASCII characters are not.
@Suite struct ReportWidthCheck {
    @Test func findsTheLineWiderThan80Columns() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("width-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("out"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let fits = String(repeating: "漢", count: 40) + "\n" + String(repeating: "a", count: 80) + "\n"
        try Data(fits.utf8).write(to: work.appendingPathComponent("report.txt"))
        #expect(CaseFolder.wideReportLines(in: work).isEmpty)
        try Data((fits + String(repeating: "b", count: 81) + "\n").utf8).write(to: work.appendingPathComponent("out/report.txt"))
        let failures = CaseFolder.wideReportLines(in: work)
        #expect(failures.count == 1)
        #expect(failures.first?.hasPrefix("out/report.txt line 3 is 81 columns wide") == true)
    }
}

struct CaseFolder {
    let name: String

    static let casesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Cases")

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The repository root (`REPO` in a case's command).
    static let repository = casesDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The case folders, sorted; `E2E_CASES` (names separated by spaces or commas) selects some.
    static func names() -> [String] {
        let fm = FileManager.default
        let all = ((try? fm.contentsOfDirectory(atPath: casesDirectory.path)) ?? [])
            .filter { isDirectory(casesDirectory.appendingPathComponent($0).path) && !$0.hasPrefix(".") }
            .sorted()
        guard let selection = environment["E2E_CASES"], !selection.isEmpty else { return all }
        let wanted = selection.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        // An unknown name stays in the list so that its case fails loudly.
        return wanted
    }

    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// Where `cluster-ingest` and the other stages were built: `CLUSTER_BIN`, else the folder of
    /// this test binary.
    static func binDirectory() -> String {
        if let override = environment["CLUSTER_BIN"], !override.isEmpty {
            return URL(fileURLWithPath: override).standardizedFileURL.path
        }
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On platforms where the tests live in a bundle, climb out of it.
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("cluster-ingest").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.path
    }

    var folder: URL { Self.casesDirectory.appendingPathComponent(name) }
    var expected: URL { folder.appendingPathComponent("expected") }
    var updating: Bool { Self.environment["UPDATE_CASES"] == "1" }

    struct Outcome {
        var stdout: Data
        var stderr: Data
        var status: Int32
        /// The working copy (files the command wrote are read from here).
        var workDirectory: URL
    }

    func run() throws {
        let fm = FileManager.default
        guard Self.isDirectory(folder.path) else {
            Issue.record("no case folder \(folder.path)")
            return
        }
        guard fm.fileExists(atPath: folder.appendingPathComponent("cmd").path) else {
            Issue.record("\(name): no cmd file")
            return
        }
        let outcome = try execute()
        var failed = false
        if updating {
            try update(outcome)
        } else {
            failed = try compare(outcome)
        }
        if failed {
            Issue.record("\(name): working copy kept in \(outcome.workDirectory.deletingLastPathComponent().path)")
        } else {
            try? fm.removeItem(at: outcome.workDirectory.deletingLastPathComponent())
        }
    }

    /// Copies the folder (without expected/) to a fresh temporary directory and runs `bash cmd` there.
    func execute() throws -> Outcome {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("e2e-\(name)-\(UUID().uuidString)")
        let work = root.appendingPathComponent("work")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        for entry in try fm.contentsOfDirectory(atPath: folder.path) where entry != "expected" {
            try fm.copyItem(at: folder.appendingPathComponent(entry), to: work.appendingPathComponent(entry))
        }
        let stdoutURL = root.appendingPathComponent("stdout")
        let stderrURL = root.appendingPathComponent("stderr")
        guard fm.createFile(atPath: stdoutURL.path, contents: nil), fm.createFile(atPath: stderrURL.path, contents: nil)
        else { throw CaptureFilesUnwritable(path: root.path) }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let bin = Self.binDirectory()
        var environment = Self.environment
        environment["BIN"] = bin
        environment["REPO"] = Self.repository.path
        environment["LC_ALL"] = "C.UTF-8"
        for key in ["UPDATE_CASES", "E2E_CASES"] { environment[key] = nil }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["cmd"]
        process.currentDirectoryURL = work
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        // CASE_TIMEOUT (seconds, default 300): slower builds (AddressSanitizer) need more.
        let limit = Double(Self.environment["CASE_TIMEOUT"] ?? "") ?? 300
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("\(name): cmd still running after \(Int(limit)) s; terminated")
        }
        process.waitUntilExit()
        try stdoutHandle.close()
        try stderrHandle.close()

        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Outcome(
            stdout: normalise(try Data(contentsOf: stdoutURL), work: work, bin: bin),
            stderr: normalise(try Data(contentsOf: stderrURL), work: work, bin: bin),
            status: status, workDirectory: work)
    }

    /// Replaces the absolute paths of the working copy and of BIN by `$TMP` and `$BIN`.
    func normalise(_ data: Data, work: URL, bin: String) -> Data {
        var bytes = Array(data)
        let resolvedWork = work.resolvingSymlinksInPath().path
        for (path, name) in [(resolvedWork, "$TMP"), (work.path, "$TMP"), (bin, "$BIN"), (Self.repository.path, "$REPO")]
        where !path.isEmpty {
            bytes = replace(bytes, Array(path.utf8), with: Array(name.utf8))
        }
        return Data(bytes)
    }

    func replace(_ bytes: [UInt8], _ pattern: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == pattern[0], i + pattern.count <= bytes.count, Array(bytes[i..<(i + pattern.count)]) == pattern {
                out += replacement
                i += pattern.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// The files under expected/files, as paths relative to it.
    func expectedFiles() -> [String] {
        let base = expected.appendingPathComponent("files")
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            if !Self.isDirectory(base.appendingPathComponent(path).path) { files.append(path) }
        }
        return files.sorted()
    }

    /// Compares every result; returns true when something differed.
    func compare(_ outcome: Outcome) throws -> Bool {
        var failures: [String] = []
        func check(_ label: String, expectedAt url: URL, actual: Data?) {
            guard let want = try? Data(contentsOf: url) else {
                failures.append("\(label): no expected file \(url.path) (run Pipelines/regen-cases.sh \(name))")
                return
            }
            guard let actual else {
                failures.append("\(label): the command did not write it")
                return
            }
            if let difference = Self.describeDifference(expected: want, actual: actual) {
                failures.append("\(label) differs from expected:\n\(difference)")
            }
        }
        check("stdout", expectedAt: expected.appendingPathComponent("stdout"), actual: outcome.stdout)
        check("stderr", expectedAt: expected.appendingPathComponent("stderr"), actual: outcome.stderr)
        let exitURL = expected.appendingPathComponent("exit")
        if let text = try? String(contentsOf: exitURL, encoding: .utf8) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let want = Int32(trimmed) {
                if want != outcome.status { failures.append("exit status \(outcome.status), expected \(want)") }
            } else {
                failures.append("expected/exit holds '\(trimmed)', not a number")
            }
        } else {
            failures.append("exit: no expected/exit (run Pipelines/regen-cases.sh \(name))")
        }
        for file in expectedFiles() {
            let actual = try? Data(contentsOf: outcome.workDirectory.appendingPathComponent(file))
            check("file \(file)", expectedAt: expected.appendingPathComponent("files").appendingPathComponent(file), actual: actual)
        }
        failures += Self.wideReportLines(in: outcome.workDirectory)
        for failure in failures { Issue.record("\(name): \(failure)") }
        return !failures.isEmpty
    }

    /// Every line of every report.txt a case's command wrote, anywhere in its working copy, is
    /// at most 80 display columns (the contract's section 5), measured by the C library's
    /// wcwidth(3) in C.UTF-8 (East Asian wide and full-width characters count 2): a measure
    /// that is not the product's own. One failure per report, naming its widest line.
    static func wideReportLines(in work: URL) -> [String] {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return ["cannot measure report widths: no C.UTF-8 locale"] }
        var failures: [String] = []
        let walker = FileManager.default.enumerator(atPath: work.path)
        while let path = walker?.nextObject() as? String {
            guard path == "report.txt" || path.hasSuffix("/report.txt"),
                let text = try? String(contentsOf: work.appendingPathComponent(path), encoding: .utf8)
            else { continue }
            var widest = (width: 0, line: 0, text: "")
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let width = line.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(Int32(bitPattern: $1.value)))) }
                if width > widest.width { widest = (width, n + 1, String(line)) }
            }
            if widest.width > 80 {
                failures.append("\(path) line \(widest.line) is \(widest.width) columns wide (at most 80): \(widest.text)")
            }
        }
        return failures
    }

    /// Writes the actual results into expected/ (UPDATE_CASES=1).
    func update(_ outcome: Outcome) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: expected, withIntermediateDirectories: true)
        try outcome.stdout.write(to: expected.appendingPathComponent("stdout"))
        try outcome.stderr.write(to: expected.appendingPathComponent("stderr"))
        try Data("\(outcome.status)\n".utf8).write(to: expected.appendingPathComponent("exit"))
        for file in expectedFiles() {
            let source = outcome.workDirectory.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: source) else {
                Issue.record("\(name): expected/files/\(file) is listed but the command did not write \(file)")
                continue
            }
            try data.write(to: expected.appendingPathComponent("files").appendingPathComponent(file))
        }
    }

    /// nil when equal; else the first differing line with its neighbours, both sides.
    static func describeDifference(expected: Data, actual: Data) -> String? {
        if expected == actual { return nil }
        let want = lines(expected)
        let got = lines(actual)
        var k = 0
        while k < want.count, k < got.count, want[k] == got[k] { k += 1 }
        var out = "  first difference at line \(k + 1) (expected \(want.count) lines / \(expected.count) bytes, actual \(got.count) lines / \(actual.count) bytes)\n"
        let from = max(0, k - 1)
        for i in from..<min(k + 3, max(want.count, got.count)) {
            let e = i < want.count ? show(want[i]) : "<end of file>"
            let a = i < got.count ? show(got[i]) : "<end of file>"
            if e == a {
                out += "    \(i + 1)  \(e)\n"
            } else {
                out += "  - \(i + 1)  \(e)\n  + \(i + 1)  \(a)\n"
            }
        }
        return out
    }

    /// Lines with their terminators (so that a missing final newline or a CR shows).
    static func lines(_ data: Data) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        for b in data {
            current.append(b)
            if b == 0x0A {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A line for a message: control bytes, backslashes and invalid UTF-8 escaped (a raw NUL reads
    /// `\x00`, the four characters `\x00` read `\\x00`), cut at 200 characters.
    static func show(_ line: [UInt8]) -> String {
        var text = ""
        var i = 0
        while i < line.count {
            let b = line[i]
            if b < 0x80 {
                switch b {
                case 0x5C: text += "\\\\"
                case 0x0A: text += "\\n"
                case 0x0D: text += "\\r"
                case 0x09: text += "\\t"
                case _ where b < 0x20 || b == 0x7F: text += "\\x" + String(format: "%02X", b)
                default: text.unicodeScalars.append(Unicode.Scalar(b))
                }
                i += 1
            } else {
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                if i + length <= line.count, length > 1,
                    let scalar = String(validating: line[i..<(i + length)], as: UTF8.self)
                {
                    text += scalar
                    i += length
                } else {
                    text += "\\x" + String(format: "%02X", b)
                    i += 1
                }
            }
            if text.count > 200 { return text + "… (\(line.count) bytes)" }
        }
        return text
    }
}

/// The harness could not create the files a case's output is captured in.
struct CaptureFilesUnwritable: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot create the capture files in \(path)" }
}
