import Testing

@testable import Values
@testable import Statistics

/// SPEC 9: raking (iterative proportional fitting) of the survey weights to the frame's counts,
/// against tables solved by hand.
@Suite struct RakingTests {
    typealias M = Raking.Margin

    /// 2x2, one unit per cell, weights 1, rows to [3, 7], columns to [4, 6]. Uniform start means
    /// independence: the fixed point is w_ij = R_i C_j / N (N = 10), i.e. [[1.2, 1.8], [2.8, 4.2]],
    /// and one round reaches it: rows give [1.5, 1.5, 3.5, 3.5]; the columns then sum to 5 and
    /// 5, factors 4/5 and 6/5 give 1.2, 1.8, 2.8, 4.2, whose rows are 3 and 7 again.
    @Test func twoByTwoIndependence() throws {
        // units: (r0,c0) (r0,c1) (r1,c0) (r1,c1)
        let rows = M(categories: [0, 0, 1, 1], targets: [3, 7])
        let columns = M(categories: [0, 1, 0, 1], targets: [4, 6])
        let result = try Raking.rake([1, 1, 1, 1], margins: [rows, columns])
        #expect(result.rounds == 1)
        for (w, hand) in zip(result.weights, [1.2, 1.8, 2.8, 4.2]) { #expect(abs(w - hand) < 1e-12) }
    }

    /// 2x2 with weights [1, 2, 3, 4] and every margin 5. Raking keeps the cross-product ratio
    /// w00 w11 / (w01 w10) = 4 / 6 = 2/3; with all margins 5 the fixed point is symmetric,
    /// w00 = w11 = x, w01 = w10 = 5 - x, so x² / (5 - x)² = 2/3, x = 5s / (1 + s), s = √(2/3)
    /// (x = 2.2474487…). It takes several rounds.
    @Test func twoByTwoCrossProductRatioKept() throws {
        let rows = M(categories: [0, 0, 1, 1], targets: [5, 5])
        let columns = M(categories: [0, 1, 0, 1], targets: [5, 5])
        let result = try Raking.rake([1, 2, 3, 4], margins: [rows, columns])
        let s = (2.0 / 3.0).squareRoot()
        let x = 5 * s / (1 + s)
        #expect(result.rounds > 1)
        for (w, hand) in zip(result.weights, [x, 5 - x, 5 - x, x]) { #expect(abs(w - hand) < 1e-8) }
        // Every margin within 1e-9 relative (SPEC 9).
        for margin in [rows, columns] {
            for (sum, target) in zip(Raking.categorySums(result.weights, margin), margin.targets) {
                #expect(abs(sum - target) <= 1e-9 * target)
            }
        }
    }

    /// 2x3, one unit per cell, weights 1, rows to [40, 60], columns to [20, 30, 50]:
    /// w_ij = R_i C_j / 100 = [[8, 12, 20], [12, 18, 30]] in one round.
    @Test func twoByThreeIndependence() throws {
        let rows = M(categories: [0, 0, 0, 1, 1, 1], targets: [40, 60])
        let columns = M(categories: [0, 1, 2, 0, 1, 2], targets: [20, 30, 50])
        let result = try Raking.rake([1, 1, 1, 1, 1, 1], margins: [rows, columns])
        #expect(result.rounds == 1)
        for (w, hand) in zip(result.weights, [8.0, 12, 20, 12, 18, 30]) { #expect(abs(w - hand) < 1e-12) }
    }

    /// 2x3 with two empty cells, (r0,c2) and (r1,c0): units (r0,c0) (r0,c1) (r1,c1) (r1,c2).
    /// Rows [5, 5], columns [2, 5, 3] fix the answer whatever the start: column 0 has one unit,
    /// w00 = 2; row 0 gives w01 = 5 - 2 = 3; column 2 has one unit, w12 = 3; row 1 gives
    /// w11 = 5 - 3 = 2 (and column 1: 3 + 2 = 5). Reached over many rounds from [1, 1, 1, 1].
    @Test func twoByThreeWithEmptyCells() throws {
        let rows = M(categories: [0, 0, 1, 1], targets: [5, 5])
        let columns = M(categories: [0, 1, 1, 2], targets: [2, 5, 3])
        let result = try Raking.rake([1, 1, 1, 1], margins: [rows, columns])
        #expect(result.rounds > 1)
        for (w, hand) in zip(result.weights, [2.0, 3, 2, 3]) { #expect(abs(w - hand) < 1e-8) }
    }

    /// One margin: the cell factor target / sum, exact in one round; a common factor of the
    /// starting weights (even near 1e300) changes nothing.
    @Test func oneMarginAndScale() throws {
        let projects = M(categories: [0, 0, 1], targets: [10, 6])
        let result = try Raking.rake([1, 3, 2], margins: [projects])
        #expect(result.rounds == 1)
        #expect(result.weights == [2.5, 7.5, 6])  // 10 · 1/4, 10 · 3/4, 6 · 2/2
        let huge = try Raking.rake([1e300, 3e300, 2e300], margins: [projects])
        for (a, b) in zip(huge.weights, result.weights) { #expect(abs(a - b) < 1e-12) }
        let t = Double(sign: .plus, exponent: -1030, significand: 1)  // subnormal, exact multiples
        let tiny = try Raking.rake([t, 3 * t, 2 * t], margins: [projects])
        for (a, b) in zip(tiny.weights, result.weights) { #expect(abs(a - b) < 1e-9) }
    }

    /// A category with a target but no unit cannot be reached: named by margin and category.
    @Test func emptyCategoryFails() {
        let projects = M(categories: [0, 0], targets: [4, 3])
        #expect(throws: Raking.Failure.emptyCategory(margin: 0, category: 1)) {
            try Raking.rake([1, 1], margins: [projects])
        }
    }

    /// Weights 1e300 and 1e-300 span 600 orders of magnitude: scaled so that the largest lies
    /// in [1, 2), 1e-300 would be about 1e-600, below the smallest subnormal (4.9e-324), so 0.
    /// The unit (index 1, category 1 of margin 0) is named instead of counting for nothing.
    @Test func weightUnderflowIsNamed() {
        let projects = M(categories: [0, 1], targets: [1, 1])
        #expect(throws: Raking.Failure.underflow(margin: 0, category: 1, unit: 1)) {
            try Raking.rake([1e300, 1e-300], margins: [projects])
        }
        // 1e-300 next to 1e-10: a factor of 1e-290 after scaling, no underflow.
        let spread = try? Raking.rake([1e-10, 1e-300], margins: [projects])
        #expect(spread?.weights.allSatisfy { abs($0 - 1) < 1e-12 } == true)
    }

    /// Margins that contradict each other (rows total 10, columns total 12) never converge:
    /// after the last round the worst category is named.
    @Test func contradictoryMarginsDoNotConverge() {
        let rows = M(categories: [0, 1], targets: [5, 5])
        let columns = M(categories: [0, 1], targets: [6, 6])
        do {
            _ = try Raking.rake([1, 1], margins: [rows, columns], maxRounds: 50)
            Issue.record("expected no convergence")
        } catch {
            guard case .noConvergence(let rounds, let margin, _, let achieved, let target) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(rounds == 50)
            #expect(margin == 0)  // the columns were adjusted last: the rows are off (6 against 5)
            #expect(achieved == 6 && target == 5)
        }
    }

    /// Weights [1, 1, 2, 4]: sum 8, mean 2, deviations -1 -1 0 2, variance 6/4 = 1.5,
    /// CV = √1.5 / 2 = 0.6123724…, deff = 1 + CV² = 1.375 = n Σw² / (Σw)² = 4 · 22 / 64.
    @Test func weightSummary() {
        let w = WeightSummary([1, 1, 2, 4])
        #expect(w.sum == 8 && w.min == 1 && w.max == 4 && w.ratio == 4)
        #expect(abs(w.cv - 1.5.squareRoot() / 2) < 1e-15)
        #expect(abs(w.designEffect - 1.375) < 1e-15)
    }
}
