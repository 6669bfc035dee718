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

/// kept + rejected + merged + dropped + filtered = read, for generated statements files full of
/// every kind of fault, and read = the records written (a malformed stretch counts as one).
@Suite struct RowBalanceTests {
    static let industries = IndustryTable([
        Industry(code: "E09", label: "食料品", category: "food", sector: "manufacturing"),
        Industry(code: "G39", label: "情報サービス", category: "services", sector: "services"),
    ])

    /// A valid corporate number from a 12-digit base.
    static func corporateNumber(_ base: UInt64) -> String {
        String(CorporateNumber.checkDigit(base: base)) + String(base)
    }

    static func generate(seed: UInt64, rows: Int) -> (text: String, records: Int) {
        var g = SplitMix64(seed: seed)
        var text = "enterprise_id,period_end,period_months,industry,capital,employees,sales,net_income\n"
        var records = 0
        var previous = ""
        for _ in 0..<rows {
            let id = corporateNumber(100_000_000_000 + g.next() % 50)
            let year = 2000 + Int(g.next() % 5)
            var row = "\(id),\(year)-03,12,E09,\(g.next() % 90000),\(g.next() % 300),\(g.next() % 99999),-\(g.next() % 999)"
            switch g.next() % 12 {
            case 0: row = "1" + row.dropFirst()  // likely a bad check digit
            case 1: row = row.replacingOccurrences(of: "E09", with: "Z99")  // unknown industry
            case 2: row = row.replacingOccurrences(of: "-03,", with: "-13,")  // no month 13
            case 3: row += ",extra"  // wrong field count
            case 4: row = row.replacingOccurrences(of: ",12,", with: ",1\"2,")  // stray quote
            case 5: if !previous.isEmpty { row = previous }  // identical repeat
            case 6: row = row.replacingOccurrences(of: ",12,", with: ",6,")  // irregular, still kept
            default: break
            }
            text += row + "\n"
            records += 1
            previous = row
        }
        return (text, records)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func balanceAddsUp(seed: UInt64) throws {
        let (text, records) = Self.generate(seed: seed, rows: 400)
        let path = TestFiles.write(text)
        let rejects = try RejectLog(writer: nil)
        let frame = Set((0..<25).compactMap { CorporateNumber.parse(ArraySlice(Self.corporateNumber(100_000_000_000 + UInt64($0)).utf8)) })
        var kept = 0
        let report = try Ingest.statements(
            path, file: "statements.csv", industries: Self.industries, frame: IDSet(frame.map(\.value)),
            settings: IngestSettings(), rejects: rejects) { _ in kept += 1 }
        let b = report.balance
        #expect(b.read == records)
        #expect(b.isBalanced, "\(b.equation)")
        #expect(rejects.total == b.rejected)
        // Every kept row reaches the consumer.
        #expect(kept == b.kept)
        #expect(b.rejected > 0 && b.merged > 0 && b.filtered > 0)
    }
}
