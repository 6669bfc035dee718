/// One cell of the national statistics: fiscal year × industry category × capital size class.
public struct BenchmarkCell: Equatable, Sendable {
    public let fiscalYear: Int
    public let category: String
    public let sizeClass: String
    /// Capital bounds in thousand yen; `capitalMax` nil = open-ended class.
    public let capitalMin: Int64
    public let capitalMax: Int64?
    public let corporations: Int64?
    public let sales: Int64?
    public let netIncome: Int64?
    public let employees: Int64?

    public init(
        fiscalYear: Int, category: String, sizeClass: String, capitalMin: Int64, capitalMax: Int64?,
        corporations: Int64?, sales: Int64?, netIncome: Int64?, employees: Int64?
    ) {
        self.fiscalYear = fiscalYear
        self.category = category
        self.sizeClass = sizeClass
        self.capitalMin = capitalMin
        self.capitalMax = capitalMax
        self.corporations = corporations
        self.sales = sales
        self.netIncome = netIncome
        self.employees = employees
    }
}
