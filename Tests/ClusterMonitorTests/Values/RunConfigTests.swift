import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// SPEC 1.1 "run.conf keys" (defaults in brackets) and SPEC 6.1 (syntax; every error is exit 64
/// naming the key and line). SPEC 2: 64 = usage error.
@Suite struct RunConfigTests {
    private func parse(_ text: String) throws -> RunConfig {
        try RunConfig.parse(Array(text.utf8), path: "run.conf")
    }

    /// The error `text` must produce: a `.badConfig` naming `key` and `line`, exit status 64.
    private func expectBad(
        _ text: String, key: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let config = try parse(text)
            Issue.record("accepted: \(config)", sourceLocation: sourceLocation)
        } catch let error as PipelineError {
            guard case .badConfig(let path, let gotLine, let gotKey, _) = error else {
                Issue.record("not badConfig: \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(path == "run.conf", sourceLocation: sourceLocation)
            #expect(gotKey == key, sourceLocation: sourceLocation)
            #expect(gotLine == line, sourceLocation: sourceLocation)
            #expect(error.exitStatus == .usage, sourceLocation: sourceLocation)
            #expect(error.exitStatus.rawValue == 64, sourceLocation: sourceLocation)
            // The printed message names the key and the line too (SPEC 6.1).
            #expect(error.description.contains(key), sourceLocation: sourceLocation)
            #expect(error.description.contains(":\(line)"), sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a PipelineError: \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: defaults (SPEC 1.1)

    /// An empty run.conf gives every default of SPEC 1.1, written out here from the SPEC.
    @Test func defaultsWhenEmpty() throws {
        let c = try parse("")
        #expect(c.baseYear == 2000)
        #expect(
            c.measures == [
                MeasureWindow(measure: .sales, first: 2000, last: 2004),
                MeasureWindow(measure: .netIncome, first: 2000, last: 2004),
                MeasureWindow(measure: .employees, first: 2000, last: 2003),
            ])
        #expect(c.excludeCategories == ["electrical"])
        #expect(c.benchmarkMaxCapital == 100_000)
        #expect(c.weights == .value)
        #expect(c.confidence == 0.95)
        #expect(c.intervalMethod == .wilson)
        #expect(c.bootstrap == 1000)
        #expect(c.seed == 20_051_231)
        #expect(c.maxRejectRate == 0.05)
        #expect(c.encoding == .auto)
    }

    /// Only comments and blank lines: still the defaults (SPEC 6.1 "`#` lines and blank lines
    /// skipped").
    @Test func commentsOnlyGiveDefaults() throws {
        let c = try parse("# run settings\n\n   \n# BASE_YEAR=2001\n")
        #expect(c.baseYear == 2000)
        #expect(c.bootstrap == 1000)
    }

    // MARK: every key

    /// Each key of SPEC 1.1 with a non-default value.
    @Test func everyKey() throws {
        let c = try parse(
            """
            BASE_YEAR=2001
            MEASURES=sales:2000-2005,employees:2001-2003
            EXCLUDE_CATEGORIES=electrical,transport
            BENCHMARK_MAX_CAPITAL=50000
            WEIGHTS=count
            CONFIDENCE=0.9
            CI_METHOD=clopper-pearson
            BOOTSTRAP=200
            SEED=42
            MAX_REJECT_RATE=0.1
            ENCODING=cp932
            """)
        #expect(c.baseYear == 2001)
        #expect(
            c.measures == [
                MeasureWindow(measure: .sales, first: 2000, last: 2005),
                MeasureWindow(measure: .employees, first: 2001, last: 2003),
            ])
        #expect(c.excludeCategories == ["electrical", "transport"])
        #expect(c.benchmarkMaxCapital == 50_000)
        #expect(c.weights == .count)
        #expect(c.confidence == 0.9)
        #expect(c.intervalMethod == .clopperPearson)
        #expect(c.bootstrap == 200)
        #expect(c.seed == 42)
        #expect(c.maxRejectRate == 0.1)
        #expect(c.encoding == .fixed(.cp932))
    }

    /// SPEC 1.1: `WEIGHTS` is `value` or `count`; `CI_METHOD` `wilson` or `clopper-pearson`;
    /// `ENCODING` `auto`, `utf-8` or `cp932`.
    @Test func everyEnumeratedValue() throws {
        #expect(try parse("WEIGHTS=value").weights == .value)
        #expect(try parse("WEIGHTS=count").weights == .count)
        #expect(try parse("CI_METHOD=wilson").intervalMethod == .wilson)
        #expect(try parse("CI_METHOD=clopper-pearson").intervalMethod == .clopperPearson)
        #expect(try parse("ENCODING=auto").encoding == .auto)
        #expect(try parse("ENCODING=utf-8").encoding == .fixed(.utf8))
        #expect(try parse("ENCODING=cp932").encoding == .fixed(.cp932))
    }

    /// The contract 1.1: STRICT_REPRODUCTION is yes or no, no by default; anything else is a
    /// usage error naming the key and line.
    /// SPEC 9's keys: CALIBRATE [empty] a list of project and region, each once; MIN_BASE [0]
    /// a count; RELIABLE_N [30] a non-negative number. Anything else is exit 64 on its line.
    @Test func surveyStatisticsKeys() throws {
        let defaults = try parse("")
        #expect(defaults.calibrate.isEmpty && defaults.minBase == 0 && defaults.reliableN == 30)
        let set = try parse("CALIBRATE = region, project\nMIN_BASE=20\nRELIABLE_N = 12.5\n")
        #expect(set.calibrate == [.region, .project])
        #expect(set.minBase == 20 && set.reliableN == 12.5)
        #expect(set.value(of: .calibrate) == "region,project")
        #expect(try parse("CALIBRATE=\n").calibrate.isEmpty)
        expectBad("CALIBRATE=industry\n", key: "CALIBRATE", line: 1)
        expectBad("CALIBRATE=project,project\n", key: "CALIBRATE", line: 1)
        expectBad("# x\nMIN_BASE=-1\n", key: "MIN_BASE", line: 2)
        expectBad("MIN_BASE=2.5\n", key: "MIN_BASE", line: 1)
        expectBad("RELIABLE_N=-3\n", key: "RELIABLE_N", line: 1)
        expectBad("RELIABLE_N=many\n", key: "RELIABLE_N", line: 1)
    }

    @Test func strictReproduction() throws {
        #expect(try parse("").strictReproduction == false)
        #expect(try parse("STRICT_REPRODUCTION=yes").strictReproduction == true)
        #expect(try parse("STRICT_REPRODUCTION = no").strictReproduction == false)
        #expect(try parse("STRICT_REPRODUCTION=YES").strictReproduction == true)
        #expect(try parse("").value(of: .strictReproduction) == "no")
        expectBad("# strict\nSTRICT_REPRODUCTION=1", key: "STRICT_REPRODUCTION", line: 2)
        expectBad("STRICT_REPRODUCTION=", key: "STRICT_REPRODUCTION", line: 1)
    }

    /// The contract 1.1: CSV_ENCODING is utf-8 (default), utf-8-bom or cp932.
    @Test func csvEncoding() throws {
        #expect(try parse("").csvEncoding == .utf8)
        #expect(try parse("CSV_ENCODING=utf-8-bom").csvEncoding == .utf8BOM)
        #expect(try parse("CSV_ENCODING=CP932").csvEncoding == .cp932)
        expectBad("CSV_ENCODING=shift_jis", key: "CSV_ENCODING", line: 1)
    }

    /// The contract 1.1: LANGUAGE is en (default) or ja.
    @Test func language() throws {
        #expect(try parse("").language == .en)
        #expect(try parse("LANGUAGE=ja").language == .ja)
        expectBad("LANGUAGE=jp", key: "LANGUAGE", line: 1)
    }

    /// SPEC 1.1: EXCLUDE_CATEGORIES is "a comma list, may be empty".
    @Test func emptyExcludeList() throws {
        #expect(try parse("EXCLUDE_CATEGORIES=").excludeCategories == [])
        #expect(try parse("EXCLUDE_CATEGORIES=a, b").excludeCategories == ["a", "b"])
    }

    /// A single measure whose window holds the default base year 2000 is enough.
    @Test func singleMeasure() throws {
        #expect(try parse("MEASURES=net_income:1998-2002").measures == [
            MeasureWindow(measure: .netIncome, first: 1998, last: 2002)
        ])
    }

    // MARK: syntax (SPEC 6.1)

    /// "spaces around key and value are ignored".
    @Test func spacesAroundKeyAndValue() throws {
        let c = try parse("  BASE_YEAR  =  2001  \n\tBOOTSTRAP\t=\t500\t\nWEIGHTS = count")
        #expect(c.baseYear == 2001)
        #expect(c.bootstrap == 500)
        #expect(c.weights == .count)
    }

    /// "`#` lines and blank lines skipped".
    @Test func commentsAndBlankLines() throws {
        let c = try parse("# settings for FY2005\n\nBOOTSTRAP=500\n\n   # indented comment\nSEED=7\n\n")
        #expect(c.bootstrap == 500)
        #expect(c.seed == 7)
    }

    /// "LF or CRLF".
    @Test func crlf() throws {
        let c = try parse("# comment\r\nBOOTSTRAP=500\r\n\r\nCI_METHOD=clopper-pearson\r\n")
        #expect(c.bootstrap == 500)
        #expect(c.intervalMethod == .clopperPearson)
    }

    /// "LF or CRLF", without a leading comment: every line is read as its own `KEY=VALUE`.
    @Test func crlfWithoutComments() throws {
        let c = try parse("BOOTSTRAP=500\r\nSEED=7\r\nWEIGHTS=count\r\n")
        #expect(c.bootstrap == 500)
        #expect(c.seed == 7)
        #expect(c.weights == .count)
    }

    /// "a BOM is ignored": the first key is still recognised.
    @Test func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BOOTSTRAP=500\nSEED=9\n".utf8)
        let c = try RunConfig.parse(bytes, path: "run.conf")
        #expect(c.bootstrap == 500)
        #expect(c.seed == 9)
    }

    // MARK: errors (SPEC 1.1 "an error naming the key and line"; SPEC 6.1 exit 64)

    /// An unknown key on line 3 (after a comment and a good line).
    @Test func unknownKey() {
        expectBad("# c\nBOOTSTRAP=10\nCOLOUR=blue\n", key: "COLOUR", line: 3)
    }

    /// Line numbers count CRLF lines and comment/blank lines; a BOM is not part of the key.
    @Test func unknownKeyLineWithCRLFAndBOM() {
        expectBad("# c\r\n\r\nFOO=1\r\n", key: "FOO", line: 3)
        expectBad("\u{FEFF}FOO=1\n", key: "FOO", line: 1)
    }

    /// CONFIDENCE is a probability strictly between 0 and 1 (0.95 default); 1.5 is not one.
    @Test func badConfidence() {
        expectBad("CONFIDENCE=1.5", key: "CONFIDENCE", line: 1)
        expectBad("CONFIDENCE=high", key: "CONFIDENCE", line: 1)
        expectBad("CONFIDENCE=0", key: "CONFIDENCE", line: 1)
        expectBad("CONFIDENCE=1", key: "CONFIDENCE", line: 1)
        // 1 − (1 − 0.9999999999999999) / 2 rounds to 1.0 in binary64: refused, not a GSL error.
        expectBad("CONFIDENCE=0.9999999999999999", key: "CONFIDENCE", line: 1)
        expectBad("CONFIDENCE=0.0000000001", key: "CONFIDENCE", line: 1)
    }

    /// The ends of the accepted CONFIDENCE range are accepted.
    @Test func confidenceRangeEnds() throws {
        #expect(try parse("CONFIDENCE=0.999999").confidence == 0.999999)
        #expect(try parse("CONFIDENCE=0.000001").confidence == 0.000001)
    }

    /// SEED seeds GSL's mt19937, which reads 32 bits and takes 0 as 4357: 1 ... 2^32 − 1 only.
    @Test func seedRange() throws {
        #expect(try parse("SEED=1").seed == 1)
        #expect(try parse("SEED=4294967295").seed == 4_294_967_295)
        expectBad("SEED=0", key: "SEED", line: 1)
        expectBad("SEED=4294967296", key: "SEED", line: 1)
        expectBad("SEED=9223372036854775808", key: "SEED", line: 1)
        expectBad("SEED=99999999999999999999999999999999999999", key: "SEED", line: 1)
    }

    /// BOOTSTRAP is a number of replicates: 0 replicates give no interval.
    @Test func badBootstrap() {
        expectBad("\nBOOTSTRAP=0", key: "BOOTSTRAP", line: 2)
        expectBad("BOOTSTRAP=-5", key: "BOOTSTRAP", line: 1)
        expectBad("BOOTSTRAP=many", key: "BOOTSTRAP", line: 1)
        expectBad("BOOTSTRAP=10000000", key: "BOOTSTRAP", line: 1)
        expectBad("BOOTSTRAP=100001", key: "BOOTSTRAP", line: 1)
    }

    /// The largest number of replicates accepted.
    @Test func bootstrapLimit() throws {
        #expect(try parse("BOOTSTRAP=100000").bootstrap == 100_000)
    }

    /// SPEC 1.1: WEIGHTS is `value` or `count`.
    @Test func badWeights() {
        expectBad("WEIGHTS=median", key: "WEIGHTS", line: 1)
    }

    /// SPEC 1.1: CI_METHOD is `wilson` or `clopper-pearson`.
    @Test func badIntervalMethod() {
        expectBad("CI_METHOD=exact", key: "CI_METHOD", line: 1)
    }

    /// SPEC 1.1: ENCODING is `auto`, `utf-8` or `cp932`.
    @Test func badEncoding() {
        expectBad("ENCODING=latin1", key: "ENCODING", line: 1)
    }

    /// SPEC 6.1: "a measure other than `sales`, `net_income`, `employees`" is an error.
    @Test func unknownMeasure() {
        expectBad("MEASURES=sales:2000-2004,profit:2000-2004", key: "MEASURES", line: 1)
        expectBad("MEASURES=netincome:2000-2004", key: "MEASURES", line: 1)
    }

    /// A window whose first year is after its last does not parse as a window.
    @Test func backwardWindow() {
        expectBad("MEASURES=sales:2004-2000", key: "MEASURES", line: 1)
        expectBad("MEASURES=sales:2000", key: "MEASURES", line: 1)
        expectBad("MEASURES=sales", key: "MEASURES", line: 1)
    }

    /// Other values that do not parse (SPEC 1.1).
    @Test func otherBadValues() {
        expectBad("BASE_YEAR=two thousand", key: "BASE_YEAR", line: 1)
        expectBad("SEED=-1", key: "SEED", line: 1)
        expectBad("MAX_REJECT_RATE=lots", key: "MAX_REJECT_RATE", line: 1)
        expectBad("BENCHMARK_MAX_CAPITAL=big", key: "BENCHMARK_MAX_CAPITAL", line: 1)
    }

    /// SPEC 6.1: "a BASE_YEAR outside a measure's window" is an error naming the key and line.
    /// BASE_YEAR=2005 is outside the default windows (sales 2000–2004 …); it is named on its line.
    @Test func baseYearOutsideWindow() {
        expectBad("# x\nBASE_YEAR=2005\n", key: "BASE_YEAR", line: 2)
        // employees' default window ends in 2003, so 2004 fails for employees alone.
        expectBad("BASE_YEAR=2004", key: "BASE_YEAR", line: 1)
    }

    /// The same fault caused by MEASURES alone (BASE_YEAR left at its default 2000): the only
    /// line to name is the MEASURES line.
    @Test func windowWithoutDefaultBaseYear() {
        expectBad("SEED=1\nMEASURES=sales:2001-2004\n", key: "MEASURES", line: 2)
    }

    /// A key set twice is ambiguous (which value holds?); the second line is the error.
    /// (SPEC 6.1 does not list this case; see the report.)
    @Test func keySetTwice() {
        expectBad("BOOTSTRAP=10\nSEED=1\nBOOTSTRAP=20\n", key: "BOOTSTRAP", line: 3)
    }

    /// A line that is not `KEY=VALUE` (SPEC 1.1 "`KEY=VALUE` lines") is an error on that line.
    @Test func lineWithoutEquals() throws {
        do {
            _ = try parse("SEED=1\nBOOTSTRAP 10\n")
            Issue.record("accepted a line without '='")
        } catch let error as PipelineError {
            guard case .badConfig(_, let line, _, _) = error else {
                Issue.record("not badConfig: \(error)")
                return
            }
            #expect(line == 2)
            #expect(error.exitStatus == .usage)
        }
    }

    /// SPEC 7.9: a list repeated a million times is one entry per category, in the order given,
    /// and parsing it stays linear.
    @Test func longExcludeListIsDeduplicated() throws {
        let value = Array(repeating: "electrical,food", count: 1_000_000).joined(separator: ",")
        let c = try parse("EXCLUDE_CATEGORIES=" + value)
        #expect(c.excludeCategories == ["electrical", "food"])
    }

    /// An empty value: exit 64 naming the key, except where empty means something (an
    /// EXCLUDE_CATEGORIES list with nothing in it excludes nothing, SPEC 1.1 "may be empty").
    @Test func emptyValues() throws {
        for key in ["BASE_YEAR", "MEASURES", "BENCHMARK_MAX_CAPITAL", "WEIGHTS", "CONFIDENCE", "CI_METHOD", "BOOTSTRAP",
            "SEED", "MAX_REJECT_RATE", "ENCODING"]
        {
            expectBad("\(key)=", key: key, line: 1)
            expectBad("# x\n\(key) =   \n", key: key, line: 2)
        }
        #expect(try parse("EXCLUDE_CATEGORIES=").excludeCategories == [])
    }
}
