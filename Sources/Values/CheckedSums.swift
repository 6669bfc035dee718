/// Column sums of integer rows, checked (SPEC 7.5): a sum past Int64 is the caller's error,
/// never a trap or a wrap.
public enum CheckedSums {
    /// Σ over `rows` of `values(row)[k]` for k in 0..<width, in the rows' order; on overflow,
    /// the error `overflow(row, k)` names where it happened.
    public static func columns<Row>(
        _ rows: some Sequence<Row>, width: Int, values: (Row) -> [Int64], overflow: (Row, Int) -> Error
    ) throws -> [Int64] {
        var sums = [Int64](repeating: 0, count: width)
        for row in rows {
            for (k, v) in values(row).prefix(width).enumerated() {
                let (sum, overflowed) = sums[k].addingReportingOverflow(v)
                if overflowed { throw overflow(row, k) }
                sums[k] = sum
            }
        }
        return sums
    }
}
