import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The package stage as its executable runs it: datapackage.json for a finished run folder.
public enum PackageStage {
    /// Describes every file under `results` (except datapackage.json and hidden entries), the
    /// inputs of ingest_summary.csv and run.conf, and writes datapackage.json to `outputPath`.
    /// `digests` (by path in `results`) are the outputs' SHA-256 when already known (the annual
    /// run's, made with openssl beside a finished folder); any other file is hashed here.
    public static func run(
        results: String, summary: String, inputDir: String, fingerprints: [String: String], commit: String?,
        outputPath: String, digests: [String: String] = [:]
    ) throws {
        let config = try RunConfig.load(inputDir + "/run.conf")
        var sources = try ReportData.inputs(summary: summary, fingerprints: fingerprints).map { i in
            DataPackage.Source(
                file: i.file, sha256: i.sha256.isEmpty ? try Files.sha256(inputDir + "/" + i.file) : i.sha256,
                bytes: i.summary.bytes, encoding: i.summary.encoding, bom: i.summary.bom,
                balance: [
                    ("read", i.summary.balance.read), ("kept", i.summary.balance.kept),
                    ("rejected", i.summary.balance.rejected), ("merged", i.summary.balance.merged),
                    ("dropped", i.summary.balance.dropped), ("filtered", i.summary.balance.filtered),
                ])
        }
        let confPath = inputDir + "/run.conf"
        sources.insert(
            DataPackage.Source(
                file: "run.conf", sha256: try fingerprints["run.conf"] ?? Files.sha256(confPath),
                bytes: try Files.size(confPath), encoding: nil, bom: false, balance: []),
            at: 0)
        // The tables first, in the dictionary's order, then the other files by path.
        let files = try Files.walk(results).filter { $0 != OutputFolder.packageFile }
        let tables = DataDictionary.outputs.map(\.file).filter(files.contains)
        let others = files.filter { !tables.contains($0) }
        let outputs = try (tables + others).map { path in
            DataPackage.Output(
                path: path, bytes: try Files.size(results + "/" + path),
                sha256: try digests[path] ?? Files.sha256(results + "/" + path))
        }
        let package = DataPackage.build(
            outputs: outputs, sources: sources, settings: config.settings, commit: commit,
            csvEncoding: config.csvEncoding)
        try Files.write(package.rendered(), to: outputPath)
    }
}
