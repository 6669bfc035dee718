/// Column sums of integer rows, checked (SPEC 7.5): a sum past Int64 is the caller's error,
/// never a trap or a wrap.
public enum CheckedSums {
    /// Σ over `rows` of `values(row)[k]` for k in 0..<width, in the rows' order. On overflow in
    /// column k the error is `overflow(row, k)` for the row whose value in column k is largest
    /// in magnitude: the likeliest wrong unit, rather than whichever row the running sum
    /// happened to pass the limit at (which depends on the rows' order, not on the data).
    public static func columns<Row>(
        _ rows: some Collection<Row>, width: Int, values: (Row) -> [Int64], overflow: (Row, Int) -> Error
    ) throws -> [Int64] {
        var sums = [Int64](repeating: 0, count: width)
        for row in rows {
            for (k, v) in values(row).prefix(width).enumerated() {
                let (sum, overflowed) = sums[k].addingReportingOverflow(v)
                if overflowed {
                    let largest = rows.max { a, b in magnitude(values(a), k) < magnitude(values(b), k) } ?? row
                    throw overflow(largest, k)
                }
                sums[k] = sum
            }
        }
        return sums
    }

    private static func magnitude(_ values: [Int64], _ k: Int) -> UInt64 {
        k < values.count ? values[k].magnitude : 0
    }
}
