import Testing

@testable import CSVKit
import Synthesis
@testable import Rules
@testable import Values

/// `StatementRules.validFast` reads a national database's rows without the column loop; it must
/// give the statement `validateInOrder` gives for every valid row, and nothing for a row with a
/// fault (which the ordered loop then names). Rows drawn from values of every kind, in two
/// column orders. (Every form the ordered loop accepts, the fast path's parsers accept too.)
@Suite struct StatementRulesTests {
    static let pool: [[String]] = [
        // enterprise_id: valid, wrong check digit, short, full-width, empty
        [PanelFixtures.id(100_000_000_001).description, "2100000000001", "123", "１１８０３０１０１８７７１", ""],
        // period_end
        ["2001-03", "2001/03", "200103", "H13.3", "平成13年3月", "2001-13", "x", ""],
        // period_months
        ["12", "6", "0", "25", "-12", "", "１２"],
        // industry
        ["F09", "W50", "F0", "Ｆ０９", "zzz", ""],
        // capital, employees, sales
        ["300000", "1,234", "-5", "△5", "", "x", "99999999999999999999"],
        ["300", "0", "-1", "", "3.5"],
        ["12345", "", "－7", "１２３"],
        // net_income (negatives allowed)
        ["-2352", "△12,345", "", "0", "1e3"],
    ]
    static let columns = ["enterprise_id", "period_end", "period_months", "industry", "capital", "employees", "sales", "net_income"]

    @Test(arguments: [false, true])
    func fastPathAgreesWithTheOrderedLoop(shuffled: Bool) throws {
        let order = shuffled ? [3, 0, 7, 1, 6, 2, 5, 4] : Array(0..<8)
        var text = order.map { Self.columns[$0] }.joined(separator: ",") + "\n"
        var random = SplitMix64(seed: shuffled ? 2 : 1)
        for _ in 0..<10_000 {
            let fields = order.map { c in Self.pool[c][Int(random.next() % UInt64(Self.pool[c].count))] }
            text += fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
        }
        let parser = try ChunkParser()
        try parser.parse(Array(text.utf8))
        try parser.finish()
        var rules: StatementRules?
        var checked = 0, valid = 0
        _ = try parser.drain(
            into: nil as MarkConsumer?,
            header: { record in
                rules = try StatementRules(header: Header(record: record, file: "statements.csv"), industries: PanelFixtures.industries)
                return MarkConsumer { record in
                    guard let rules else { return }
                    checked += 1
                    let ordered: Statement?
                    do throws(Fault) { ordered = try rules.validateInOrder(record) } catch { ordered = nil }
                    let fast = rules.validFast(record)
                    if fast != nil { valid += 1 }
                    #expect(fast == ordered, "line \(record.line)")
                }
            })
        #expect(checked == 10_000)
        #expect(valid > 0)
    }
}
