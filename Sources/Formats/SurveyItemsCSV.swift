import CSVKit
import Rules
import Statistics
import Values

/// survey_items.csv (SPEC 1.2, 9): one row per domain, multi question and item, in the order
/// `SurveyTabulation` returns them; survey_single.csv (SPEC 9) has the same columns, one row per
/// domain, single question and code. The writer and the reader (compare and report read it
/// back; every cell is checked, so a renamed column or a corrupt cell is an error, never a 0).
public enum SurveyItemsCSV {
    public static let columns = [
        "domain", "question", "item", "label", "respondents", "n", "selected", "percent", "ci_low", "ci_high", "effective_n",
        "status",
    ]

    public static func write(_ rows: [SurveyItemEstimate], to out: CSVWriter) throws {
        try out.row(columns)
        for r in rows {
            out.field(r.domain)
            out.field(r.question)
            out.field(Int64(r.item))
            out.field(r.label)
            if let base = r.publishedRespondents { out.field(base) } else { out.emptyField() }
            if let n = r.publishedCount { out.field(Int64(n)) } else { out.emptyField() }
            if let selected = r.selected { out.field(selected) } else { out.emptyField() }
            if let percent = r.percent, let interval = r.interval {
                out.field(percent)
                out.field(interval.lowerBound)
                out.field(interval.upperBound)
            } else {
                out.emptyField()
                out.emptyField()
                out.emptyField()
            }
            if let n = r.publishedEffectiveN { out.field(n) } else { out.emptyField() }
            out.field(r.status.rawValue)
            try out.endRow()
        }
    }

    struct Rules: RecordRules {
        enum Column: Sendable {
            case domain, question, item, label, respondents, count, selected, percent, low, high, effectiveN, status
        }
        let order: [(column: Column, position: Int)]
        let percent: Int
        let selected: Int
        let base: Int
        let effective: Int
        let hasStatus: Bool

        init(header: Header) throws {
            order = try header.order([
                (.domain, "domain"), (.question, "question"), (.item, "item"), (.label, "label"),
                (.respondents, "respondents"), (.selected, "selected"), (.percent, "percent"), (.low, "ci_low"),
                (.high, "ci_high"), (.effectiveN, "effective_n"),
            ], optional: [(.status, "status"), (.count, "n")])
            percent = try header.require("percent")
            selected = try header.require("selected")
            base = try header.require("respondents")
            effective = try header.require("effective_n")
            hasStatus = header.position(of: "status") != nil
        }

        func validate(_ r: CSVRecord) throws(Fault) -> SurveyItemEstimate {
            var domain = "", question = "", item = 0, label = ""
            var respondents = 0.0, effectiveN = 0.0
            var selected: Double?, percent: Double?, low: Double?, high: Double?, count: Int?
            // A table of the first edition has no status: its rows are ok, or empty without a base.
            var status = EstimateStatus.ok
            for (column, position) in order {
                switch column {
                case .domain: domain = try r.code(position)
                case .question: question = try r.code(position)
                case .item:
                    guard let v = try r.integer(position, required: true), v > 0, v <= Int64(Int32.max) else {
                        throw Fault(.invalidItem, in: r, at: position)
                    }
                    item = Int(v)
                case .label: label = try r.checkedText(position)
                case .respondents: respondents = try r.decimal(position) ?? -1
                case .count:
                    if let v = try r.integer(position) {
                        guard v <= Int64(Int32.max) else { throw Fault(.invalidNumber, in: r, at: position) }
                        count = Int(v)
                    }
                case .selected: selected = try r.decimal(position)
                case .percent: percent = try r.decimal(position)
                case .low: low = try r.decimal(position)
                case .high: high = try r.decimal(position)
                case .effectiveN: effectiveN = try r.decimal(position) ?? -1
                case .status:
                    let code = try r.code(position)
                    guard let s = code == "suppressed" ? .suppressedFrequency : EstimateStatus(rawValue: code) else {
                        throw Fault(.unexpectedValue, in: r, at: position)
                    }
                    status = s
                }
            }
            // An empty base leaves percent and interval empty together; otherwise all three.
            let interval: ClosedRange<Double>?
            switch (percent, low, high) {
            case (nil, nil, nil): interval = nil
            case (.some, .some(let l), .some(let h)) where l <= h: interval = l...h
            default: throw Fault(.invalidNumber, in: r, at: self.percent)
            }
            if !hasStatus && percent == nil { status = .empty }
            // Only a suppressed row withholds its selections, and then also its percent. The
            // status `suppressed` of the first editions reads as suppressed_frequency.
            guard (selected == nil) == status.isSuppressed, !status.isSuppressed || percent == nil else {
                throw Fault(.unexpectedValue, in: r, at: self.selected)
            }
            // The base and effective n are empty only when withheld (SPEC 11; the first editions
            // showed them for a suppressed row). Withheld, they read as 0, which nothing shows.
            for (value, column) in [(respondents, base), (effectiveN, effective)] where value < 0 {
                guard status.isSuppressed else { throw Fault(.missingValue, in: r, at: column) }
            }
            respondents = max(respondents, 0)
            effectiveN = max(effectiveN, 0)
            return SurveyItemEstimate(
                domain: domain, question: question, item: item, label: label, respondents: respondents,
                selected: selected, percent: percent, interval: interval, effectiveN: effectiveN, status: status,
                count: count)
        }
    }

    /// Reads survey_items.csv back; any fault is an error naming the line and column.
    public static func read(_ path: String) throws -> [SurveyItemEstimate] {
        try RecordLoop.readIntermediate(path, file: Files.baseName(path), columns: columns) { try Rules(header: $0) }
    }
}
