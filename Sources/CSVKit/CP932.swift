import Values
#if canImport(Glibc)
import Glibc
#endif

/// CP932 (Shift_JIS as Windows and Excel write it) to and from UTF-8 through glibc's iconv.
/// Owns its iconv handle; every pointer stays inside this type.
public final class CP932Codec {
    private let handle: iconv_t
    private var output: [UInt8] = []

    public enum Direction: Sendable { case toUTF8, fromUTF8 }

    public init(_ direction: Direction = .toUTF8) throws {
        let (to, from) = direction == .toUTF8 ? ("UTF-8", "CP932") : ("CP932", "UTF-8")
        let handle = iconv_open(to, from)
        // iconv_open reports failure as (iconv_t)-1.
        guard let handle, Int(bitPattern: handle) != -1 else {
            throw PipelineError.library(name: "iconv", message: "no \(from) to \(to) converter in this C library")
        }
        self.handle = handle
    }

    deinit { iconv_close(handle) }

    /// The converted bytes, or nil when `input` holds a sequence that is not valid in the
    /// source encoding (or cannot be represented in the target).
    public func convert<C: Collection>(_ input: C) -> [UInt8]? where C.Element == UInt8 {
        let source = Array(input)
        if source.isEmpty { return [] }
        let capacity = source.count * 4 + 4
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        _ = iconv(handle, nil, nil, nil, nil)  // back to the initial state
        var produced = 0
        let ok = source.withUnsafeBufferPointer { src -> Bool in
            output.withUnsafeMutableBufferPointer { dst -> Bool in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return false }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: srcBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = src.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dstBase)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = dst.count
                let result = iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                produced = dst.count - outLeft
                if result == -1 || inLeft != 0 { return false }
                // Flush any shift state.
                let flushed = iconv(handle, nil, nil, &outPtr, &outLeft)
                produced = dst.count - outLeft
                return flushed != -1
            }
        }
        return ok ? Array(output[0..<produced]) : nil
    }

    /// Convenience for tests and generators: a Swift string in CP932.
    public static func encode(_ text: String) throws -> [UInt8]? {
        try CP932Codec(.fromUTF8).convert(Array(text.utf8))
    }
}
