import Values

/// The survey weights of SPEC 9: the respondents' weights (the `weight` column, or 1) raked to
/// the frame's counts by the columns of CALIBRATE.
public enum Calibration {
    /// One category of a calibrated column: the frame's count (the target), the respondents'
    /// weights before and after calibration.
    public struct MarginRow: Equatable, Sendable {
        public let column: CalibrationColumn
        public let value: String
        public let frame: Int
        public let before: Double
        public let after: Double
    }

    /// The calibrated weights of `table`'s respondents (in table order), nil when CALIBRATE is
    /// empty. A frame value with participants but no respondent, or raking that does not
    /// converge within 1000 rounds to 1e-9 relative, is exit 65 naming the column and value.
    public static func weights(_ table: ResponseTable, frame: Frame, config: RunConfig) throws -> [Double]? {
        guard !config.calibrate.isEmpty else { return nil }
        let initial = (0..<table.count).map(table.weight)
        let margins = try config.calibrate.map { try margin($0, table: table, frame: frame) }
        do {
            return try Raking.rake(initial, margins: margins).weights
        } catch {
            let column = config.calibrate[marginOf(error)]
            let value = names(column, frame)[categoryOf(error)]
            let shown = "participants.csv column \(column.rawValue), value '\(value)'"
            switch error {
            case .emptyCategory:
                let n = Int(margins[marginOf(error)].targets[categoryOf(error)])
                throw PipelineError.impossible(
                    "CALIBRATE: \(shown) has \(n) participant\(n == 1 ? "" : "s") but no respondent: no weight can represent it (calibrate to fewer columns, or merge the value with another)")
            case .noConvergence(let rounds, _, _, let achieved, let target):
                throw PipelineError.impossible(
                    "CALIBRATE: raking did not converge in \(rounds) rounds: \(shown) sums to \(NumberFormat.plain(achieved)) against \(NumberFormat.plain(target)) participants (the margins of \(config.calibrate.map(\.rawValue).joined(separator: " and ")) contradict each other)")
            case .notFinite:
                throw PipelineError.impossible(
                    "CALIBRATE: \(shown): the calibrated weights leave the range of numbers (the weights span too many orders of magnitude)")
            case .underflow(_, _, let unit):
                let respondent = CorporateNumber(uncheckedValue: table.respondents[unit])
                throw PipelineError.impossible(
                    "CALIBRATE: \(shown): respondent \(respondent)'s weight (\(initial[unit])) becomes 0 in raking: the weights span more orders of magnitude than a number holds (about 1e308 to 1e-323); check the weight column's unit")
            }
        }
    }

    /// The margin of `column`: each respondent's category and each category's frame count.
    static func margin(_ column: CalibrationColumn, table: ResponseTable, frame: Frame) throws -> Raking.Margin {
        let ranks = column == .project ? frame.ranks : frame.regionRanks
        var targets = [Double](repeating: 0, count: names(column, frame).count)
        for r in ranks { targets[Int(r)] += 1 }
        let categories = try (0..<table.count).map { i in
            guard let position = frame.position(table.respondents[i]) else {
                throw PipelineError.impossible(
                    "responses: respondent \(CorporateNumber(uncheckedValue: table.respondents[i])) is not in the frame")
            }
            return Int(ranks[position])
        }
        return Raking.Margin(categories: categories, targets: targets)
    }

    static func names(_ column: CalibrationColumn, _ frame: Frame) -> [String] {
        column == .project ? frame.projects : frame.regions
    }

    private static func marginOf(_ failure: Raking.Failure) -> Int {
        switch failure {
        case .emptyCategory(let m, _), .noConvergence(_, let m, _, _, _), .notFinite(let m, _), .underflow(let m, _, _):
            return m
        }
    }

    private static func categoryOf(_ failure: Raking.Failure) -> Int {
        switch failure {
        case .emptyCategory(_, let c), .noConvergence(_, _, let c, _, _), .notFinite(_, let c), .underflow(_, let c, _):
            return c
        }
    }

    /// The margins before and after calibration of every column of CALIBRATE, values in
    /// code-point order: what the report's weighting section shows.
    public static func margins(
        respondents: [(project: String, region: String, weight: Double, calibrated: Double)], frame: Frame,
        columns: [CalibrationColumn]
    ) -> [MarginRow] {
        var rows: [MarginRow] = []
        for column in columns {
            let values = names(column, frame)
            let ranks = column == .project ? frame.ranks : frame.regionRanks
            var counts = [Int](repeating: 0, count: values.count)
            for r in ranks { counts[Int(r)] += 1 }
            var before: [String: [Double]] = [:]
            var after: [String: [Double]] = [:]
            for r in respondents {
                let key = column == .project ? r.project : r.region
                before[key, default: []].append(r.weight)
                after[key, default: []].append(r.calibrated)
            }
            for (k, value) in values.enumerated() {
                rows.append(
                    MarginRow(
                        column: column, value: value, frame: counts[k],
                        before: CompensatedSum.sum(before[value] ?? []), after: CompensatedSum.sum(after[value] ?? [])))
            }
        }
        return rows
    }
}
