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

    public init() {}

    /// The fingerprints file at `path` (none when nil): what cluster-report and cluster-package read.
    public static func fingerprints(file path: String?) throws -> [String: String] {
        guard let path else { return [:] }
        return fingerprints(String(decoding: try Files.read(path), as: UTF8.self))
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
        var data = ReportData()
        data.config = config
        data.inputs = try inputs(summary: summary, fingerprints: fingerprints)
        data.configSHA256 = fingerprints["run.conf"] ?? ""
        let counts = try RejectsCSV.counts(rejects)
        for input in data.inputs {
            let byReason = (counts[input.file] ?? [:]).sorted {
                ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue)
            }
            for (reason, count) in byReason { data.rejects.append((input.file, reason, count)) }
        }
        data.survey = try SurveyItemsCSV.read(survey)
        data.index = try IndexCSV.read(index)
        data.panelLog = try PanelCSV.readLog(panelLog)
        if let reproduction { data.reproduction = try ReproductionCSV.read(reproduction) }
        return data
    }
}
