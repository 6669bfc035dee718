import Testing

@testable import GSLKit

/// The bootstrap's generator is GSL's mt19937 computed in Swift (`MT19937`) and GSL's
/// `gsl_rng_uniform_int` arithmetic (`GSLRandom.UniformIndex`): both must give GSL's numbers,
/// word for word, or published intervals would move.
@Suite struct GSLRandomTests {
    /// The C++ standard ([rand.predef]) fixes mt19937 seeded with 5489: its 10000th output is
    /// 4123659995. The first, 3499211612, is the first line of Matsumoto's mt19937ar.out.
    @Test func textbookValues() {
        let generator = MT19937(seed: 5489)
        var words: [UInt32] = []
        for _ in 0..<10_000 { words.append(generator.next()) }
        #expect(words[0] == 3_499_211_612)
        #expect(words[9_999] == 4_123_659_995)
    }

    /// Seeds as GSL treats them: 0 means 4357, only the low 32 bits count (2^32 seeds the
    /// state with 0, which is not 4357). 2,000 words cross three blocks of 624.
    @Test(arguments: [0, 1, 4357, 20_051_231, 1 << 32, UInt.max] as [UInt])
    func wordsEqualGSL(seed: UInt) throws {
        let generator = MT19937(seed: seed)
        let ours = (0..<2_000).map { _ in generator.next() }
        #expect(ours == (try MT19937.gslWords(seed: seed, count: 2_000)))
    }

    /// Bounds of every kind: 1 (scale = range), small, a panel's size, just above 2^31 (many
    /// redraws), the whole range (scale 1, no division), and above it (GSL refuses: 0 without
    /// a draw, its handler being off).
    @Test(arguments: [1, 3, 40_052, (1 << 31) + 1, 0xFFFF_FFFF, 1 << 33] as [UInt])
    func uniformIntsEqualGSL(n: UInt) throws {
        let draw = GSLRandom.UniformIndex(MT19937(seed: 20_051_231), below: Int(n))
        let ours = (0..<3_000).map { _ in UInt(draw.next()) }
        #expect(ours == (try MT19937.gslUniformInts(seed: 20_051_231, below: n, count: 3_000)))
    }
}

extension GSLRandomTests {
    /// The bootstrap's tally loop draws the words `UniformIndex.next` draws, in the same order,
    /// and leaves the generator where they leave it: the counts per row and the next word agree.
    /// (A panel past 2^31 members, whose scale is 1, would need a table of 2^31 counts here.)
    @Test(arguments: [1, 7, 40_052, 1_000_003] as [Int])
    func tallyEqualsDrawingOneByOne(n: Int) {
        let draws = 30_000
        let one = MT19937(seed: 20_051_231)
        let byOne = GSLRandom.UniformIndex(one, below: n)
        var expected = [UInt32](repeating: 0, count: n)
        for _ in 0..<draws { expected[byOne.next()] += 1 }

        let other = MT19937(seed: 20_051_231)
        let byTally = GSLRandom.UniformIndex(other, below: n)
        var counts = [UInt32](repeating: 0, count: n)
        counts.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            byTally.tally(into: base, draws: draws)
        }
        #expect(counts == expected)
        #expect(one.next() == other.next())
    }
}
