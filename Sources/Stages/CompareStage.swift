import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The compare stage as its executable runs it: reproduction.csv from published.csv and the
/// computed tables.
public enum CompareStage {
    /// Writes reproduction.csv to `outputPath` and returns its rows. With `strict`
    /// (STRICT_REPRODUCTION), a value not reproduced then fails the stage (exit 65) naming the
    /// first of them; the file is written all the same.
    /// Returns the rows and the published values that did not read (read with `encoding`,
    /// run.conf's ENCODING); under `strict` those count as not reproduced. `verdictPath` receives the verdict (the annual run's).
    public static func run(
        publishedPath: String?, surveyPath: String?, indexPath: String?, outputPath: String?, strict: Bool = false,
        verdictPath: String? = nil, encoding: EncodingChoice = .auto
    ) throws -> (rows: [ReproducedValue], unreadable: [Reject]) {
        let provenance = try SettingsFile.check(inputs: [surveyPath, indexPath], config: nil)
        let rejects = try RejectLog.keepingAll()
        let published = try Ingest.published(
            publishedPath, file: publishedPath.map(Files.baseName) ?? "published.csv", settings: IngestSettings(encoding: encoding),
            rejects: rejects)
        let rows = Reproduction.compare(
            published: published.rows, survey: try surveyPath.map(SurveyItemsCSV.read) ?? [],
            index: try indexPath.map(IndexCSV.read) ?? [])
        let out = try CSVWriter(path: outputPath)
        try ReproductionCSV.write(rows, to: out)
        try out.close()
        try provenance.write(beside: outputPath, stage: "cluster-compare")
        if let verdictPath {
            try ReproductionVerdict(
                published: rows.count + rejects.kept.count, reproduced: rows.filter(\.matches).count,
                unreadable: rejects.kept.count, strict: strict
            ).write(to: verdictPath)
        }
        if strict, let failure = Reproduction.strictFailure(rows, unreadable: rejects.kept) { throw failure }
        return (rows, rejects.kept)
    }
}
