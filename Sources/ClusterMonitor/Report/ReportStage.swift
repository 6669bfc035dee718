/// The report stage as its executable runs it: report.txt and charts/.
public enum ReportStage {
    public static func run(data: ReportData, publishedOrder: [Int], reportPath: String, chartsDir: String) throws {
        try Files.write(ReportText.render(data), to: reportPath)
        try Files.makeDirectory(chartsDir)
        let firstQuestion = data.survey.first?.question
        let rows = data.survey.filter { $0.domain == "all" && $0.question == firstQuestion }
        try Files.write(
            Charts.survey1(rows, order: publishedOrder, confidence: data.config.confidence), to: chartsDir + "/survey1.svg")
        for measure in ReportText.orderedUnique(data.index.map(\.measure)) {
            try Files.write(
                Charts.survey2(data.index.filter { $0.measure == measure }, measure: measure, baseYear: data.config.baseYear),
                to: chartsDir + "/survey2-\(measure).svg")
        }
    }
}
