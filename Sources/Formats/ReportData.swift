import CSVKit
import Rules
import Statistics
import Values

/// Everything report.txt and the charts show, read from the run's files (no clock, no paths
/// that change between runs: byte-identical on rerun).
public struct ReportData: Sendable {
    /// An input as ingest_summary.csv lists it, with its SHA-256 (empty when not given).
    public struct Input: Sendable {
        public let summary: IngestSummaryCSV.Row
        public let sha256: String
        public var file: String { summary.balance.file }
    }

    public var inputs: [Input] = []
    /// (file, reason, count), files in input order, reasons by count then name.
    public var rejects: [(file: String, reason: RejectReason, count: Int)] = []
    public var config = RunConfig()
    /// The SHA-256 of run.conf.
    public var configSHA256 = ""
    public var survey: [SurveyItemEstimate] = []
    public var index: [IndexSeries] = []
    public var panelLog: [PanelCSV.LogRow] = []
    public var reproduction: [ReproducedValue]?
    /// survey_single.csv (SPEC 9), when the run wrote it.
    public var single: [SurveyItemEstimate] = []
    /// weights.csv (SPEC 9), when the run calibrated.
    public var weights: [WeightsCSV.Row]?
    /// The calibrated columns' margins (frame, before, after), when the frame was given.
    public var margins: [Calibration.MarginRow] = []
    /// index_by_project.csv (SPEC 10), when the run wrote it.
    public var byProject: [ProjectIndexRow] = []

    public init() {}

    /// The fingerprints file at `path` (none when nil): what cluster-report and cluster-package read.
    public static func fingerprints(file path: String?) throws -> [String: String] {
        guard let path else { return [:] }
        return fingerprints(String(decoding: try Files.read(path), as: UTF8.self))
    }

    /// The fingerprints file the annual run writes: `sha256sum`'s lines (`<64 hex>  <name>`).
    public static func fingerprintsText(_ digests: [(file: String, sha256: String)]) -> String {
        digests.map { "\($0.sha256)  \($0.file)\n" }.joined()
    }

    /// Fingerprints as `sha256sum` writes them (`<64 hex>  <path>` per line), by file name.
    public static func fingerprints(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].count == 64 else { continue }
            var name = String(parts[1]).trimmingSpaces
            if name.hasPrefix("*") { name.removeFirst() }
            out[Files.baseName(name)] = String(parts[0]).lowercased()
        }
        return out
    }

    /// Digests of a folder's files as `sha256sum` or `openssl dgst -sha256 -r` write them, run
    /// inside the folder (`<64 hex>  charts/survey1.svg`), by relative path (a leading `./` or
    /// `*` dropped); none when `path` is nil.
    public static func digests(file path: String?) throws -> [String: String] {
        guard let path else { return [:] }
        var out: [String: String] = [:]
        for line in String(decoding: try Files.read(path), as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].count == 64 else { continue }
            var name = Substring(String(parts[1]).trimmingSpaces)
            if name.hasPrefix("*") { name = name.dropFirst() }
            if name.hasPrefix("./") { name = name.dropFirst(2) }
            out[String(name)] = String(parts[0]).lowercased()
        }
        return out
    }

    /// The inputs as ingest_summary.csv lists them, with their SHA-256 from `fingerprints`
    /// (empty when not given there).
    public static func inputs(summary: String, fingerprints: [String: String]) throws -> [Input] {
        try IngestSummaryCSV.read(summary).map { r in Input(summary: r, sha256: fingerprints[r.balance.file] ?? "") }
    }

    /// Reads the run's own files through their typed readers (a renamed column or a corrupt
    /// cell is an error naming it, never a number): the ingest summary, the rejects and the
    /// outputs written so far. `config` holds the settings the results were computed with.
    public static func load(
        config: RunConfig, summary: String, rejects: String, survey: String, index: String, panelLog: String,
        reproduction: String?, fingerprints: [String: String] = [:]
    ) throws -> ReportData {
        var data = try loadInputs(config: config, summary: summary, rejects: rejects, fingerprints: fingerprints)
        data.survey = try SurveyItemsCSV.read(survey)
        data.index = try IndexCSV.read(index)
        data.panelLog = try PanelCSV.readLog(panelLog)
        if let reproduction { data.reproduction = try ReproductionCSV.read(reproduction) }
        return data
    }

    /// The inputs' part of a report (row balances, SHA-256, rejects by reason) and the settings:
    /// all a report of a run that stopped early has (`ReportText.renderPartial`).
    public static func loadInputs(
        config: RunConfig, summary: String, rejects: String, fingerprints: [String: String]
    ) throws -> ReportData {
        var data = ReportData()
        data.config = config
        data.inputs = try inputs(summary: summary, fingerprints: fingerprints)
        data.configSHA256 = fingerprints["run.conf"] ?? ""
        data.rejects = try rejectCounts(rejects, inputs: data.inputs)
        return data
    }

    /// rejects.csv counted by input (in the inputs' order) and reason (most first).
    static func rejectCounts(_ rejects: String, inputs: [Input]) throws -> [(file: String, reason: RejectReason, count: Int)] {
        let counts = try RejectsCSV.counts(rejects)
        var out: [(file: String, reason: RejectReason, count: Int)] = []
        for input in inputs {
            let byReason = (counts[input.file] ?? [:]).sorted {
                ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue)
            }
            for (reason, count) in byReason { out.append((input.file, reason, count)) }
        }
        return out
    }

    /// Adds what the SPEC 9-10 files of `results` hold (each when present): the single
    /// questions, the weights (with their margins against the frame `frame` gives, read only
    /// then) and the index per project.
    public mutating func loadAdditions(results: String, frame: () throws -> Frame?) throws {
        let single = results + "/survey_single.csv"
        if try Files.exists(single) { self.single = try SurveyItemsCSV.read(single) }
        let weights = results + "/weights.csv"
        if try Files.exists(weights) {
            let rows = try WeightsCSV.read(weights)
            self.weights = rows
            if let frame = try frame() {
                margins = Calibration.margins(
                    respondents: rows.map { ($0.project, $0.region, $0.weight, $0.calibrated) }, frame: frame,
                    columns: config.calibrate)
            }
        }
        let byProject = results + "/index_by_project.csv"
        if try Files.exists(byProject) { self.byProject = try ProjectIndexCSV.read(byProject) }
    }
}
