@testable import SiteBuilder
import Testing

/// Cache keys are only as good as their hash: every byte of a report, at any place in it, must
/// change the key, and a key must be the same in every run and on every machine (an earlier cache
/// folder is reused by the next CI job).
@Suite struct CacheHashTests {
    private func hash(_ pieces: [[UInt8]], seed: UInt64 = 1) -> UInt64 {
        var hash = CacheHash(seed: seed)
        for piece in pieces { piece.withUnsafeBytes { hash.add($0) } }
        return hash.value
    }

    /// One bit flipped anywhere in 100 bytes (both 16-byte blocks and the tail) gives 800 new values.
    @Test func everyBitOfEveryByteCounts() {
        let base = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var seen: Set<UInt64> = [hash([base])]
        for index in base.indices {
            for bit in 0..<8 {
                var changed = base
                changed[index] ^= 1 << bit
                seen.insert(hash([changed]))
            }
        }
        #expect(seen.count == 1 + 100 * 8)
    }

    /// Zero bytes at the end are not the same text as a shorter one, at every length of the tail.
    @Test func trailingZerosAndLengthsCount() {
        let values = (0...40).map { hash([[UInt8](repeating: 0, count: $0)]) }
        #expect(Set(values).count == values.count)
    }

    /// The same bytes cut into other pieces, or under another seed, give another value.
    @Test func piecesAndSeedsCount() {
        let whole = hash([Array("abc".utf8)])
        #expect(hash([Array("ab".utf8), Array("c".utf8)]) != hash([Array("a".utf8), Array("bc".utf8)]))
        #expect(hash([Array("ab".utf8), Array("c".utf8)]) != whole)
        #expect(hash([Array("abc".utf8)], seed: 2) != whole)
        var text = CacheHash(seed: 1)
        text.add("abc")
        #expect(text.value == whole)
    }

    /// Pinned: a change of these values is a change of every cache key (deliberate, never by accident).
    @Test func valuesAreStable() {
        var hash = CacheHash()
        hash.add("audit-site")
        #expect(String(hash.value, radix: 16) == "96ef89636b76a54")
        hash.add("# Audit de sécurité — mars 2026\n\n| ID | Constat |\n")
        #expect(String(hash.value, radix: 16) == "ee3d10869f26160d")
    }
}
