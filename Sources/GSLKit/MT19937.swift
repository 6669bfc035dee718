import CGSL

#if canImport(Glibc)
import Glibc
#endif

/// GSL's `gsl_rng_mt19937` (Matsumoto and Nishimura's Mersenne Twister, as GSL's mt.c seeds
/// and runs it) computed here, 624 words at a time, so that the bootstrap's draws cost no call
/// through GSL's function pointer each. The same words as GSL's for every seed: a test draws
/// both side by side (`GSLRandomTests`). Owns its memory: the state and the block of tempered
/// outputs, one allocation freed in `deinit`.
final class MT19937 {
    static let n = 624
    static let m = 397
    /// state[0..<624], then the tempered outputs of the current block at [624..<1248].
    private let words: UnsafeMutablePointer<UInt32>
    /// The next output in the block (624: the block is used up).
    var index = MT19937.n

    /// GSL's `mt_set`: seed 0 means 4357; the low 32 bits of the seed start the state.
    init(seed: UInt) {
        words = .allocate(capacity: 2 * Self.n)
        words.initialize(repeating: 0, count: 2 * Self.n)
        let s = seed == 0 ? 4357 : seed
        words[0] = UInt32(truncatingIfNeeded: s)
        for i in 1..<Self.n {
            let previous = words[i - 1]
            words[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
    }

    deinit { words.deallocate() }

    /// The next 32-bit word, as `gsl_rng_get` returns it.
    @inline(__always)
    func next() -> UInt32 {
        if index == Self.n { refill() }
        let word = words[Self.n + index]
        index += 1
        return word
    }

    /// Adds 1 to `counts[k]` for each of `draws` indices `k` that `draw` makes of this
    /// generator's words (`UniformIndex.index(of:)`, drawn again while k >= n), with the block
    /// position kept in a register for the whole loop: the same words, in the same order, as
    /// `draws` calls of `draw.next()`.
    func tally(into counts: UnsafeMutablePointer<UInt32>, draws: Int, by draw: GSLRandom.UniformIndex) {
        var left = draws
        var position = index
        let tempered = words + Self.n
        while left > 0 {
            if position == Self.n {
                refill()
                position = 0
            }
            // The rest of this block, without a check of the block's end per word.
            let available = Self.n - position
            var used = 0
            while used < available && left > 0 {
                let k = draw.index(of: UInt64(tempered[position + used]))
                used += 1
                if k < draw.n {
                    counts[Int(k)] &+= 1
                    left -= 1
                }
            }
            position += used
        }
        index = position
    }

    /// GSL's block step (all 624 words at once), then the tempering of each.
    private func refill() {
        let mt = words
        @inline(__always) func mixed(_ a: UInt32, _ b: UInt32, _ far: UInt32) -> UInt32 {
            let y = (a & 0x8000_0000) | (b & 0x7FFF_FFFF)
            return far ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
        }
        var k = 0
        while k < Self.n - Self.m {
            mt[k] = mixed(mt[k], mt[k + 1], mt[k + Self.m])
            k += 1
        }
        while k < Self.n - 1 {
            mt[k] = mixed(mt[k], mt[k + 1], mt[k + Self.m - Self.n])
            k += 1
        }
        mt[Self.n - 1] = mixed(mt[Self.n - 1], mt[0], mt[Self.m - 1])
        for i in 0..<Self.n {
            var y = mt[i]
            y ^= y >> 11
            y ^= (y << 7) & 0x9D2C_5680
            y ^= (y << 15) & 0xEFC6_0000
            y ^= y >> 18
            mt[Self.n + i] = y
        }
        index = 0
    }

    /// `count` words of GSL's own generator seeded with `seed` (the oracle of the tests).
    static func gslWords(seed: UInt, count: Int) throws -> [UInt32] {
        GSL.prepare()
        guard let generator = gsl_rng_alloc(cgsl_mt19937()) else {
            throw GSLAllocationFailure()
        }
        defer { gsl_rng_free(generator) }
        gsl_rng_set(generator, seed)
        return (0..<count).map { _ in UInt32(truncatingIfNeeded: gsl_rng_get(generator)) }
    }

    /// `count` draws of `gsl_rng_uniform_int(r, n)` from GSL's own generator (the tests' oracle).
    static func gslUniformInts(seed: UInt, below n: UInt, count: Int) throws -> [UInt] {
        GSL.prepare()
        guard let generator = gsl_rng_alloc(cgsl_mt19937()) else {
            throw GSLAllocationFailure()
        }
        defer { gsl_rng_free(generator) }
        gsl_rng_set(generator, seed)
        return (0..<count).map { _ in gsl_rng_uniform_int(generator, n) }
    }

    struct GSLAllocationFailure: Error {}
}
