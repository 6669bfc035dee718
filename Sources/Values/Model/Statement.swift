/// One financial statement of one enterprise for one accounting period, normalised.
public struct Statement: Equatable, Sendable {
    public var enterprise: CorporateNumber
    public var periodEnd: YearMonth
    public var periodMonths: Int
    /// Index into the run's `IndustryTable`.
    public var industry: Int32
    /// Thousand yen.
    public var capital: Int64?
    public var employees: Int64?
    /// Thousand yen.
    public var sales: Int64?
    /// Thousand yen; may be negative.
    public var netIncome: Int64?

    public init(
        enterprise: CorporateNumber, periodEnd: YearMonth, periodMonths: Int, industry: Int32,
        capital: Int64?, employees: Int64?, sales: Int64?, netIncome: Int64?
    ) {
        self.enterprise = enterprise
        self.periodEnd = periodEnd
        self.periodMonths = periodMonths
        self.industry = industry
        self.capital = capital
        self.employees = employees
        self.sales = sales
        self.netIncome = netIncome
    }

    public var fiscalYear: Int { periodEnd.fiscalYear }

    /// A normal year; any other length makes the enterprise-year missing (SPEC 1.1).
    public var isTwelveMonths: Bool { periodMonths == 12 }

    /// Enterprise and fiscal year packed in one integer (the de-duplication key).
    public var enterpriseYear: UInt64 { enterprise.value << 8 | UInt64(truncatingIfNeeded: fiscalYear - 1850) }

    /// A 64-bit digest of every normalised field: identical statements have equal digests.
    public var digest: UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        @inline(__always) func mix(_ v: UInt64) {
            h ^= v &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2)
            h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        }
        @inline(__always) func mix(_ v: Int64?) {
            if let v { mix(UInt64(bitPattern: v)); mix(1) } else { mix(0) }
        }
        mix(enterprise.value)
        mix(UInt64(periodEnd.year * 100 + periodEnd.month))
        mix(UInt64(bitPattern: Int64(periodMonths)))
        mix(UInt64(bitPattern: Int64(industry)))
        mix(capital)
        mix(employees)
        mix(sales)
        mix(netIncome)
        return h
    }
}
