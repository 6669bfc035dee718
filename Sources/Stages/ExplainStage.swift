import CSVKit
import Formats
import Rules
import Statistics
import Values

/// The explain stage: what happened to one enterprise from ingest to panel (README, "Why is my
/// firm not in the panel?"), read from a run's input folder with the run's own rules and
/// settings, and checked against the run's results when they are given.
public enum ExplainStage {
    /// The text cluster-explain prints for the corporate number whose 13 digits are `digits`
    /// (one line per fact, in the order the pipeline meets them); a number whose check digit is
    /// wrong is explained too: every record naming it is rejected. `results`: an annual run's
    /// OUTPUT_DIR whose panel_members.csv and rejects.csv are compared with what the inputs say
    /// now.
    public static func run(digits: UInt64, inputDir: String, results: String?) throws -> [String] {
        let config = try RunConfig.load(inputDir + "/run.conf")
        let settings = IngestSettings(encoding: config.encoding, maxRejectRate: 1)
        func path(_ kind: InputKind) -> String { inputDir + "/" + kind.fileName }
        for kind in [InputKind.participants, .statements, .industries, .smeCriteria] where !(try Files.exists(path(kind))) {
            throw PipelineError.inputUnreadable(path: path(kind), reason: "no such file (cluster-explain reads the run's input folder)")
        }
        let quiet = try RejectLog(writer: nil)
        let criteria = try Ingest.smeCriteria(
            path(.smeCriteria), file: InputKind.smeCriteria.fileName, settings: settings, rejects: quiet
        ).rows
        let industries = IndustryTable(
            try Ingest.industries(
                path(.industries), file: InputKind.industries.fileName, sectors: Set(criteria.map { $0.sector }),
                settings: settings, rejects: quiet
            ).rows)
        let shown = CorporateNumber.text(ofDigits: digits)
        var out = ["enterprise \(shown)"]
        let valid = CorporateNumber(validating: digits)
        if valid == nil {
            let check = CorporateNumber.checkDigit(base: digits % 1_000_000_000_000)
            out.append(
                "  not a valid corporate number: the check digit (the first) would be \(check) for these 12 digits (SPEC 1.1), "
                    + "so every record naming it is rejected (invalid_corporate_number); a digit was probably mistyped")
        }

        // participants.csv: the first valid record is the participant; an identical later one
        // is merged, a different one rejected (as ingest decides).
        let participants = try Explain.participants(path(.participants), id: digits, settings: settings)
        out.append("\(InputKind.participants.fileName): \(count(participants.count))")
        var participant: Participant?
        var firstLine = 0
        for record in participants {
            switch record.result {
            case .failure(let rejected): out.append("  line \(record.line): rejected: \(describe(rejected.reject))")
            case .success(let p):
                if let kept = participant {
                    out.append(
                        kept == p
                            ? "  line \(record.line): merged: the same as line \(firstLine)"
                            : "  line \(record.line): rejected: conflicting_duplicate: differs from line \(firstLine)")
                } else {
                    participant = p
                    firstLine = record.line
                    out.append("  line \(record.line): kept: project \(p.project), region \(p.region)")
                }
            }
        }
        if participant == nil { out.append("  not a participant: no valid record; the enterprise is in no survey domain and no panel") }

        // responses.csv: the latest valid submission wins (equal instants: the later line). A
        // non-participant's questionnaires are listed too: each is rejected (not_in_frame).
        if try Files.exists(path(.responses)), try Files.exists(path(.codebook)) {
            let codebook = Codebook(
                items: try Ingest.codebook(path(.codebook), file: InputKind.codebook.fileName, settings: settings, rejects: quiet).rows)
            let frame = try Ingest.frame(path(.participants), file: InputKind.participants.fileName, settings: settings, rejects: quiet).frame
            let responses = try Explain.responses(path(.responses), id: digits, codebook: codebook, frame: frame, settings: settings)
            out.append("\(InputKind.responses.fileName): \(count(responses.count))")
            var winner: (line: Int, instant: Timestamp)?
            for record in responses {
                if case .success(let t) = record.result, winner.map({ t.epochNanoseconds >= $0.instant.epochNanoseconds }) ?? true {
                    winner = (record.line, t)
                }
            }
            for record in responses {
                switch record.result {
                case .failure(let rejected): out.append("  line \(record.line): rejected: \(describe(rejected.reject))")
                case .success(let t):
                    if record.line == winner?.line {
                        out.append("  line \(record.line): kept: the latest submission (\(t)); in the survey's domains all and \(participant?.project ?? "")")
                    } else {
                        out.append("  line \(record.line): dropped: submitted \(t), superseded by line \(winner?.line ?? 0)")
                    }
                }
            }
        }

        // statements.csv: identical statements merged; per fiscal year the 12-month ones.
        let statements = try Explain.statements(path(.statements), id: digits, industries: industries, settings: settings)
        out.append("\(InputKind.statements.fileName): \(count(statements.count))")
        var kept: [(line: Int, statement: Statement)] = []
        // The kept statements by digest (equal statements, equal digests): finding an earlier
        // identical one costs a look-up, not a pass over every statement kept (a million
        // conflicting statements of one enterprise-year stay linear, as in ingest).
        var keptByDigest: [UInt64: [Int]] = [:]
        for record in statements {
            switch record.result {
            case .failure(let rejected): out.append("  line \(record.line): rejected: \(describe(rejected.reject))")
            case .success(let s):
                let what = "FY\(s.fiscalYear) (period end \(s.periodEnd), \(s.periodMonths) months, industry \(industries[s.industry].code) \(industries[s.industry].category))"
                if let same = keptByDigest[s.digest]?.lazy.map({ kept[$0] }).first(where: { $0.statement == s }) {
                    out.append("  line \(record.line): merged: \(what), the same as line \(same.line)")
                } else {
                    keptByDigest[s.digest, default: []].append(kept.count)
                    kept.append((record.line, s))
                    out.append("  line \(record.line): kept: \(what)" + (participant == nil ? ", not a participant's (filtered)" : ""))
                }
            }
        }
        let years = Dictionary(grouping: kept.filter { $0.statement.isTwelveMonths }, by: \.statement.fiscalYear)
        for (year, group) in years.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            out.append("  FY\(year): \(group.count) differing 12-month statements (lines \(group.map { "\($0.line)" }.joined(separator: ", "))): the year counts as missing")
        }

        // The panel of each measure, by the panel's own rules on these statements.
        guard participant != nil, let id = valid else { return out }
        let (_, audit) = PanelBuilder(config: config, industries: industries, criteria: criteria).build(
            participants: IDSet([id.value]), statements: kept.map(\.statement), auditing: [id.value])
        let audits = (0..<(audit?.measures ?? 0)).map { audit?.entries(measure: $0) ?? [] }
        out.append("panel (BASE_YEAR \(config.baseYear)):")
        var reasons: [(Measure, PanelAuditEntry)] = []
        for (window, audit) in zip(config.measures, audits) {
            guard let entry = audit.first else { continue }
            reasons.append((window.measure, entry))
            out.append(
                "  \(window.measure.rawValue) \(window.first)-\(window.last): \(entry.reason.rawValue)"
                    + (entry.category.isEmpty ? "" : " (base-year category \(entry.category))") + ": \(meaning(entry.reason))"
                    + yearsBehind(entry.reason, window: window, statements: kept.map(\.statement))
                    + smeDetail(
                        entry.reason, baseYear: config.baseYear, statements: kept.map(\.statement), industries: industries,
                        criteria: criteria))
        }
        if let results { out += try compare(results: results, id: id, reasons: reasons) }
        return out
    }

    /// What the run's results say of the enterprise, against what the inputs say now.
    static func compare(results: String, id: CorporateNumber, reasons: [(Measure, PanelAuditEntry)]) throws -> [String] {
        let members = results + "/panel_members.csv"
        guard try Files.exists(members) else {
            return ["results \(results): no panel_members.csv (not an annual run's folder of this version)"]
        }
        let rows = try PanelCSV.readMembers(members).filter { $0.enterprise == id }
        var out: [String] = []
        for (measure, entry) in reasons {
            guard let row = rows.first(where: { $0.measure == measure }) else {
                out.append("results: panel_members.csv has no \(measure.rawValue) row for the enterprise: the results were made from other inputs")
                continue
            }
            if row.reason != entry.reason || row.category != entry.category {
                out.append("results: panel_members.csv says \(measure.rawValue) \(row.reason.rawValue) (category '\(row.category)'): the results were made from other inputs or settings")
            }
        }
        if out.isEmpty { out.append("results \(results): panel_members.csv agrees (\(rows.count) rows)") }
        return out
    }

    /// The fiscal years behind a reason of the window's years (", FY2003"), empty for the others.
    static func yearsBehind(_ reason: PanelReason, window: MeasureWindow, statements: [Statement]) -> String {
        let found: [Int] = window.years.filter { year in
            let all = statements.filter { $0.fiscalYear == year }
            let twelve = all.filter(\.isTwelveMonths)
            switch reason {
            case .conflictingDuplicate: return twelve.count > 1
            case .irregularPeriod: return twelve.isEmpty && !all.isEmpty
            case .missingYear: return twelve.first?.value(of: window.measure) == nil
            default: return false
            }
        }
        return found.isEmpty ? "" : " (" + found.map { "FY\($0)" }.joined(separator: ", ") + ")"
    }

    /// The values and limits behind `not_sme` and `sme_undecidable`: the base-year 12-month
    /// statement's capital and employees against its sector's limits (sme_criteria.csv).
    static func smeDetail(
        _ reason: PanelReason, baseYear: Int, statements: [Statement], industries: IndustryTable, criteria: [SMECriterion]
    ) -> String {
        guard reason == .notSME || reason == .smeUndecidable,
            let s = statements.first(where: { $0.fiscalYear == baseYear && $0.isTwelveMonths })
        else { return "" }
        let industry = industries[s.industry]
        guard let limits = criteria.first(where: { $0.sector == industry.sector }) else { return "" }
        func part(_ name: String, _ value: Int64?, _ limit: Int64, _ unit: String) -> String {
            guard let value else { return "\(name) empty" }
            return "\(name) \(value) \(value > limit ? ">" : "<=") \(limit)\(unit)"
        }
        return "; FY\(baseYear): " + part("capital", s.capital, limits.maxCapital, " thousand yen") + ", "
            + part("employees", s.employees, limits.maxEmployees, "") + ", the limits of sector \(industry.sector)"
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 record" : "\(n) records" }

    static func describe(_ r: Reject) -> String {
        "\(r.reason.rawValue) in column \(r.column): '\(r.value)'"
    }

    /// A reason in words.
    static func meaning(_ reason: PanelReason) -> String {
        switch reason {
        case .notInStatements: return "no valid statement at all"
        case .conflictingDuplicate: return "a year of the window has differing 12-month statements"
        case .irregularPeriod: return "a year of the window has only a statement of another length than 12 months"
        case .missingYear: return "a year of the window has no statement, or the measure is empty in it"
        case .excludedCategory: return "the base-year industry's category is excluded (EXCLUDE_CATEGORIES)"
        case .notSME: return "not an SME by the base-year statement (capital and employees above the sector's limits)"
        case .smeUndecidable: return "the SME test needs a value the base-year statement lacks"
        case .inPanel: return "in the panel"
        }
    }
}
