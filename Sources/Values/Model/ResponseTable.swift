/// The winning questionnaires of a survey, stored column-wise so that a million respondents
/// fit in a few tens of megabytes: per respondent its number, instant, weight,
/// and one small cell per codebook column (multi: 0/1; single: 0 for no answer, else the
/// 1-based position of the answered item in the question's codebook order).
public struct ResponseTable: Sendable {
    public let codebook: Codebook
    public let hasWeight: Bool
    public let width: Int
    public private(set) var respondents: [UInt64] = []
    public private(set) var instants: [Int64] = []
    public private(set) var weights: [Double] = []
    private var cells: [UInt16] = []
    /// Per column: nil for a multi item, else the single question's item codes in order.
    private let codes: [[Int32]?]
    /// Per column: nil for a multi item, else the single question's compact coding.
    private let lookups: [CompactCodes?]

    public init(codebook: Codebook, hasWeight: Bool) {
        self.codebook = codebook
        self.hasWeight = hasWeight
        width = codebook.columns.count
        codes = codebook.columns.map { column in
            let question = codebook.question(ofColumn: column)
            guard let question, question.type == .single else { return nil }
            return question.items.map { Int32($0.item) }
        }
        lookups = codes.map { $0.map(CompactCodes.init) }
    }

    /// How a single question's code is kept: its 1-based position in the question's codebook
    /// order (0: no answer, or no code of the question), found by a table for codes below
    /// `tableLimit` and a dictionary above. The one coding of the table's cells: the ingest's
    /// rules write cells with it.
    package struct CompactCodes: Sendable {
        private let table: [UInt16]
        private let far: [Int64: UInt16]
        static let tableLimit = 4096

        package init(_ codes: [Int32]) {
            var table: [UInt16] = []
            var far: [Int64: UInt16] = [:]
            for (k, code) in codes.enumerated() {
                let position = UInt16(truncatingIfNeeded: k + 1)
                if code >= 0 && code < Self.tableLimit {
                    let c = Int(code)
                    if table.count <= c { table += repeatElement(0, count: c + 1 - table.count) }
                    if table[c] == 0 { table[c] = position }  // the first of a repeated code
                } else if far[Int64(code)] == nil {
                    far[Int64(code)] = position
                }
            }
            self.table = table
            self.far = far
        }

        @inline(__always)
        package func position(of code: Int64) -> UInt16 {
            if code >= 0 && code < Int64(table.count) { return table[Int(code)] }
            return far[code] ?? 0
        }
    }

    /// Per codebook column: nil for a multi item, else its single question's coding.
    package static func compactCodes(_ codebook: Codebook) -> [CompactCodes?] {
        ResponseTable(codebook: codebook, hasWeight: false).lookups
    }

    public var count: Int { respondents.count }

    public mutating func append(_ r: Response) {
        respondents.append(r.respondent.value)
        instants.append(r.submittedAt.epochNanoseconds)
        if hasWeight { weights.append(r.weight ?? 1) }
        for (k, value) in r.cells.enumerated() { cells.append(compact(value, column: k)) }
    }

    public mutating func replace(_ i: Int, with r: Response) {
        respondents[i] = r.respondent.value
        instants[i] = r.submittedAt.epochNanoseconds
        if hasWeight { weights[i] = r.weight ?? 1 }
        for (k, value) in r.cells.enumerated() { cells[i * width + k] = compact(value, column: k) }
    }

    /// Appends a row given as compact cells (`width` of them: what `compactCells` holds).
    package mutating func append(respondent: UInt64, instant: Int64, weight: Double, cells row: ArraySlice<UInt16>) {
        respondents.append(respondent)
        instants.append(instant)
        if hasWeight { weights.append(weight) }
        cells.append(contentsOf: row)
    }

    /// Replaces row `i` by one given as compact cells.
    package mutating func replace(_ i: Int, respondent: UInt64, instant: Int64, weight: Double, cells row: ArraySlice<UInt16>) {
        respondents[i] = respondent
        instants[i] = instant
        if hasWeight { weights[i] = weight }
        cells.replaceSubrange((i * width)..<((i + 1) * width), with: row)
    }

    private func compact(_ value: Int32, column k: Int) -> UInt16 {
        guard let lookup = lookups[k] else { return value == 1 ? 1 : 0 }
        if value == Response.noAnswer { return 0 }
        return lookup.position(of: Int64(value))
    }

    /// Whether respondent `i` selected the multi item in column `k`.
    @inline(__always)
    public func selected(_ i: Int, column k: Int) -> Bool { cells[i * width + k] == 1 }

    public func weight(_ i: Int) -> Double { hasWeight ? weights[i] : 1 }

    /// The answer of respondent `i` to the single question in column `k`: the 1-based position
    /// of the code in the question's codebook order, 0 for no answer.
    @inline(__always)
    public func answer(_ i: Int, column k: Int) -> Int { Int(cells[i * width + k]) }

    /// The cell as a `Response` holds it (0/1, the item code, or `Response.noAnswer`).
    public func cell(_ i: Int, column k: Int) -> Int32 {
        let v = cells[i * width + k]
        guard let list = codes[k] else { return Int32(v) }
        return v == 0 ? Response.noAnswer : list[Int(v) - 1]
    }

    public func response(_ i: Int) -> Response {
        Response(
            respondent: CorporateNumber(uncheckedValue: respondents[i]),
            submittedAt: Timestamp(epochNanoseconds: instants[i]), weight: hasWeight ? weights[i] : nil,
            cells: (0..<width).map { cell(i, column: $0) })
    }

    /// Every row as a `Response` (small tables, tests).
    public var rows: [Response] { (0..<count).map(response) }
}

extension ResponseTable {
    /// The compact cells, row-major (`count * width`): what a work file stores.
    package var compactCells: [UInt16] { cells }

    /// A table from its stored columns (a work file); nil when the lengths disagree with
    /// `width` and `hasWeight`, or a cell is out of its column's range.
    package init?(
        codebook: Codebook, hasWeight: Bool, respondents: [UInt64], instants: [Int64], weights: [Double],
        compactCells: [UInt16]
    ) {
        self.init(codebook: codebook, hasWeight: hasWeight)
        let n = respondents.count
        guard instants.count == n, weights.count == (hasWeight ? n : 0),
            compactCells.count == n.multipliedReportingOverflow(by: width).partialValue,
            !n.multipliedReportingOverflow(by: width).overflow
        else { return nil }
        for (k, list) in codes.enumerated() {
            let limit = UInt16(truncatingIfNeeded: list.map(\.count) ?? 1)
            var i = k
            while i < compactCells.count {
                if compactCells[i] > limit { return nil }
                i += width
            }
        }
        self.respondents = respondents
        self.instants = instants
        self.weights = weights
        self.cells = compactCells
    }
}
