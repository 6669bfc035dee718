/// The (n, k) dominance rule: n contributions above k % of the total (SPEC 11).
public struct DominanceRule: Equatable, Sendable {
    public let n: Int
    public let k: Int

    public init(n: Int, k: Int) {
        self.n = n
        self.k = k
    }
}

/// The settings of one run (run.conf, SPEC 1.1 and 6.1), with their defaults.
public struct RunConfig: Equatable, Sendable {
    public var baseYear = 2000
    public var measures = [
        MeasureWindow(measure: .sales, first: 2000, last: 2004),
        MeasureWindow(measure: .netIncome, first: 2000, last: 2004),
        MeasureWindow(measure: .employees, first: 2000, last: 2003),
    ]
    public var excludeCategories = ["electrical"]
    /// Thousand yen: benchmark classes with a capital_max at or below it are the SME classes.
    public var benchmarkMaxCapital: Int64 = 100_000
    public var weights = CorrectionWeights.value
    public var confidence = 0.95
    public var intervalMethod = IntervalMethod.wilson
    public var bootstrap = 1000
    public var seed: UInt64 = 20_051_231
    public var maxRejectRate = 0.05
    public var encoding = EncodingChoice.auto
    /// When yes, a published value the run does not reproduce fails the run (exit 65) after
    /// everything is written (the annual run then leaves the result in OUTPUT_DIR.failed/).
    public var strictReproduction = false
    /// The encoding of the published CSV tables.
    public var csvEncoding = CSVEncoding.utf8
    /// The language of the report's and charts' titles.
    public var language = ReportLanguage.en
    /// The frame columns the survey weights are raked to (SPEC 9), in the order given; empty:
    /// no calibration.
    public var calibrate: [CalibrationColumn] = []
    /// The smallest base (respondents counted, not weighted) for which a percentage is
    /// published (SPEC 9): a smaller base is `suppressed`.
    public var minBase = 0
    /// The smallest effective n for which a percentage is published without a flag (SPEC 9).
    public var reliableN = 30.0
    /// Disclosure control of the magnitudes (SPEC 11): the smallest number of enterprises a
    /// published total may have.
    public var minFrequency = 3
    /// The (n, k) dominance rule (SPEC 11): a total whose n largest contributions (by absolute
    /// value) exceed k % of the sum of absolute contributions is withheld. n is 1 or 2.
    public var dominance = DominanceRule(n: 1, k: 85)
    /// The p% rule (SPEC 11), nil when off: a total withheld when the sum of the contributions
    /// other than the two largest is below p % of the largest (all by absolute value).
    public var pPercent: Double?
    /// The protection level (SPEC 11), in percent of a hidden cell's value: the interval an
    /// intruder can derive from the published tables must reach at least this far on each side.
    public var protection = 10.0
    /// The run.conf line of each key that was set (for messages about a key's value).
    public var lines: [String: Int] = [:]
    /// The file the settings came from (for messages).
    public var path = "run.conf"
    /// The SHA-256 of the run.conf text the settings were read from (empty for the defaults).
    public var sha256 = ""

    public init() {}

    /// CONFIDENCE's accepted range. Past 0.999999 the tail probability (1 − CONFIDENCE) / 2 is
    /// lost to rounding next to 1 and the quantiles stop meaning anything; below 0.000001 an
    /// interval is a point. Refused at run.conf time (exit 64), never a GSL failure later.
    public static let confidenceRange = 0.000001...0.999999
    /// BOOTSTRAP's accepted range: 100000 replicates fix a 95 % percentile interval far beyond
    /// the published decimals and take seconds; 10^7 would take minutes per measure.
    public static let bootstrapRange = 1...100_000
    /// SEED's accepted range: GSL's mt19937 takes a 32-bit seed (and reads 0 as 4357), so
    /// 1 ... 2^32 − 1 are exactly the seeds that give different streams.
    public static let seedRange: ClosedRange<UInt64> = 1...4_294_967_295

    /// The run.conf keys, in the order the settings table lists them.
    public enum Key: String, CaseIterable, Sendable {
        case baseYear = "BASE_YEAR"
        case measures = "MEASURES"
        case excludeCategories = "EXCLUDE_CATEGORIES"
        case benchmarkMaxCapital = "BENCHMARK_MAX_CAPITAL"
        case weights = "WEIGHTS"
        case confidence = "CONFIDENCE"
        case intervalMethod = "CI_METHOD"
        case bootstrap = "BOOTSTRAP"
        case seed = "SEED"
        case maxRejectRate = "MAX_REJECT_RATE"
        case encoding = "ENCODING"
        case strictReproduction = "STRICT_REPRODUCTION"
        case csvEncoding = "CSV_ENCODING"
        case language = "LANGUAGE"
        case calibrate = "CALIBRATE"
        case minBase = "MIN_BASE"
        case reliableN = "RELIABLE_N"
        case minFrequency = "MIN_FREQUENCY"
        case dominance = "DOMINANCE"
        case pPercent = "P_PERCENT"
        case protection = "PROTECTION"
    }

    public static let keys = Key.allCases.map(\.rawValue)

    /// The value of `key` as run.conf writes it.
    public func value(of key: Key) -> String {
        settings.first { $0.key == key.rawValue }?.value ?? ""
    }

    /// Every setting in effect, defaults included, as run.conf would write it (key order of
    /// `keys`): the report's settings table and the data package's `settings`.
    public var settings: [(key: String, value: String)] {
        let encodingName: String
        switch encoding {
        case .auto: encodingName = "auto"
        case .fixed(let e): encodingName = e.rawValue
        }
        return [
            ("BASE_YEAR", "\(baseYear)"),
            ("MEASURES", measures.map { "\($0.measure.rawValue):\($0.first)-\($0.last)" }.joined(separator: ",")),
            ("EXCLUDE_CATEGORIES", excludeCategories.joined(separator: ",")),
            ("BENCHMARK_MAX_CAPITAL", "\(benchmarkMaxCapital)"), ("WEIGHTS", weights.rawValue),
            ("CONFIDENCE", NumberFormat.plain(confidence)), ("CI_METHOD", intervalMethod.rawValue),
            ("BOOTSTRAP", "\(bootstrap)"), ("SEED", "\(seed)"),
            ("MAX_REJECT_RATE", NumberFormat.plain(maxRejectRate)), ("ENCODING", encodingName),
            ("STRICT_REPRODUCTION", strictReproduction ? "yes" : "no"), ("CSV_ENCODING", csvEncoding.rawValue),
            ("LANGUAGE", language.rawValue), ("CALIBRATE", calibrate.map(\.rawValue).joined(separator: ",")),
            ("MIN_BASE", "\(minBase)"), ("RELIABLE_N", NumberFormat.plain(reliableN)),
            ("MIN_FREQUENCY", "\(minFrequency)"), ("DOMINANCE", "\(dominance.n),\(dominance.k)"),
            ("P_PERCENT", pPercent.map(NumberFormat.plain) ?? "off"), ("PROTECTION", NumberFormat.plain(protection)),
        ]
    }

    /// Parses run.conf text: `KEY=VALUE` lines, `#` comments, blank lines, spaces around key
    /// and value ignored, LF or CRLF, a BOM ignored. Every problem is a `.badConfig` naming the
    /// file, line and key (exit 64).
    public static func parse(_ bytes: [UInt8], path: String) throws -> RunConfig {
        var config = RunConfig()
        config.path = path
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var seen: [String: Int] = [:]
        var baseYearLine = 0
        var measuresLine = 0
        // Split on the LF byte: as Characters, "\r\n" is one grapheme and would never match "\n".
        let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            var line = rawLine
            if line.last == 0x0D { line = line.dropLast() }
            // Not UTF-8 (a CP932 comment, a stray byte): the line that holds it, and the key
            // when one can be read before it.
            guard Text.isValidUTF8(Array(line)) else {
                let before = line.prefix { $0 != 0x3D && $0 < 0x80 }
                let key = line.contains(0x3D) ? String(decoding: before, as: UTF8.self).trimmingSpaces : ""
                throw PipelineError.badConfig(
                    path: path, line: number, key: key,
                    message: "not UTF-8 text (run.conf is UTF-8; save it so, or remove the byte)")
            }
            let trimmed = String(decoding: line, as: UTF8.self).trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw PipelineError.badConfig(path: path, line: number, key: trimmed, message: "expected KEY=VALUE")
            }
            let key = String(trimmed[..<equals]).trimmingSpaces
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces
            func bad(_ message: String) -> PipelineError {
                .badConfig(path: path, line: number, key: key, message: "\(message) (got '\(Self.excerpt(value))')")
            }
            guard let known = Key(rawValue: key) else {
                throw PipelineError.badConfig(
                    path: path, line: number, key: key,
                    message: "unknown key; expected one of \(keys.joined(separator: ", "))")
            }
            if let earlier = seen[key] {
                throw PipelineError.badConfig(path: path, line: number, key: key, message: "set twice (first on line \(earlier))")
            }
            seen[key] = number
            config.lines[key] = number
            switch known {
            case .baseYear:
                guard let year = integer(value), YearMonth.acceptedYears.contains(Int(year)) else {
                    throw bad("expected a year")
                }
                config.baseYear = Int(year)
                baseYearLine = number
            case .measures:
                config.measures = try parseMeasures(value, error: bad)
                measuresLine = number
            case .excludeCategories:
                // Each category once, in the order given (a list repeated a million times is
                // one entry, and every later look-up stays short; SPEC 7.9).
                var listed = Set<String>()
                config.excludeCategories = value.split(separator: ",").map { String($0).trimmingSpaces }
                    .filter { !$0.isEmpty && listed.insert($0).inserted }
            case .benchmarkMaxCapital:
                guard let v = integer(value), v >= 0 else {
                    throw bad("expected a non-negative integer (thousand yen)")
                }
                config.benchmarkMaxCapital = v
            case .weights:
                guard let weights = CorrectionWeights(rawValue: value) else { throw bad("expected value or count") }
                config.weights = weights
            case .confidence:
                guard let v = DecimalParser.parse(ArraySlice(value.utf8)), confidenceRange.contains(v) else {
                    throw bad("expected a probability from 0.000001 to 0.999999")
                }
                config.confidence = v
            case .intervalMethod:
                guard let method = IntervalMethod(rawValue: value) else { throw bad("expected wilson or clopper-pearson") }
                config.intervalMethod = method
            case .bootstrap:
                guard let n = integer(value), n >= bootstrapRange.lowerBound, n <= bootstrapRange.upperBound else {
                    throw bad("expected a number of replicates from 1 to 100000")
                }
                config.bootstrap = Int(n)
            case .seed:
                guard let seed = integer(value), seed >= 0, seedRange.contains(UInt64(seed)) else {
                    throw bad("expected an integer from 1 to 4294967295 (the 32-bit seed of GSL's mt19937)")
                }
                config.seed = UInt64(seed)
            case .maxRejectRate:
                guard let v = DecimalParser.parse(ArraySlice(value.utf8)), v >= 0, v <= 1 else {
                    throw bad("expected a number between 0 and 1")
                }
                config.maxRejectRate = v
            case .encoding:
                guard let encoding = EncodingChoice(name: value) else { throw bad("expected auto, utf-8 or cp932") }
                config.encoding = encoding
            case .strictReproduction:
                switch value.lowercased() {
                case "yes": config.strictReproduction = true
                case "no": config.strictReproduction = false
                default: throw bad("expected yes or no")
                }
            case .csvEncoding:
                guard let encoding = CSVEncoding(rawValue: value.lowercased()) else {
                    throw bad("expected utf-8, utf-8-bom or cp932")
                }
                config.csvEncoding = encoding
            case .language:
                guard let language = ReportLanguage(rawValue: value.lowercased()) else { throw bad("expected en or ja") }
                config.language = language
            case .calibrate:
                var columns: [CalibrationColumn] = []
                for part in value.split(separator: ",") {
                    let name = String(part).trimmingSpaces
                    guard let column = CalibrationColumn(rawValue: name) else {
                        throw bad("expected a comma list of project, region (or empty)")
                    }
                    guard !columns.contains(column) else { throw bad("\(name) given twice") }
                    columns.append(column)
                }
                config.calibrate = columns
            case .minBase:
                guard let n = integer(value), n >= 0, n <= Int64(Int32.max) else {
                    throw bad("expected a number of respondents from 0 to 2147483647")
                }
                config.minBase = Int(n)
            case .reliableN:
                guard let v = DecimalParser.parse(ArraySlice(value.utf8)), v >= 0, v <= 1e15 else {
                    throw bad("expected a number of effective respondents from 0 to 1e15")
                }
                config.reliableN = v
            case .minFrequency:
                guard let n = integer(value), n >= 1, n <= Int64(Int32.max) else {
                    throw bad("expected a number of enterprises from 1 to 2147483647")
                }
                config.minFrequency = Int(n)
            case .dominance:
                let parts = value.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                guard parts.count == 2, let n = integer(parts[0]), (1...2).contains(n), let k = integer(parts[1]),
                    (1...100).contains(k)
                else { throw bad("expected n,k with n 1 or 2 and k a percentage from 1 to 100 (the (n,k) dominance rule)") }
                config.dominance = DominanceRule(n: Int(n), k: Int(k))
            case .pPercent:
                if value.lowercased() == "off" {
                    config.pPercent = nil
                } else {
                    guard let v = DecimalParser.parse(ArraySlice(value.utf8)), v > 0, v <= 100 else {
                        throw bad("expected off or a percentage above 0 up to 100 (the p% rule)")
                    }
                    config.pPercent = v
                }
            case .protection:
                guard let v = DecimalParser.parse(ArraySlice(value.utf8)), v >= 0, v <= 100 else {
                    throw bad("expected a percentage from 0 to 100")
                }
                config.protection = v
            }
        }
        for window in config.measures where !window.years.contains(config.baseYear) {
            let onBaseLine = baseYearLine > 0
            throw PipelineError.badConfig(
                path: path, line: onBaseLine ? baseYearLine : measuresLine, key: onBaseLine ? "BASE_YEAR" : "MEASURES",
                message:
                    "BASE_YEAR \(config.baseYear) is outside the window \(window.first)-\(window.last) of \(window.measure.rawValue)"
            )
        }
        return config
    }

    /// SPEC 7.8: every category of EXCLUDE_CATEGORIES must be one the inputs know (in
    /// benchmark.csv or industries.csv); a typo would silently include an industry. Exit 64.
    public func checkExclusions(known: Set<String>) throws {
        for category in excludeCategories where !known.contains(category) {
            let listed = known.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: ", ")
            throw PipelineError.badConfig(
                path: path, line: lines["EXCLUDE_CATEGORIES"] ?? 0, key: "EXCLUDE_CATEGORIES",
                message: "category '\(category)' is in neither benchmark.csv nor industries.csv; the categories there are: \(listed)")
        }
    }

    /// An integer as data cells write them (full-width digits read as ASCII).
    private static func integer(_ text: String) -> Int64? {
        if case .value(let v) = IntegerParser.parse(ArraySlice(text.utf8)) { return v }
        return nil
    }

    /// A value as a message shows it: whole up to 80 characters, else its start and length.
    static func excerpt(_ value: String) -> String {
        value.count <= 80 ? value : String(value.prefix(60)) + "… (\(value.utf8.count) bytes)"
    }

    private static func parseMeasures(_ value: String, error: (String) -> PipelineError) throws -> [MeasureWindow] {
        var windows: [MeasureWindow] = []
        for part in value.split(separator: ",") {
            let item = String(part).trimmingSpaces
            let pieces = item.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw error("expected measure:FIRST-LAST, comma-separated") }
            let name = String(pieces[0]).trimmingSpaces
            guard let measure = Measure(rawValue: name) else {
                throw error("unknown measure '\(name)'; expected sales, net_income or employees")
            }
            let years = pieces[1].split(separator: "-", omittingEmptySubsequences: false)
            guard years.count == 2, let first = integer(String(years[0])).map(Int.init),
                let last = integer(String(years[1])).map(Int.init), first <= last,
                YearMonth.acceptedYears.contains(first), YearMonth.acceptedYears.contains(last)
            else { throw error("expected a window FIRST-LAST for \(name)") }
            guard !windows.contains(where: { $0.measure == measure }) else { throw error("\(name) given twice") }
            windows.append(MeasureWindow(measure: measure, first: first, last: last))
        }
        guard !windows.isEmpty else { throw error("expected at least one measure") }
        return windows
    }
}
