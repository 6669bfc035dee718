/// participants.csv: the survey frame.
public struct ParticipantRules: Sendable {
    let enterpriseID: Int, name: Int, project: Int, region: Int

    public init(header: Header) throws {
        enterpriseID = try header.require("enterprise_id")
        name = try header.require("name")
        project = try header.require("project")
        region = try header.require("region")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> Participant {
        var id: CorporateNumber?
        var text = ["", "", ""]
        for column in [enterpriseID, name, project, region].sorted() {
            switch column {
            case enterpriseID: id = try r.corporateNumber(column)
            case name: text[0] = try r.checkedText(column)
            case project: text[1] = try r.code(column)
            default: text[2] = try r.checkedText(column)
            }
        }
        guard let id else { throw Fault(.invalidCorporateNumber, in: r, at: enterpriseID) }
        return Participant(id: id, name: text[0], project: text[1], region: text[2])
    }
}

/// codebook.csv: the items of the survey questions. Rules that span rows (an item once per
/// question, one column per single question, no column shared) are checked as rows arrive.
public struct CodebookRules: Sendable {
    let question: Int, type: Int, item: Int, column: Int, label: Int

    public init(header: Header) throws {
        question = try header.require("question")
        type = try header.require("type")
        item = try header.require("item")
        column = try header.require("column")
        label = try header.require("label")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> CodebookItem {
        var q = "", t = QuestionType.multi, i = 0, c = "", l = ""
        for position in [question, type, item, column, label].sorted() {
            switch position {
            case question: q = try r.code(position)
            case type:
                guard let parsed = QuestionType(rawValue: try r.code(position)) else {
                    throw Fault(.invalidQuestionType, in: r, at: position)
                }
                t = parsed
            case item:
                guard case .value(let v) = IntegerParser.parse(r.field(position)), v > 0, v <= Int64(Int32.max)
                else {
                    try r.checkDecodable(position)
                    throw Fault(r.isBlank(position) ? .missingValue : .invalidItem, in: r, at: position)
                }
                i = Int(v)
            case column: c = try r.code(position)
            default: l = try r.checkedText(position)
            }
        }
        return CodebookItem(question: q, type: t, item: i, column: c, label: l)
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

/// published.csv: chart values to reproduce.
public struct PublishedRules: Sendable {
    let figure: Int, series: Int, measure: Int, key: Int, value: Int
    let legibility: Int?, label: Int?

    public init(header: Header) throws {
        figure = try header.require("figure")
        series = try header.require("series")
        measure = try header.require("measure")
        key = try header.require("key")
        value = try header.require("value")
        legibility = header.position(of: "legibility")
        label = header.position(of: "label")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> PublishedValue {
        var text = ["", "", "", "", "", "", ""]
        let positions = [figure, series, measure, key, value, legibility ?? -1, label ?? -1]
        for (slot, position) in positions.enumerated().sorted(by: { $0.element < $1.element })
        where position >= 0 {
            switch slot {
            case 4:
                let printed = try r.code(position)
                guard DecimalParser.parse(ArraySlice(printed.utf8)) != nil, !printed.contains("e"),
                    !printed.contains("E")
                else { throw Fault(.invalidNumber, in: r, at: position) }
                text[slot] = printed
            case 5: text[slot] = try r.checkedText(position)
            case 6: text[slot] = try r.checkedText(position)
            default: text[slot] = try r.code(position)
            }
        }
        return PublishedValue(
            figure: text[0], series: text[1], measure: text[2], key: text[3], value: text[4],
            legibility: text[5], label: text[6])
    }

    public static func key(_ row: PublishedValue) -> CompositeKey {
        CompositeKey([row.figure, row.series, row.measure, row.key])
    }
}

/// benchmark.csv: the national statistics by fiscal year, category and capital class.
public struct BenchmarkRules: Sendable {
    let fiscalYear: Int, category: Int, sizeClass: Int, capitalMin: Int, capitalMax: Int
    let corporations: Int, sales: Int, netIncome: Int, employees: Int

    public init(header: Header) throws {
        fiscalYear = try header.require("fiscal_year")
        category = try header.require("category")
        sizeClass = try header.require("size_class")
        capitalMin = try header.require("capital_min")
        capitalMax = try header.require("capital_max")
        corporations = try header.require("corporations")
        sales = try header.require("sales")
        netIncome = try header.require("net_income")
        employees = try header.require("employees")
    }

    public func validate(_ r: CSVRecord) throws(Fault) -> BenchmarkCell {
        var year = 0, cat = "", size = ""
        var low: Int64 = 0
        var high: Int64? = nil
        var amounts: [Int64?] = [nil, nil, nil, nil]
        let positions = [
            fiscalYear, category, sizeClass, capitalMin, capitalMax, corporations, sales, netIncome, employees,
        ]
        for (slot, position) in positions.enumerated().sorted(by: { $0.element < $1.element }) {
            switch slot {
            case 0:
                let v = try r.integer(position, required: true) ?? 0
                guard YearMonth.acceptedYears.contains(Int(v)) else { throw Fault(.invalidInteger, in: r, at: position) }
                year = Int(v)
            case 1: cat = try r.code(position)
            case 2: size = try r.checkedText(position, required: true)
            case 3: low = try r.integer(position, required: true) ?? 0
            case 4: high = try r.integer(position)
            case 7: amounts[2] = try r.integer(position, allowNegative: true)
            default: amounts[slot - 5] = try r.integer(position)
            }
        }
        if let high, high < low { throw Fault(.invalidCapitalRange, in: r, at: capitalMax) }
        return BenchmarkCell(
            fiscalYear: year, category: cat, sizeClass: size, capitalMin: low, capitalMax: high,
            corporations: amounts[0], sales: amounts[1], netIncome: amounts[2], employees: amounts[3])
    }

    public static func key(_ row: BenchmarkCell) -> CompositeKey {
        CompositeKey([String(row.fiscalYear), row.category, row.sizeClass])
    }
}

/// A key of several columns, shown as `a / b / c` in reject values.
public struct CompositeKey: Hashable, Sendable, CustomStringConvertible {
    public let parts: [String]
    public init(_ parts: [String]) { self.parts = parts }
    public var description: String { parts.joined(separator: " / ") }
}
