import CGLPK
import Values

/// A linear program in the form GLPK takes: columns (the variables) with bounds, and rows, each a
/// linear combination of columns with bounds. A bound that is nil is no bound (−∞ or +∞).
public struct LinearProgram: Sendable, Equatable {
    /// One constraint: lower <= Σ coefficient × column <= upper.
    public struct Row: Sendable, Equatable {
        public var terms: [Term]
        public var lower: Double?
        public var upper: Double?

        public init(terms: [Term], lower: Double?, upper: Double?) {
            self.terms = terms
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Term: Sendable, Equatable {
        public var column: Int
        public var coefficient: Double

        public init(column: Int, coefficient: Double) {
            self.column = column
            self.coefficient = coefficient
        }
    }

    public struct Bounds: Sendable, Equatable {
        public var lower: Double?
        public var upper: Double?

        public init(lower: Double?, upper: Double?) {
            self.lower = lower
            self.upper = upper
        }
    }

    public var columns: [Bounds]
    public var rows: [Row]

    public init(columns: [Bounds], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }
}

/// The smallest and largest value a column can take under a program's constraints: each end a
/// number, or nil when the column is unbounded that way.
public struct ColumnRange: Sendable, Equatable {
    public let lower: Double?
    public let upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }
}

/// The only door to GLPK (the GNU Linear Programming Kit): a program is checked before any GLPK
/// call (GLPK aborts the process on a bad index or bound instead of returning an error), solved
/// with the simplex method, terminal output off, and the problem object freed on every path.
/// GLPK keeps per-thread state: call it from one thread at a time per program.
public enum GLPK {
    private static let quiet: Bool = {
        _ = glp_term_out(GLP_OFF)
        return true
    }()

    /// For each of `columns`, its minimum and maximum over the program (two simplex solves each,
    /// on one problem object). Throws `.library` for an ill-formed program (an index out of range,
    /// a bound or coefficient that is not finite, lower above upper), a program without any
    /// feasible point, or a solver failure.
    public static func ranges(_ program: LinearProgram, of columns: [Int]) throws -> [ColumnRange] {
        try check(program)
        for c in columns where !(0..<program.columns.count).contains(c) {
            throw PipelineError.library(name: "GLPK", message: "objective column \(c) outside 0..<\(program.columns.count)")
        }
        _ = quiet
        guard let lp = glp_create_prob() else {
            throw PipelineError.library(name: "GLPK", message: "glp_create_prob returned no problem")
        }
        defer { glp_delete_prob(lp) }
        load(program, into: lp)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.meth = GLP_PRIMAL
        var result: [ColumnRange] = []
        result.reserveCapacity(columns.count)
        for c in columns {
            var ends: [Double?] = []
            for direction in [GLP_MIN, GLP_MAX] {
                for k in 0..<program.columns.count { glp_set_obj_coef(lp, Int32(k + 1), k == c ? 1 : 0) }
                glp_set_obj_dir(lp, direction)
                let code = glp_simplex(lp, &parameters)
                guard code == 0 else {
                    throw PipelineError.library(name: "GLPK", message: "glp_simplex failed with code \(code)")
                }
                switch glp_get_status(lp) {
                case GLP_OPT: ends.append(glp_get_obj_val(lp))
                case GLP_UNBND: ends.append(nil)
                case GLP_NOFEAS:
                    throw PipelineError.library(name: "GLPK", message: "the program has no feasible point")
                case let status:
                    throw PipelineError.library(name: "GLPK", message: "glp_simplex ended with status \(status)")
                }
            }
            result.append(ColumnRange(lower: ends[0], upper: ends[1]))
        }
        return result
    }

    /// What GLPK would abort on, as an error instead.
    static func check(_ program: LinearProgram) throws {
        func bad(_ message: String) -> PipelineError { .library(name: "GLPK", message: message) }
        guard program.columns.count < Int(Int32.max), program.rows.count < Int(Int32.max) else {
            throw bad("too many columns or rows")
        }
        for (k, b) in program.columns.enumerated() {
            if let l = b.lower, !l.isFinite { throw bad("column \(k): lower bound \(l) not finite") }
            if let u = b.upper, !u.isFinite { throw bad("column \(k): upper bound \(u) not finite") }
            if let l = b.lower, let u = b.upper, l > u { throw bad("column \(k): lower bound above upper") }
        }
        for (r, row) in program.rows.enumerated() {
            if let l = row.lower, !l.isFinite { throw bad("row \(r): lower bound \(l) not finite") }
            if let u = row.upper, !u.isFinite { throw bad("row \(r): upper bound \(u) not finite") }
            if let l = row.lower, let u = row.upper, l > u { throw bad("row \(r): lower bound above upper") }
            var seen = Set<Int>()
            for t in row.terms {
                guard (0..<program.columns.count).contains(t.column) else {
                    throw bad("row \(r): column \(t.column) outside 0..<\(program.columns.count)")
                }
                guard t.coefficient.isFinite else { throw bad("row \(r): coefficient \(t.coefficient) not finite") }
                guard seen.insert(t.column).inserted else { throw bad("row \(r): column \(t.column) twice") }
            }
        }
    }

    private static func kind(_ lower: Double?, _ upper: Double?) -> Int32 {
        switch (lower, upper) {
        case (nil, nil): return GLP_FR
        case (.some, nil): return GLP_LO
        case (nil, .some): return GLP_UP
        case (.some(let l), .some(let u)): return l == u ? GLP_FX : GLP_DB
        }
    }

    private static func load(_ program: LinearProgram, into lp: OpaquePointer) {
        if !program.columns.isEmpty { glp_add_cols(lp, Int32(program.columns.count)) }
        for (k, b) in program.columns.enumerated() {
            glp_set_col_bnds(lp, Int32(k + 1), kind(b.lower, b.upper), b.lower ?? 0, b.upper ?? 0)
        }
        if !program.rows.isEmpty { glp_add_rows(lp, Int32(program.rows.count)) }
        for (r, row) in program.rows.enumerated() {
            glp_set_row_bnds(lp, Int32(r + 1), kind(row.lower, row.upper), row.lower ?? 0, row.upper ?? 0)
            // GLPK's arrays are 1-based: element 0 is not read.
            var indices: [Int32] = [0] + row.terms.map { Int32($0.column + 1) }
            var values: [Double] = [0] + row.terms.map(\.coefficient)
            glp_set_mat_row(lp, Int32(r + 1), Int32(row.terms.count), &indices, &values)
        }
    }
}
