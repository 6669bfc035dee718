import CSVKit
import Values

/// codebook.csv: the items of the survey questions. Rules that span rows (an item once per
/// question, one column per single question, no column shared) are checked as rows arrive.
public struct CodebookRules: Sendable {
    enum Column: Sendable { case question, type, item, column, label }

    /// The columns in file order (faults are reported for the first in that order).
    let order: [(column: Column, position: Int)]
    let type: Int, item: Int, column: Int

    public init(header: Header) throws {
        order = try header.order([
            (.question, "question"), (.type, "type"), (.item, "item"), (.column, "column"), (.label, "label"),
        ])
        type = try header.require("type")
        item = try header.require("item")
        column = try header.require("column")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> CodebookItem {
        var question = "", type = QuestionType.multi, item = 0, column = "", label = ""
        for (field, position) in order {
            switch field {
            case .question: question = try r.code(position)
            case .type:
                guard let parsed = QuestionType(rawValue: try r.code(position)) else {
                    throw Fault(.invalidQuestionType, in: r, at: position)
                }
                type = parsed
            case .item:
                try r.checkDecodable(position)
                guard case .value(let v) = IntegerParser.parse(r.field(position)), v > 0, v <= Int64(Int32.max)
                else {
                    throw Fault(r.isBlank(position) ? .missingValue : .invalidItem, in: r, at: position)
                }
                item = Int(v)
            case .column: column = try r.code(position)
            case .label: label = try r.checkedText(position)
            }
        }
        return CodebookItem(question: question, type: type, item: item, column: column, label: label)
    }

    /// Checks `item` against the items accepted before it: an item once per question, one type
    /// per question, one column per single question, no column shared with another question.
    /// The column names of responses.csv itself cannot be item columns.
    public func crossCheck(_ item: CodebookItem, against accepted: [CodebookItem]) -> Fault? {
        if ["respondent_id", "submitted_at", "weight"].contains(item.column) {
            return Fault(column: column, reason: .duplicateColumn, value: item.column)
        }
        for other in accepted where other.question == item.question {
            if other.type != item.type {
                return Fault(column: type, reason: .invalidQuestionType, value: item.type.rawValue)
            }
            if other.item == item.item { return Fault(column: self.item, reason: .duplicateItem, value: String(item.item)) }
            if item.type == .single && other.column != item.column {
                return Fault(column: column, reason: .inconsistentColumn, value: item.column)
            }
        }
        for other in accepted where other.column == item.column {
            let shared = item.type == .single && other.question == item.question
            if !shared { return Fault(column: column, reason: .duplicateColumn, value: item.column) }
        }
        return nil
    }
}
