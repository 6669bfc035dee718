import CSVKit
import Formats
import GSLKit
import Rules
import Statistics
import Values

/// The report stage as its executable runs it: report.txt and charts/ from a run's own files.
/// It opens no input: the settings come from the results' settings files (SPEC-silent; README
/// "Settings travel with the data"), the inputs' digests from the fingerprints file.
public enum ReportStage {
    /// The run's files in `results` the report reads, and its other inputs.
    public static func files(results: String, summary: String) throws -> [String] {
        try [
            "rejects.csv", "survey_items.csv", "index_series.csv", "panel_log.csv", "reproduction.csv",
            "survey_single.csv", "weights.csv", "index_by_project.csv",
        ]
            .map { results + "/" + $0 }.filter { try Files.exists($0) } + [summary]
    }

    /// Reads the results and writes report.txt to `reportPath` and the charts to `chartsDir`.
    /// `conf` (run.conf, when given) must agree with the results' settings files and gives the
    /// keys none of them lists (else the defaults).
    public static func run(
        results: String, summary: String, fingerprints: [String: String], conf: RunConfig?, reportPath: String,
        chartsDir: String, tablesPath: String? = nil, participantsPath: String? = nil
    ) throws {
        let config = try SettingsFile.collect(try files(results: results, summary: summary), conf: conf)
        let reproduction = results + "/reproduction.csv"
        var data = try ReportData.load(
            config: config, summary: summary, rejects: results + "/rejects.csv",
            survey: results + "/survey_items.csv", index: results + "/index_series.csv",
            panelLog: results + "/panel_log.csv", reproduction: try Files.exists(reproduction) ? reproduction : nil,
            fingerprints: fingerprints)
        if data.configSHA256.isEmpty { data.configSHA256 = config.sha256 }
        try data.loadAdditions(results: results) { try participantsPath.map(WorkInputs.frame) }
        // Survey 1's bars in the published order (reproduction.csv keeps it).
        let order = (data.reproduction ?? []).filter { $0.published.knownFigure == .survey1 }.compactMap { Int($0.published.key) }
        try write(data: data, publishedOrder: order, reportPath: reportPath, chartsDir: chartsDir)
        if let tablesPath { try TablesWorkbook.write(data, publishedOrder: order, to: tablesPath) }
    }

    /// report.txt of a run that stopped at `stage` (SPEC 6.11): its inputs and settings, from
    /// the ingest summary and rejects.csv of `results`.
    public static func runPartial(
        results: String, summary: String, fingerprints: [String: String], conf: RunConfig?, reportPath: String,
        stoppedAt stage: String
    ) throws {
        let rejects = results + "/rejects.csv"
        let config = try SettingsFile.collect([rejects, summary], conf: conf)
        var data = try ReportData.loadInputs(config: config, summary: summary, rejects: rejects, fingerprints: fingerprints)
        if data.configSHA256.isEmpty { data.configSHA256 = config.sha256 }
        try Files.write(ReportText.renderPartial(data, stoppedAt: stage), to: reportPath)
    }

    public static func write(data: ReportData, publishedOrder: [Int], reportPath: String, chartsDir: String) throws {
        try Files.write(ReportText.render(data), to: reportPath)
        try Files.makeDirectory(chartsDir)
        let firstQuestion = data.survey.first?.question
        let rows = data.survey.filter { $0.domain == SurveyTabulation.allDomain && $0.question == firstQuestion }
        try Files.write(
            Charts.survey1(
                rows, order: publishedOrder, confidence: data.config.confidence, language: data.config.language,
                reliableN: data.config.reliableN, minBase: data.config.minBase), to: chartsDir + "/survey1.svg")
        for measure in ReportText.orderedUnique(data.index.map(\.measure)) {
            try Files.write(
                Charts.survey2(
                    data.index.filter { $0.measure == measure }, measure: measure, baseYear: data.config.baseYear,
                    language: data.config.language, excluded: data.config.excludeCategories),
                to: chartsDir + "/survey2-\(measure.rawValue).svg")
            let projects = data.byProject.filter { $0.measure == measure }
            if !projects.isEmpty {
                try Files.write(
                    Charts.byProject(
                        projects, measure: measure, baseYear: data.config.baseYear, language: data.config.language,
                        minFrequency: data.config.minFrequency, dominance: data.config.dominance),
                    to: chartsDir + "/survey2-\(measure.rawValue)-by-project.svg")
            }
        }
    }
}
