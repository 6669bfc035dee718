import Crypto

/// SHA-256 (FIPS 180-4) of the inputs and outputs: swift-crypto's (BoringSSL's, with the CPU's
/// SHA instructions where it has them). Streaming: `update` with each block, then `hexDigest`.
public struct SHA256: Sendable {
    private var hash = Crypto.SHA256()

    public init() {}

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done = bytes.withContiguousStorageIfAvailable({ hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        hash.update(data: Array(bytes))
    }

    /// The digest as 64 lowercase hex digits (the value is final: do not update after).
    public mutating func hexDigest() -> String {
        Self.hexDigits(hash.finalize())
    }

    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest()
    }

    private static func hexDigits<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
