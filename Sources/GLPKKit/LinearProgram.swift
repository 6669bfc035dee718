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
/// GLPK keeps per-thread state; each call makes its own problem object. Coefficients are limited
/// to 1e-30 ... 1e30 in magnitude (zeros left out), within which GLPK's scaling stays finite.
public enum GLPK {
    /// For each of `columns`, its minimum and maximum over the program (two simplex solves each,
    /// on one problem object). Throws `.library` for an ill-formed program (an index out of range,
    /// a bound or coefficient that is not finite, lower above upper), a program without any
    /// feasible point, or a solver failure.
    public static func ranges(_ program: LinearProgram, of columns: [Int]) throws -> [ColumnRange] {
        try check(program)
        for c in columns where !(0..<program.columns.count).contains(c) {
            throw PipelineError.library(name: "GLPK", message: "objective column \(c) outside 0..<\(program.columns.count)")
        }
        // GLPK's environment is per thread: terminal output off on this one.
        _ = glp_term_out(GLP_OFF)
        guard let lp = glp_create_prob() else {
            throw PipelineError.library(name: "GLPK", message: "glp_create_prob returned no problem")
        }
        defer { glp_delete_prob(lp) }
        load(program, into: lp)
        // GLPK's automatic scaling (geometric mean, then equilibration): the variables are in
        // the tables' units (10^0 to 10^12), the rows in their own.
        glp_scale_prob(lp, GLP_SF_AUTO)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_OFF
        parameters.meth = GLP_PRIMAL
        var result: [ColumnRange] = []
        result.reserveCapacity(columns.count)
        // One objective column at a time; each solve starts from the previous basis (warm start).
        var previous: Int?
        for c in columns {
            var ends: [Double?] = []
            if let previous { glp_set_obj_coef(lp, Int32(previous + 1), 0) }
            glp_set_obj_coef(lp, Int32(c + 1), 1)
            previous = c
            for direction in [GLP_MIN, GLP_MAX] {
                glp_set_obj_dir(lp, direction)
                // From the previous basis first (warm start); a basis worn by many solves can end
                // in a false verdict of infeasibility, so that verdict is checked once from a
                // fresh basis.
                var status = try solve(lp, &parameters)
                if status != GLP_OPT && status != GLP_UNBND {
                    glp_adv_basis(lp, 0)
                    status = try solve(lp, &parameters)
                }
                switch status {
                case GLP_OPT: ends.append(glp_get_obj_val(lp))
                case GLP_UNBND: ends.append(nil)
                case GLP_NOFEAS:
                    throw PipelineError.library(name: "GLPK", message: "the program has no feasible point")
                default:
                    throw PipelineError.library(name: "GLPK", message: "glp_simplex ended with status \(status)")
                }
            }
            result.append(ColumnRange(lower: ends[0], upper: ends[1]))
        }
        return result
    }

    /// One simplex solve: GLPK's status (GLP_OPT, GLP_UNBND, GLP_NOFEAS, …); a solver failure
    /// (singular basis, iteration limit) is an error.
    private static func solve(_ lp: OpaquePointer, _ parameters: inout glp_smcp) throws -> Int32 {
        let code = glp_simplex(lp, &parameters)
        guard code == 0 else {
            throw PipelineError.library(name: "GLPK", message: "glp_simplex failed with code \(code)")
        }
        return glp_get_status(lp)
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
                guard t.coefficient.isFinite, t.coefficient == 0 || (1e-30...1e30).contains(t.coefficient.magnitude) else {
                    throw bad("row \(r): coefficient \(t.coefficient) not finite or outside 1e-30 ... 1e30")
                }
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
            // GLPK's arrays are 1-based: element 0 is not read. Zero coefficients are not stored.
            let terms = row.terms.filter { $0.coefficient != 0 }
            var indices: [Int32] = [0] + terms.map { Int32($0.column + 1) }
            var values: [Double] = [0] + terms.map(\.coefficient)
            glp_set_mat_row(lp, Int32(r + 1), Int32(terms.count), &indices, &values)
        }
    }
}
