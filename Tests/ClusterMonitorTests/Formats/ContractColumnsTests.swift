import Foundation
import Testing

@testable import Formats

/// The contract's column tables (Contract.md, section 1.3) are the data dictionary that
/// datapackage.json carries, written out: every output column with its type, unit and meaning.
/// This test renders the dictionary and requires the contract to hold exactly that, so the
/// user's document cannot drift from the files (DataPackageTests checks the dictionary
/// against the writers' headers). `UPDATE_CONTRACT=1 swift test --filter ContractColumns`
/// rewrites the block after a change to the dictionary.
@Suite struct ContractColumnsTests {
    static let begin = "<!-- columns: generated from DataDictionary; ContractColumnsTests checks it -->"
    static let end = "<!-- columns: end -->"

    static var contractURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Stages/Stages.docc/Contract.md")
    }

    static func rendered() -> String {
        var lines: [String] = []
        for table in DataDictionary.outputs {
            lines.append("**\(table.file)**: \(table.title). Rows: \(table.rowOrder).")
            lines.append("")
            lines.append("| column | type | unit | meaning |")
            lines.append("|---|---|---|---|")
            for field in table.fields {
                var meaning = field.description
                if let values = field.values { meaning += " (one of: \(values.joined(separator: ", ")))" }
                lines.append("| `\(field.name)` | \(field.kind.rawValue) | \(field.unit ?? "") | \(meaning) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    @Test func contractHoldsTheDictionary() throws {
        let text = try String(contentsOf: Self.contractURL, encoding: .utf8)
        guard let from = text.range(of: Self.begin), let to = text.range(of: Self.end), from.upperBound <= to.lowerBound
        else {
            Issue.record("Contract.md has no columns block")
            return
        }
        let block = "\n" + Self.rendered() + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_CONTRACT"] == "1" {
            var updated = text
            updated.replaceSubrange(from.upperBound..<to.lowerBound, with: block)
            try updated.write(to: Self.contractURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[from.upperBound..<to.lowerBound]) == block)
    }
}
