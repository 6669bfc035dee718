import CSVKit
import Rules
import Statistics
import Values

/// The version of the pipeline: one number for every stage, written into datapackage.json.
public enum PipelineVersion {
    /// The one version of every stage, the one a run records in datapackage.json.
    public static let number = "2.0.0"
    /// The commit of the checkout the stages were built from ("-dirty" when it had uncommitted
    /// changes), or empty when built outside a git checkout. Written at build time by the
    /// SourceCommit plugin (Sources/SourceCommit).
    public static let commit = sourceCommit
    /// What `--version` shows: `2.0.0`, or `2.0.0 (commit 0123456789ab)`.
    public static let shown =
        commit.isEmpty
        ? number : "\(number) (commit \(commit.prefix(12))\(commit.hasSuffix("-dirty") ? "-dirty" : ""))"
}

/// One column of an output CSV as the data dictionary describes it (a Table Schema field).
public struct FieldSpec: Sendable, Equatable {
    public enum Kind: String, Sendable { case string, integer, number }
    public let name: String
    public let kind: Kind
    public let description: String
    public let unit: String?
    /// The only values the column may hold (a Table Schema `enum` constraint), when listed.
    public let values: [String]?

    public init(_ name: String, _ kind: Kind, _ description: String, unit: String? = nil, values: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
        self.unit = unit
        self.values = values
    }
}

/// One output CSV: its file, the order of its rows and its columns.
public struct TableSpec: Sendable {
    public let file: String
    public let title: String
    public let rowOrder: String
    public let fields: [FieldSpec]

    /// The resource name (the file name without `.csv`).
    public var name: String { String(file.dropLast(4)) }
}

/// The data dictionary: every output CSV of SPEC 1.2 with every column's type, meaning and unit.
/// A unit test checks the columns against the writers' headers.
public enum DataDictionary {
    public static let surveyItems = TableSpec(
        file: "survey_items.csv", title: "Monitoring Survey 1: percentage of respondents selecting each item",
        rowOrder: "domain all, then projects in code-point order; multi questions and items in codebook order",
        fields: [
            FieldSpec("domain", .string, "all, or the cluster project code of the respondents"),
            FieldSpec("question", .string, "question code of the codebook (a multi question)"),
            FieldSpec("item", .integer, "item number within the question"),
            FieldSpec("label", .string, "item label of the codebook"),
            FieldSpec("respondents", .number, "base: weighted sum of respondents who selected at least one item of the question", unit: "respondents (weighted)"),
            FieldSpec("n", .integer, "base counted without weights (the respondents MIN_BASE tests); empty when withheld", unit: "respondents"),
            FieldSpec("selected", .number, "weighted sum of base respondents who selected the item", unit: "respondents (weighted)"),
            FieldSpec("percent", .number, "100 x selected / respondents; empty when the base is empty", unit: "percent"),
            FieldSpec("ci_low", .number, "lower end of the interval at CONFIDENCE (CI_METHOD)", unit: "percent"),
            FieldSpec("ci_high", .number, "upper end of the interval at CONFIDENCE (CI_METHOD)", unit: "percent"),
            FieldSpec("effective_n", .number, "Kish effective sample size (sum w)^2 / sum w^2 of the base", unit: "respondents"),
            status,
        ])

    /// The `status` column of both survey tables (SPEC 9).
    static let status = FieldSpec(
        "status", .string,
        "ok; low_reliability (effective n below RELIABLE_N, numbers shown); suppressed_frequency (base below MIN_BASE respondents) or suppressed_secondary (withheld so that a suppressed domain cannot be worked out, SPEC 11): selected, percent and interval empty; empty (no base)",
        values: EstimateStatus.allCases.map(\.rawValue))

    public static let surveySingle = TableSpec(
        file: "survey_single.csv", title: "Single questions: percentage of respondents giving each answer",
        rowOrder: "domain all, then projects in code-point order; single questions and codes in codebook order",
        fields: [
            FieldSpec("domain", .string, "all, or the cluster project code of the respondents"),
            FieldSpec("question", .string, "question code of the codebook (a single question)"),
            FieldSpec("item", .integer, "answer code of the codebook"),
            FieldSpec("label", .string, "answer label of the codebook"),
            FieldSpec("respondents", .number, "base: weighted sum of respondents who answered the question", unit: "respondents (weighted)"),
            FieldSpec("n", .integer, "base counted without weights (the respondents MIN_BASE tests); empty when withheld", unit: "respondents"),
            FieldSpec("selected", .number, "weighted sum of base respondents who gave the answer; empty when suppressed", unit: "respondents (weighted)"),
            FieldSpec("percent", .number, "100 x selected / respondents; empty when the base is empty or suppressed", unit: "percent"),
            FieldSpec("ci_low", .number, "lower end of the interval at CONFIDENCE (CI_METHOD)", unit: "percent"),
            FieldSpec("ci_high", .number, "upper end of the interval at CONFIDENCE (CI_METHOD)", unit: "percent"),
            FieldSpec("effective_n", .number, "Kish effective sample size (sum w)^2 / sum w^2 of the base", unit: "respondents"),
            status,
        ])

    public static let weights = TableSpec(
        file: "weights.csv", title: "Survey weights before and after calibration to the frame (CALIBRATE)",
        rowOrder: "respondents kept, in the order their first questionnaire stands in responses.csv",
        fields: [
            FieldSpec("respondent_id", .string, "corporate number of the respondent (13 digits)"),
            FieldSpec("project", .string, "the respondent's cluster project (participants.csv)"),
            FieldSpec("region", .string, "the respondent's region (participants.csv)"),
            FieldSpec("weight", .number, "weight column of responses.csv, 1 without it", unit: "respondents represented"),
            FieldSpec("calibrated_weight", .number, "weight raked to the frame's counts by the CALIBRATE columns", unit: "participants represented"),
        ])

    public static let indexSeries = TableSpec(
        file: "index_series.csv", title: "Monitoring Survey 2: index series, base year = 1",
        rowOrder: "measures in MEASURES order; series cluster, benchmark, benchmark_corrected; years ascending",
        fields: [
            FieldSpec("series", .string, "cluster (the panel), benchmark (national SME statistics) or benchmark_corrected (to the panel's industry mix)", values: ["cluster", "benchmark", "benchmark_corrected"]),
            FieldSpec("measure", .string, "sales, net_income or employees", values: ["sales", "net_income", "employees"]),
            FieldSpec("year", .integer, "fiscal year (April to March)", unit: "fiscal year"),
            FieldSpec("enterprises", .integer, "panel size (cluster, benchmark_corrected) or corporations summed (benchmark)", unit: "enterprises"),
            FieldSpec("total", .number, "level of the series: thousand yen (sales, net_income) or persons (employees); the benchmark in the statistics' own unit", unit: "thousand yen or persons"),
            FieldSpec("index", .number, "total / total of the base year", unit: "ratio (base year = 1)"),
            FieldSpec("ci_low", .number, "lower end of the bootstrap percentile interval (cluster only)", unit: "ratio (base year = 1)"),
            FieldSpec("ci_high", .number, "upper end of the bootstrap percentile interval (cluster only)", unit: "ratio (base year = 1)"),
            FieldSpec("status", .string, "ok; suppressed_frequency, suppressed_dominance or suppressed_p: the national panel fails a primary rule of disclosure control (SPEC 11), total, index and interval empty", values: ["ok", "suppressed_frequency", "suppressed_dominance", "suppressed_p"]),
        ])

    public static let indexByProject = TableSpec(
        file: "index_by_project.csv", title: "Monitoring Survey 2 per cluster project: index series, base year = 1",
        rowOrder: "projects in code-point order; measures in MEASURES order; series cluster, benchmark_corrected; years ascending",
        fields: [
            FieldSpec("project", .string, "cluster project code (participants.csv)"),
            FieldSpec("series", .string, "cluster (the project's panel members) or benchmark_corrected (national SME statistics corrected to the project's industry mix)", values: ["cluster", "benchmark_corrected"]),
            FieldSpec("measure", .string, "sales, net_income or employees", values: ["sales", "net_income", "employees"]),
            FieldSpec("year", .integer, "fiscal year (April to March)", unit: "fiscal year"),
            FieldSpec("enterprises", .integer, "panel enterprises of the project", unit: "enterprises"),
            FieldSpec("total", .number, "level of the series (as index_series.csv); empty when suppressed, 0 when empty", unit: "thousand yen or persons"),
            FieldSpec("index", .number, "total / total of the base year; empty unless status is ok", unit: "ratio (base year = 1)"),
            FieldSpec("ci_low", .number, "lower end of the project's bootstrap percentile interval (cluster only)", unit: "ratio (base year = 1)"),
            FieldSpec("ci_high", .number, "upper end of the project's bootstrap percentile interval (cluster only)", unit: "ratio (base year = 1)"),
            FieldSpec("status", .string, "ok; suppressed_frequency (fewer than MIN_FREQUENCY enterprises), suppressed_dominance (DOMINANCE), suppressed_p (P_PERCENT), suppressed_secondary (withheld so that no suppressed project can be worked out): total, index and interval empty (SPEC 11); undefined (base-year total not positive: total only); empty (no panel enterprise: total 0)", values: ProjectStatus.allCases.map(\.rawValue)),
        ])

    public static let panelMembers = TableSpec(
        file: "panel_members.csv", title: "Every participant of every measure with the reason it is in the panel or not",
        rowOrder: "measures in MEASURES order; enterprise_id ascending",
        fields: [
            FieldSpec("measure", .string, "sales, net_income or employees", values: ["sales", "net_income", "employees"]),
            FieldSpec("enterprise_id", .string, "corporate number of the participant (13 digits)"),
            FieldSpec("project", .string, "the participant's cluster project"),
            FieldSpec("category", .string, "benchmark category of the base-year 12-month statement's industry; empty when there is none"),
            FieldSpec("reason", .string, "first reason that applies (as panel_log.csv), or in_panel", values: PanelReason.allCases.map(\.rawValue)),
        ])

    public static let rejects = TableSpec(
        file: "rejects.csv", title: "Every rejected record of every input",
        rowOrder: "inputs in ingest order (sme_criteria, industries, participants, codebook, responses, statements, benchmark, published); lines ascending",
        fields: [
            FieldSpec("file", .string, "input file name"),
            FieldSpec("line", .integer, "1-based physical line where the record starts (the header is line 1)", unit: "line"),
            FieldSpec("column", .string, "column of the first fault, empty for faults of the whole record"),
            FieldSpec("reason", .string, "why the record was rejected"),
            FieldSpec("value", .string, "the offending value as written (cut after 200 characters)"),
        ])

    public static let panelLog = TableSpec(
        file: "panel_log.csv", title: "Why each participant is or is not in each measure's panel",
        rowOrder: "measures in MEASURES order; reasons in SPEC order, zeros included",
        fields: [
            FieldSpec("measure", .string, "sales, net_income or employees", values: ["sales", "net_income", "employees"]),
            FieldSpec("reason", .string, "first reason that applies, or in_panel", values: PanelReason.allCases.map(\.rawValue)),
            FieldSpec("enterprises", .integer, "participants counted under the reason", unit: "enterprises"),
        ])

    public static let reproduction = TableSpec(
        file: "reproduction.csv", title: "Published chart values against the computed ones",
        rowOrder: "the order of published.csv",
        fields: [
            FieldSpec("figure", .string, "survey1 or survey2"),
            FieldSpec("series", .string, "domain (survey1) or series (survey2)"),
            FieldSpec("measure", .string, "question (survey1) or measure (survey2)"),
            FieldSpec("key", .string, "item (survey1) or fiscal year (survey2)"),
            FieldSpec("published", .string, "the value as printed in the chart (its decimals set the rounding)"),
            FieldSpec("computed", .string, "the computed value rounded half away from zero to the published decimals"),
            FieldSpec("match", .string, "yes when computed equals published", values: ["yes", "no"]),
        ])

    public static let disclosureAudit = TableSpec(
        file: "disclosure_audit.csv", title: "Disclosure audit: every withheld cell with the interval an intruder can derive from the published tables",
        rowOrder: "index tables (measures in MEASURES order, national then projects in code-point order, series, years), then survey_items and survey_single (questions, domains, items)",
        fields: [
            FieldSpec("table", .string, "published table the cell belongs to"),
            FieldSpec("cell", .string, "the cell: national or project / series / measure / year, or domain / question / item"),
            FieldSpec("rule", .string, "why it is withheld: a primary rule or secondary (a complement)", values: DisclosureRule.allCases.map(\.rawValue)),
            FieldSpec("value", .number, "the withheld value (confidential)", unit: "the table's unit"),
            FieldSpec("lower", .number, "smallest value the published tables allow (linear programming); empty: unbounded", unit: "the table's unit"),
            FieldSpec("upper", .number, "largest value the published tables allow; empty: unbounded", unit: "the table's unit"),
            FieldSpec("protection", .number, "half-width the interval must reach on each side of the value (PROTECTION %, or P_PERCENT for the p% rule)", unit: "the table's unit"),
            FieldSpec("verdict", .string, "protected; exposed (the run fails); zero_total (a zero a published zero total already tells)", values: ["protected", "exposed", "zero_total"]),
        ])

    /// The output CSVs in the order datapackage.json lists them.
    public static let outputs = [
        surveyItems, surveySingle, weights, indexSeries, indexByProject, rejects, panelLog, panelMembers, reproduction,
        disclosureAudit,
    ]

    /// The files of an output folder that may be published (SPEC 11): the aggregate tables, their
    /// charts and workbook, and the data package describing them. Everything else is
    /// confidential: microdata (weights.csv, panel_members.csv, rejects.csv), the disclosure
    /// audit (it holds the withheld values) and report.txt (it shows the inputs' row balances
    /// and rejects, for the office).
    public static func isPublic(_ path: String) -> Bool {
        let publicTables = [surveyItems, surveySingle, indexSeries, indexByProject, panelLog, reproduction].map(\.file)
        return publicTables.contains(path) || path == "tables.xlsx" || path == "datapackage.json"
            || (path.hasPrefix("charts/") && path.hasSuffix(".svg"))
    }
}

/// datapackage.json (SPEC 8): a Frictionless Data Package (v1) describing one run's folder —
/// each output with its hash and Table Schema, the inputs it was made from, the settings and
/// the pipeline's version. No clock time: the same run gives the same bytes.
public enum DataPackage {
    /// The package's name: what marks a folder as a result of this pipeline (SPEC 7.1).
    public static let name = "cluster-monitoring-run"

    /// The files a datapackage.json of this pipeline lists (its resources' paths), or nil when
    /// the bytes are not one: not JSON, another tool's package, or `{}`.
    public static func listedFiles(_ bytes: [UInt8]) -> [String]? {
        guard let package = JSON.parse(bytes), package["profile"]?.stringValue == "data-package",
            package["name"]?.stringValue == name, package["pipeline"]?["name"]?.stringValue == "ClusterMonitor",
            case .array(let resources)? = package["resources"]
        else { return nil }
        var paths: [String] = []
        for resource in resources {
            guard let path = resource["path"]?.stringValue else { return nil }
            paths.append(path)
        }
        return paths
    }
    /// An input file as the run read it.
    public struct Source: Sendable {
        public let file: String
        public let sha256: String
        public let bytes: Int
        /// `ascii`, `utf-8` or `cp932` (nil for run.conf, which is always UTF-8 text).
        public let encoding: String?
        public let bom: Bool
        public let balance: [(String, Int)]

        public init(file: String, sha256: String, bytes: Int, encoding: String?, bom: Bool, balance: [(String, Int)]) {
            self.file = file
            self.sha256 = sha256
            self.bytes = bytes
            self.encoding = encoding
            self.bom = bom
            self.balance = balance
        }
    }

    /// A file of the output folder: its path inside the folder, size and SHA-256.
    public struct Output: Sendable {
        public let path: String
        public let bytes: Int
        public let sha256: String

        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public static func build(
        outputs: [Output], sources: [Source], settings: [(key: String, value: String)], commit: String?,
        csvEncoding: CSVEncoding = .utf8
    ) -> JSON {
        var resources: [JSON] = []
        for output in outputs {
            var members: [(String, JSON)] = [
                ("name", .string(resourceName(output.path))),
                ("path", .string(output.path)),
                ("confidentiality", .string(DataDictionary.isPublic(output.path) ? "public" : "confidential")),
            ]
            if let table = DataDictionary.outputs.first(where: { $0.file == output.path }) {
                members += [
                    ("profile", .string("tabular-data-resource")),
                    ("title", .string(table.title)),
                    ("description", .string("Rows: " + table.rowOrder + ".")),
                    ("format", .string("csv")), ("mediatype", .string("text/csv")),
                    ("encoding", .string(csvEncoding.packageName)),
                    ("bytes", .int(output.bytes)), ("hash", .string("sha256:" + output.sha256)),
                    ("dialect", .object([("delimiter", .string(",")), ("lineTerminator", .string("\n")), ("header", .bool(true))])),
                    ("schema", schema(table)),
                ]
            } else {
                let format = output.path.hasSuffix(".svg") ? "svg" : output.path.hasSuffix(".xlsx") ? "xlsx" : "txt"
                members += [("profile", .string("data-resource")), ("format", .string(format))]
                switch format {
                case "xlsx":
                    // The workbook opens on its notes sheet; a tabular reader (frictionless) is
                    // pointed at the first table sheet.
                    members += [
                        ("mediatype", .string("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
                        ("description", .string(
                            "The public tables for Excel: a notes sheet (units, sources), the charts on chart sheets, one sheet per table; the dialect names the first table sheet.")),
                        ("dialect", .object([("excel", .object([("sheet", .string(TablesWorkbook.firstTableSheet))]))])),
                    ]
                case "svg": members += [("mediatype", .string("image/svg+xml")), ("encoding", .string("utf-8"))]
                default: members += [("mediatype", .string("text/plain")), ("encoding", .string("utf-8"))]
                }
                members += [("bytes", .int(output.bytes)), ("hash", .string("sha256:" + output.sha256))]
            }
            resources.append(.object(members))
        }
        let sourceList: [JSON] = sources.map { s in
            var members: [(String, JSON)] = [
                ("title", .string(s.file)), ("path", .string(s.file)),
                ("hash", .string("sha256:" + s.sha256)), ("bytes", .int(s.bytes)),
            ]
            if let encoding = s.encoding {
                members.append(("encoding", .string(encoding)))
                members.append(("bom", .bool(s.bom)))
            }
            if !s.balance.isEmpty {
                members.append(("rows", .object(s.balance.map { ($0.0, .int($0.1)) })))
            }
            return .object(members)
        }
        var pipeline: [(String, JSON)] = [("name", .string("ClusterMonitor")), ("version", .string(PipelineVersion.number))]
        if let commit, !commit.isEmpty { pipeline.append(("commit", .string(commit))) }
        return .object([
            ("profile", .string("data-package")),
            ("name", .string(name)),
            ("title", .string("Industrial Cluster Plan monitoring survey: one annual run")),
            ("description", .string("The outputs of one run of the pipeline, the inputs they were made from (with SHA-256 and row balance: read = kept + rejected + merged + dropped + filtered), every setting in effect and the pipeline's version.")),
            ("resources", .array(resources)),
            ("sources", .array(sourceList)),
            ("settings", .object(settings.map { ($0.key, .string($0.value)) })),
            ("pipeline", .object(pipeline)),
        ])
    }

    /// A Frictionless resource name: lower case, digits, `-`, `.` and `_` (`charts/survey1.svg`
    /// → `charts-survey1-svg`, `report.txt` → `report-txt`, `survey_items.csv` → `survey_items`).
    static func resourceName(_ path: String) -> String {
        var name = path.hasSuffix(".csv") ? String(path.dropLast(4)) : path
        name = String(name.lowercased().map { c in c.isLetter || c.isNumber || c == "_" ? c : "-" })
        return name
    }

    static func schema(_ table: TableSpec) -> JSON {
        let fields: [JSON] = table.fields.map { f in
            var members: [(String, JSON)] = [
                ("name", .string(f.name)), ("type", .string(f.kind.rawValue)), ("description", .string(f.description)),
            ]
            if let unit = f.unit { members.append(("unit", .string(unit))) }
            if let values = f.values {
                members.append(("constraints", .object([("enum", .array(values.map(JSON.string)))])))
            }
            return .object(members)
        }
        return .object([("fields", .array(fields)), ("missingValues", .array([.string("")]))])
    }
}
