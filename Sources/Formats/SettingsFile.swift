import CSVKit
import Values

/// `FILE.settings`: the run.conf settings a file was computed with, written beside every CSV a
/// stage writes to a named file, and checked by every stage that reads that file by name
/// (README, "Settings travel with the data"). Run.conf syntax:
///
///     # panel.csv: written by cluster-panel, 2318 bytes; run.conf sha256:1df1af…
///     BASE_YEAR=2000
///     MEASURES=sales:2000-2004,net_income:2000-2004,employees:2000-2003
///     EXCLUDE_CATEGORIES=electrical
///
/// Only the keys the file depends on are listed: those the writing stage used, and those its
/// own inputs' settings files listed. A settings file whose byte count does not match the file
/// beside it (the file was rewritten since, by a redirect say) describes another file and is
/// ignored; so is a file read from standard input, which has none.
public struct SettingsFile: Sendable, Equatable {
    /// The settings, in run.conf key order.
    public var values: [(key: RunConfig.Key, value: String)]
    /// The SHA-256 of the run.conf they came from, when known.
    public var runConfSHA256: String

    public init(values: [(key: RunConfig.Key, value: String)] = [], runConfSHA256: String = "") {
        self.values = values
        self.runConfSHA256 = runConfSHA256
    }

    public static func == (a: SettingsFile, b: SettingsFile) -> Bool {
        a.values.map(\.key) == b.values.map(\.key) && a.values.map(\.value) == b.values.map(\.value)
            && a.runConfSHA256 == b.runConfSHA256
    }

    /// What a settings file's name adds to its table's.
    public static let suffix = ".settings"

    public static func path(beside file: String) -> String { file + suffix }

    public func value(of key: RunConfig.Key) -> String? { values.first { $0.key == key }?.value }

    /// The same with `keys` taken from `config` (a key already here keeps its place).
    public func adding(_ keys: [RunConfig.Key], from config: RunConfig) -> SettingsFile {
        var merged = Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.value) })
        for key in keys { merged[key] = config.value(of: key) }
        let ordered = RunConfig.Key.allCases.compactMap { key in merged[key].map { (key, $0) } }
        return SettingsFile(values: ordered, runConfSHA256: runConfSHA256.isEmpty ? config.sha256 : runConfSHA256)
    }

    /// The settings file's text for `file` (its name and size in the first line).
    public func text(for file: String, stage: String, bytes: Int) -> String {
        var lines = ["# \(Files.baseName(file)): written by \(stage), \(bytes) bytes"
            + (runConfSHA256.isEmpty ? "" : "; run.conf sha256:\(runConfSHA256)")]
        for (key, value) in values { lines.append("\(key.rawValue)=\(value)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the settings file beside `file` (after `file` itself is complete); nothing for
    /// standard output.
    public func write(beside file: String?, stage: String) throws {
        guard let file, file != "-" else { return }
        try Files.write(text(for: file, stage: stage, bytes: try Files.size(file)), to: Self.path(beside: file))
    }

    /// The settings file beside `file`, or nil when there is none, `file` is standard input, or
    /// the settings file describes another size of `file`.
    public static func read(beside file: String?) throws -> SettingsFile? {
        guard let file, file != "-", try Files.exists(path(beside: file)) else { return nil }
        let sidecar = path(beside: file)
        let text = String(decoding: try Files.read(sidecar), as: UTF8.self)
        var settings = SettingsFile()
        var described: Int?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if offset == 0 {
                    described = Self.bytes(in: line)
                    let parts = line.split(separator: "; run.conf sha256:", maxSplits: 1)
                    if parts.count == 2 { settings.runConfSHA256 = String(parts[1]) }
                }
                continue
            }
            guard let equals = line.firstIndex(of: "="), let key = RunConfig.Key(rawValue: String(line[..<equals])) else {
                throw PipelineError.badIntermediate(path: Files.baseName(sidecar), line: offset + 1, message: "expected KEY=VALUE with a run.conf key")
            }
            settings.values.append((key, String(line[line.index(after: equals)...])))
        }
        guard described == (try Files.size(file)) else { return nil }
        return settings
    }

    /// `N` of `…, N bytes` in a first line.
    private static func bytes(in line: String) -> Int? {
        let words = line.split(separator: ";", maxSplits: 1)[0].split(separator: " ")
        guard words.count >= 2, words[words.count - 1] == "bytes" else { return nil }
        return Int(words[words.count - 2])
    }

    /// Checks the settings files of `inputs` against the stage's run.conf: an input computed
    /// with another value of any key its settings file lists is exit 64 naming both (nil: the
    /// stage has no run.conf, and only checks that the inputs agree with each other). Returns
    /// what the stage's own outputs depend on: the inputs' settings plus the `keys` it uses.
    public static func check(inputs: [String?], config: RunConfig?, uses keys: [RunConfig.Key] = []) throws
        -> SettingsFile
    {
        var merged = SettingsFile()
        for case let input? in inputs {
            guard let found = try read(beside: input) else { continue }
            for (key, value) in found.values {
                if let config, value != config.value(of: key) {
                    throw PipelineError.badConfig(
                        path: config.path, line: config.lines[key.rawValue] ?? 0, key: key.rawValue,
                        message: "\(Files.baseName(input)) was computed with \(key.rawValue)=\(value) (its \(Files.baseName(path(beside: input)))), this run.conf gives \(config.value(of: key)); use the run.conf the file was made with, or remake the file")
                }
                if let earlier = merged.value(of: key), earlier != value {
                    throw PipelineError.usage(
                        "the inputs were computed with different settings: \(key.rawValue)=\(earlier), and \(key.rawValue)=\(value) in \(Files.baseName(path(beside: input))); remake them with one run.conf")
                }
                if merged.value(of: key) == nil { merged.values.append((key, value)) }
            }
            if merged.runConfSHA256.isEmpty { merged.runConfSHA256 = found.runConfSHA256 }
        }
        guard let config else { return merged.adding([], from: RunConfig()) }
        return merged.adding(keys, from: config)
    }

    /// The settings a set of results was computed with (the report's): the settings files of
    /// `files` merged (they must agree with each other and with `conf` when given), every key
    /// none lists from `conf`, else its default.
    public static func collect(_ files: [String?], conf: RunConfig?) throws -> RunConfig {
        let fallback = conf ?? RunConfig()
        var merged = try check(inputs: files, config: conf)
        merged = merged.adding(RunConfig.Key.allCases.filter { merged.value(of: $0) == nil }, from: fallback)
        let text = merged.values.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: "\n")
        var config = try RunConfig.parse(Array(text.utf8), path: "the results' settings files")
        config.sha256 = merged.runConfSHA256.isEmpty ? fallback.sha256 : merged.runConfSHA256
        return config
    }
}
