import Foundation
import Testing

@testable import Values
import Synthesis
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// Shared inputs of the panel, correction and index tests (SPEC 3.2-3.3).
enum PanelFixtures {
    /// A valid corporate number whose 12-digit base is `base` (SPEC 1.1: the check digit leads).
    static func id(_ base: UInt64) -> CorporateNumber {
        let value = CorporateNumber.checkDigit(base: base) * 1_000_000_000_000 + base
        guard let number = CorporateNumber(validating: value) else { fatalError("bad corporate number \(value)") }
        return number
    }

    /// Industry codes: index 0 food, 1 metal, 2 electrical (excluded by default), 3 wholesale,
    /// 4 a sector without SME criteria.
    static let food: Int32 = 0
    static let metal: Int32 = 1
    static let electrical: Int32 = 2
    static let wholesale: Int32 = 3
    static let noCriteria: Int32 = 4

    static let industries = IndustryTable([
        Industry(code: "F09", label: "food", category: "food", sector: "manufacturing"),
        Industry(code: "F22", label: "metal", category: "metal", sector: "manufacturing"),
        Industry(code: "E30", label: "electrical", category: "electrical", sector: "manufacturing"),
        Industry(code: "W50", label: "wholesale", category: "wholesale", sector: "wholesale"),
        Industry(code: "Z99", label: "unknown", category: "other", sector: "nosuchsector"),
    ])

    /// SME Basic Act: manufacturing 300,000 / 300; wholesale 100,000 / 100 (SPEC 1.1).
    static let criteria = [
        SMECriterion(sector: "manufacturing", maxCapital: 300_000, maxEmployees: 300),
        SMECriterion(sector: "wholesale", maxCapital: 100_000, maxEmployees: 100),
    ]

    /// A statement of fiscal year `fy` (period ending March fy+1 unless `periodEnd` says otherwise).
    static func statement(
        _ e: CorporateNumber, fy: Int, months: Int = 12, industry: Int32 = food, capital: Int64? = 10_000,
        employees: Int64? = 50, sales: Int64?, netIncome: Int64? = 1, periodEnd: YearMonth? = nil
    ) -> Statement {
        Statement(
            enterprise: e, periodEnd: periodEnd ?? YearMonth(year: fy + 1, month: 3), periodMonths: months,
            industry: industry, capital: capital, employees: employees, sales: sales, netIncome: netIncome)
    }

    /// A run configuration with the given window(s) and base year.
    static func config(
        base: Int = 2000, measures: [MeasureWindow] = [MeasureWindow(measure: .sales, first: 2000, last: 2002)],
        weights: CorrectionWeights = .value, exclude: [String] = ["electrical"], bootstrap: Int = 1000,
        seed: UInt64 = 20_051_231
    ) -> RunConfig {
        var c = RunConfig()
        c.baseYear = base
        c.measures = measures
        c.weights = weights
        c.excludeCategories = exclude
        c.bootstrap = bootstrap
        c.seed = seed
        return c
    }

    static func builder(_ config: RunConfig) -> PanelBuilder {
        PanelBuilder(config: config, industries: industries, criteria: criteria)
    }

    // MARK: the hand-computed case (4 enterprises, FY2000-2002, categories food and metal)

    /// Sales (thousand yen) of the four enterprises, FY2000, 2001, 2002:
    ///
    ///     A food   100  150  200
    ///     B food   300  350  300      C_food  = 400  500  500
    ///     C metal  200  300  300
    ///     D metal  400  450  500      C_metal = 600  750  800
    ///                                 C(t)    = 1000 1250 1300
    ///
    /// All are manufacturing SMEs (capital 10,000 <= 300,000). Benchmark (SME classes = capital_max
    /// <= 100,000: `small` 10,000 and `medium` 100,000; `large` 1,000,000 and the open class are
    /// left out; `electrical` is excluded):
    ///
    ///     B_food    = 400+600=1000   500+750=1250    600+900=1500
    ///     B_metal   = 1200+800=2000  900+600=1500    1500+1000=2500
    ///     B_textile = 1000           1250            1000          (no participants)
    ///     sum       = 4000           4000            5000
    ///     corporations (SME cells) = 30+20+40+10+25=125, 126 (food small 31), 127 (textile 27)
    static let a = id(100_000_000_001)
    static let b = id(100_000_000_002)
    static let c = id(100_000_000_003)
    static let d = id(100_000_000_004)
    static let handParticipants = [a, b, c, d]

    static let handSales: [(CorporateNumber, Int32, [Int64])] = [
        (a, food, [100, 150, 200]),
        (b, food, [300, 350, 300]),
        (c, metal, [200, 300, 300]),
        (d, metal, [400, 450, 500]),
    ]

    static var handStatements: [Statement] {
        handSales.flatMap { e, industry, sales in
            sales.enumerated().map { k, v in statement(e, fy: 2000 + k, industry: industry, sales: v) }
        }
    }

    static func cell(
        _ fy: Int, _ category: String, _ size: String, max: Int64?, corporations: Int64?, sales: Int64?,
        netIncome: Int64? = 10, employees: Int64? = 100
    ) -> BenchmarkCell {
        BenchmarkCell(
            fiscalYear: fy, category: category, sizeClass: size, capitalMin: 0, capitalMax: max,
            corporations: corporations, sales: sales, netIncome: netIncome, employees: employees)
    }

    static var handBenchmark: [BenchmarkCell] {
        var cells: [BenchmarkCell] = []
        let foodSmall: [Int64] = [400, 500, 600], foodMedium: [Int64] = [600, 750, 900]
        let metalSmall: [Int64] = [1200, 900, 1500], metalMedium: [Int64] = [800, 600, 1000]
        let textile: [Int64] = [1000, 1250, 1000]
        for k in 0..<3 {
            let y = 2000 + k
            cells.append(cell(y, "food", "small", max: 10_000, corporations: k == 1 ? 31 : 30, sales: foodSmall[k]))
            cells.append(cell(y, "food", "medium", max: 100_000, corporations: 20, sales: foodMedium[k]))
            cells.append(cell(y, "food", "large", max: 1_000_000, corporations: 5, sales: 99_999))
            cells.append(cell(y, "food", "open", max: nil, corporations: 2, sales: 88_888))
            cells.append(cell(y, "metal", "small", max: 10_000, corporations: 40, sales: metalSmall[k]))
            cells.append(cell(y, "metal", "medium", max: 100_000, corporations: 10, sales: metalMedium[k]))
            cells.append(cell(y, "metal", "large", max: 1_000_000, corporations: 5, sales: 77_777))
            cells.append(cell(y, "textile", "small", max: 10_000, corporations: k == 2 ? 27 : 25, sales: textile[k]))
            cells.append(cell(y, "electrical", "small", max: 10_000, corporations: 100, sales: 5000 + 1000 * Int64(k)))
        }
        return cells
    }

    /// `n` panel members over `window` drawn the same way for every n: base value uniform in
    /// 1000...2000, each later year the previous times a factor uniform in 0.8...1.3;
    /// categories alternate food / metal.
    static func randomPanel(_ n: Int, window: MeasureWindow, seed: UInt64) -> Panel {
        var rng = SplitMix64(seed: seed)
        var members: [PanelMember] = []
        for i in 0..<n {
            var values: [Int64] = [Int64.random(in: 1000...2000, using: &rng)]
            for _ in 1..<window.years.count {
                values.append(Int64((Double(values.last!) * Double.random(in: 0.8...1.3, using: &rng)).rounded()))
            }
            members.append(
                PanelMember(enterprise: id(200_000_000_000 + UInt64(i)), category: i % 2 == 0 ? "food" : "metal", values: values))
        }
        return Panel(window: window, members: members, log: [.inPanel: n])
    }

    /// Checks that `body` throws `PipelineError.impossible` whose message names every one of
    /// `names`, and that its exit status is 65 (SPEC 2, 3.3).
    static func expectImpossible(
        naming names: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("no error thrown", sourceLocation: sourceLocation)
        } catch let error as PipelineError {
            guard case .impossible(let message) = error else {
                Issue.record("not .impossible: \(error)", sourceLocation: sourceLocation)
                return
            }
            for name in names {
                #expect(message.contains(name), "message '\(message)' does not name '\(name)'", sourceLocation: sourceLocation)
                #expect(error.description.contains(name), sourceLocation: sourceLocation)
            }
            #expect(error.exitStatus == .dataError, sourceLocation: sourceLocation)
            #expect(error.exitStatus.rawValue == 65, sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a PipelineError: \(error)", sourceLocation: sourceLocation)
        }
    }
}
