/// Everything report.txt and the charts show, read from the run's files (no clock, no paths
/// that change between runs: byte-identical on rerun).
public struct ReportData: Sendable {
    public struct Input: Sendable {
        public let file: String
        public let sha256: String
        public let bytes: Int
        public let encoding: String
        public let bom: Bool
        public let read: Int, kept: Int, rejected: Int, merged: Int, dropped: Int, filtered: Int
        public let ignoredColumns: String
        public var isBalanced: Bool { read == kept + rejected + merged + dropped + filtered }
    }

    public struct SurveyRow: Sendable {
        public let domain: String, question: String, item: Int, label: String
        public let respondents: Double, selected: Double
        public let percent: Double?, low: Double?, high: Double?
        public let effectiveN: Double
    }

    public struct IndexRow: Sendable {
        public let series: String, measure: String, year: Int
        public let enterprises: Int64, total: Double, index: Double
        public let low: Double?, high: Double?
    }

    public var inputs: [Input] = []
    /// (file, reason, count), files in input order, reasons by count then name.
    public var rejects: [(file: String, reason: String, count: Int)] = []
    public var config = RunConfig()
    /// The SHA-256 of run.conf.
    public var configSHA256 = ""
    public var survey: [SurveyRow] = []
    public var index: [IndexRow] = []
    public var panelLog: [(measure: String, reason: String, enterprises: Int)] = []
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

    /// The inputs as ingest_summary.csv lists them, with their SHA-256 (from `fingerprints`, or
    /// computed from the file in `inputDir`).
    public static func inputs(summary: String, inputDir: String, fingerprints: [String: String]) throws -> [Input] {
        var inputs: [Input] = []
        let summaryTable = try CSVTable.read(summary)
        for r in try summaryTable.records([
            "file", "encoding", "bom", "bytes", "read", "kept", "rejected", "merged", "dropped", "filtered",
            "ignored_columns",
        ]) {
            let file = r["file"] ?? ""
            func n(_ key: String) -> Int { Int(r[key] ?? "") ?? 0 }
            inputs.append(
                Input(
                    file: file, sha256: try fingerprints[file] ?? Files.sha256(inputDir + "/" + file),
                    bytes: n("bytes"), encoding: r["encoding"] ?? "",
                    bom: r["bom"] == "yes", read: n("read"), kept: n("kept"), rejected: n("rejected"),
                    merged: n("merged"), dropped: n("dropped"), filtered: n("filtered"),
                    ignoredColumns: r["ignored_columns"] ?? ""))
        }
        return inputs
    }

    /// Reads the run's files: the input folder (run.conf and fingerprints), the ingest summary,
    /// and the outputs written so far.
    public static func load(
        inputDir: String, summary: String, rejects: String, survey: String, index: String, panelLog: String,
        reproduction: String?, fingerprints: [String: String] = [:]
    ) throws -> ReportData {
        var data = ReportData()
        data.config = try RunConfig.load(inputDir + "/run.conf")
        data.inputs = try inputs(summary: summary, inputDir: inputDir, fingerprints: fingerprints)
        data.configSHA256 = try fingerprints["run.conf"] ?? Files.sha256(inputDir + "/run.conf")
        var counts: [String: [String: Int]] = [:]
        for r in try CSVTable.read(rejects).records(["file", "reason"]) {
            counts[r["file"] ?? "", default: [:]][r["reason"] ?? "", default: 0] += 1
        }
        for input in data.inputs {
            for (reason, count) in (counts[input.file] ?? [:]).sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                data.rejects.append((input.file, reason, count))
            }
        }
        data.survey = try CSVTable.read(survey).records(SurveyTabulation.columns).map { r in
            SurveyRow(
                domain: r["domain"] ?? "", question: r["question"] ?? "", item: Int(r["item"] ?? "") ?? 0,
                label: r["label"] ?? "", respondents: Double(r["respondents"] ?? "") ?? 0,
                selected: Double(r["selected"] ?? "") ?? 0, percent: Double(r["percent"] ?? ""),
                low: Double(r["ci_low"] ?? ""), high: Double(r["ci_high"] ?? ""),
                effectiveN: Double(r["effective_n"] ?? "") ?? 0)
        }
        data.index = try CSVTable.read(index).records(IndexCSV.columns).map { r in
            IndexRow(
                series: r["series"] ?? "", measure: r["measure"] ?? "", year: Int(r["year"] ?? "") ?? 0,
                enterprises: Int64(r["enterprises"] ?? "") ?? 0, total: Double(r["total"] ?? "") ?? 0,
                index: Double(r["index"] ?? "") ?? 0, low: Double(r["ci_low"] ?? ""), high: Double(r["ci_high"] ?? ""))
        }
        data.panelLog = try CSVTable.read(panelLog).records(PanelCSV.logColumns).map { r in
            (r["measure"] ?? "", r["reason"] ?? "", Int(r["enterprises"] ?? "") ?? 0)
        }
        if let reproduction { data.reproduction = try Reproduction.read(try CSVTable.read(reproduction)) }
        return data
    }
}
