#if canImport(Glibc)
import Glibc
#endif

/// Arrays of fixed-width integers as little-endian bytes, and back: the binary work files'
/// columns (`WorkFile`) copied as blocks of memory on a little-endian machine, value by value
/// elsewhere. The byte order of the files is the same on every machine.
public enum LittleEndian {
    /// Appends every value of `values` as `MemoryLayout<T>.size` little-endian bytes.
    public static func append<T: FixedWidthInteger>(_ values: ArraySlice<T>, to bytes: inout [UInt8]) {
        if 1.littleEndian == 1 {
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        } else {
            for v in values { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        }
    }

    /// `count` values read from `bytes` at `offset`, or nil when they do not fit.
    public static func read<T: FixedWidthInteger>(_ type: T.Type, from bytes: [UInt8], at offset: Int, count: Int) -> [T]? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, count >= 0, count <= (bytes.count - offset) / size else { return nil }
        return [T](unsafeUninitializedCapacity: count) { out, initialized in
            bytes.withUnsafeBytes { raw in
                guard count > 0, let source = raw.baseAddress, let target = out.baseAddress else { return }
                memcpy(target, source + offset, count * size)
            }
            if 1.littleEndian != 1 {
                for i in 0..<count { out[i] = T(littleEndian: out[i]) }
            }
            initialized = count
        }
    }
}
