import Testing

@testable import GLPKKit
@testable import Values

/// The GLPK wrapper on programs solved by hand.
@Suite struct GLPKTests {
    typealias LP = LinearProgram

    static func row(_ terms: [(Int, Double)], _ lower: Double?, _ upper: Double?) -> LP.Row {
        LP.Row(terms: terms.map { LP.Term(column: $0.0, coefficient: $0.1) }, lower: lower, upper: upper)
    }

    /// x + y = 10, x, y >= 0: each lies in [0, 10].
    @Test func sumOfTwo() throws {
        let lp = LP(columns: [.init(lower: 0, upper: nil), .init(lower: 0, upper: nil)], rows: [Self.row([(0, 1), (1, 1)], 10, 10)])
        #expect(try GLPK.ranges(lp, of: [0, 1]) == [ColumnRange(lower: 0, upper: 10), ColumnRange(lower: 0, upper: 10)])
    }

    /// x + y = 10 and x − y = 2 pin x = 6 and y = 4.
    @Test func pinned() throws {
        let lp = LP(
            columns: [.init(lower: nil, upper: nil), .init(lower: nil, upper: nil)],
            rows: [Self.row([(0, 1), (1, 1)], 10, 10), Self.row([(0, 1), (1, -1)], 2, 2)])
        let found = try GLPK.ranges(lp, of: [0, 1])
        #expect(found.map(\.lower) == [6, 4])
        #expect(found.map(\.upper) == [6, 4])
    }

    /// x − y = 1 with x, y free: unbounded both ways (nil ends); with y >= 0, x >= 1.
    @Test func unbounded() throws {
        var lp = LP(columns: [.init(lower: nil, upper: nil), .init(lower: nil, upper: nil)], rows: [Self.row([(0, 1), (1, -1)], 1, 1)])
        #expect(try GLPK.ranges(lp, of: [0]) == [ColumnRange(lower: nil, upper: nil)])
        lp.columns[1] = .init(lower: 0, upper: nil)
        #expect(try GLPK.ranges(lp, of: [0]) == [ColumnRange(lower: 1, upper: nil)])
    }

    /// x + y = 10 with x, y in [0, 3]: no feasible point, a library error (not an abort).
    @Test func infeasibleIsAnError() {
        let lp = LP(columns: [.init(lower: 0, upper: 3), .init(lower: 0, upper: 3)], rows: [Self.row([(0, 1), (1, 1)], 10, 10)])
        #expect(throws: PipelineError.self) { try GLPK.ranges(lp, of: [0]) }
    }

    /// What GLPK would abort the process on is an error before any call: a column out of range,
    /// a column twice in a row, an infinite coefficient, lower above upper.
    @Test func illFormedProgramsAreErrors() {
        let bad: [LP] = [
            LP(columns: [.init(lower: 0, upper: nil)], rows: [Self.row([(1, 1)], 0, 0)]),
            LP(columns: [.init(lower: 0, upper: nil)], rows: [Self.row([(0, 1), (0, 1)], 0, 0)]),
            LP(columns: [.init(lower: 0, upper: nil)], rows: [Self.row([(0, .infinity)], 0, 0)]),
            LP(columns: [.init(lower: 2, upper: 1)], rows: []),
            LP(columns: [.init(lower: 0, upper: nil)], rows: [Self.row([(0, 1)], 1, 0)]),
        ]
        for lp in bad { #expect(throws: PipelineError.self) { try GLPK.ranges(lp, of: [0]) } }
        let ok = LP(columns: [.init(lower: 0, upper: 1)], rows: [])
        #expect(throws: PipelineError.self) { try GLPK.ranges(ok, of: [1]) }
    }
}
