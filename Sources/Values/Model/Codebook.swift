/// `multi`: each item is its own 0/1 column; `single`: one column holding an item code.
public enum QuestionType: String, Sendable {
    case multi, single
}

/// One row of codebook.csv: an item of a survey question.
public struct CodebookItem: Equatable, Sendable {
    public let question: String
    public let type: QuestionType
    public let item: Int
    public let column: String
    public let label: String

    public init(question: String, type: QuestionType, item: Int, column: String, label: String) {
        self.question = question
        self.type = type
        self.item = item
        self.column = column
        self.label = label
    }
}

/// The questionnaire: questions in codebook order, each with its items, and the responses
/// columns they are read from.
public struct Codebook: Sendable {
    public struct Question: Sendable {
        public let name: String
        public let type: QuestionType
        public internal(set) var items: [CodebookItem]
    }

    public let questions: [Question]
    /// The responses columns in codebook order, each once.
    public let columns: [String]

    public init(items: [CodebookItem]) {
        var questions: [Question] = []
        var index: [String: Int] = [:]
        var columns: [String] = []
        var seenColumns: Set<String> = []
        for item in items {
            if let q = index[item.question] {
                questions[q].items.append(item)
            } else {
                index[item.question] = questions.count
                questions.append(Question(name: item.question, type: item.type, items: [item]))
            }
            if seenColumns.insert(item.column).inserted { columns.append(item.column) }
        }
        self.questions = questions
        self.columns = columns
    }

    /// The question whose answers responses.csv holds in `column`.
    public func question(ofColumn column: String) -> Question? {
        questions.first { q in q.items.contains { $0.column == column } }
    }
}
