import Testing

@testable import Values
@testable import CSVKit
@testable import GSLKit
@testable import Rules
@testable import Statistics
@testable import Formats
@testable import Stages

/// FIPS 180-4 test vectors (NIST "SHA-256 examples": "abc", the empty string, the 448-bit
/// message, one million "a").
@Suite struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in uneven pieces, the digest is the same as fed at once.
    @Test func streamingInPieces() {
        let message = (0..<1000).map { UInt8($0 % 251) }
        var hash = SHA256()
        var start = 0
        for size in [1, 63, 64, 65, 7, 300] where start < message.count {
            let end = min(message.count, start + size)
            hash.update(message[start..<end])
            start = end
        }
        hash.update(message[start...])
        #expect(hash.hexDigest() == SHA256.hex(message))
    }

    @Test func fileDigestEqualsBytesDigest() throws {
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = TestFiles.write(bytes)
        #expect(try Files.sha256(path) == SHA256.hex(bytes))
    }
}
