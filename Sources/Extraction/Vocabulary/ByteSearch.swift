/// `text.contains("word")` over UTF-8 bytes.
///
/// With Foundation imported anywhere in the module, `String.contains(_:)` resolves to Foundation's
/// `StringProtocol.contains`, which bridges to `NSString.range(of:)` and costs about a microsecond
/// per call; the rules call it on every line of every report. This overload is more specific, so it
/// is the one chosen for `String` arguments. It compares bytes: the texts it runs on are folded keys
/// and scalars straight from the report, where canonical equivalence plays no part.
extension String {
    func contains(_ other: String) -> Bool {
        var haystack = self
        var needle = other
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in ByteSearch.find(n, in: h) }
        }
    }
}

extension String {
    /// `needle` (lower-case ASCII) in any ASCII case: `CVSS`, `cvss`, `Cvss`.
    func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard !n.isEmpty, n.count <= utf8.count else { return false }
        var haystack = self
        return haystack.withUTF8 { h in
            var i = 0
            while i + n.count <= h.count {
                var k = 0
                while k < n.count, (h[i + k] | (h[i + k] >= 0x41 && h[i + k] <= 0x5A ? 0x20 : 0)) == n[k] { k += 1 }
                if k == n.count { return true }
                i += 1
            }
            return false
        }
    }
}

extension Substring {
    func contains(_ other: String) -> Bool {
        var haystack = self
        var needle = other
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in ByteSearch.find(n, in: h) }
        }
    }
}

extension String {
    /// Where `needle` first occurs at or after `start`, as `range(of:range:)` finds it, without
    /// Foundation's cost where bytes decide: an ASCII needle in a stretch of ASCII text. Foundation
    /// matches canonically equivalent text (the Kelvin sign is a `K`), so wherever a character
    /// outside ASCII comes before the end of the match (or there is no match), Foundation decides.
    func textRange(of needle: String, from start: String.Index? = nil) -> Range<String.Index>? {
        let from = start ?? startIndex
        let n = Array(needle.utf8)
        if !n.isEmpty, n.allSatisfy({ $0 < 0x80 }) {
            let bytes = utf8
            let h = Array(bytes[from...])
            let found = h.withUnsafeBufferPointer { h in n.withUnsafeBufferPointer { ByteSearch.firstOffset($0, in: h) } }
            let end = found.map { $0 + n.count } ?? h.count
            // ASCII up to the match's end and the byte after it: character boundaries, and no
            // equivalent text earlier. (`\r\n` is one character: a match may not cut it.)
            let asciiBefore = h[..<end].allSatisfy { $0 < 0x80 }
            let after: UInt8 = end < h.count ? h[end] : 0
            let startsInPair = found.map { $0 == 0 && n.first == 0x0A && from > startIndex && bytes[bytes.index(before: from)] == 0x0D } ?? false
            if asciiBefore, after < 0x80, !(n.last == 0x0D && after == 0x0A), !startsInPair,
               !(found.map { $0 > 0 && h[$0 - 1] == 0x0D && n.first == 0x0A } ?? false) {
                guard let found else { return nil }
                let lower = bytes.index(from, offsetBy: found)
                return lower..<bytes.index(lower, offsetBy: n.count)
            }
        }
        return range(of: needle, range: from..<endIndex)
    }
}

/// Substring search on UTF-8 bytes, shared by the extraction rules and the body renderer.
public enum ByteSearch {
    /// Offset of `needle` in `haystack` at or after `start` (the body renderer walks a line's IDs
    /// forward with it, so a long line is one pass).
    public static func offset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard start >= 0, start <= haystack.count else { return nil }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                firstOffset(n, in: UnsafeBufferPointer(rebasing: h[start...])).map { $0 + start }
            }
        }
    }

    /// True when `needle` occurs in `haystack`. An empty needle is found nowhere, as with Foundation.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(needle, in: haystack) != nil
    }

    /// A plain first-byte scan, then a compare: needles are short.
    static func firstOffset(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = needle.count
        guard n > 0, n <= haystack.count, let first = needle.first, let h = haystack.baseAddress, let p = needle.baseAddress else { return nil }
        var i = 0
        let last = haystack.count - n
        while i <= last {
            if h[i] == first, memcmpEqual(h + i, p, n) { return i }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private static func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 1
        while k < count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }
}

/// `text.split(separator: " ")` over UTF-8 bytes.
///
/// The rules cut every key into words, and the standard library's `split` walks `Character`s
/// (grapheme breaking on every step): it was the largest single cost of reading a paragraph. This
/// overload is more specific than `Collection.split(separator:maxSplits:omittingEmptySubsequences:)`,
/// so it is the one chosen when only the separator is given, and it cuts exactly where that one does:
/// at an ASCII separator whose neighbours are ASCII too (and not the other half of `\r\n`), a
/// `Character` of its own. A separator next to a non-ASCII byte may share a character with it (a
/// Thai or Devanagari mark after a space), and `;`, `` ` `` and `K` have non-ASCII equivalents
/// (U+037E, U+1FEF, U+212A): those texts, and other separators, go to the standard library.
extension String {
    func split(separator: Character) -> [Substring] {
        guard let byte = Self.plainSeparatorByte(separator),
              let words = utf8.withContiguousStorageIfAvailable({ splitWords(at: byte, bytes: $0) }) ?? nil else {
            return self[...].split(separator: separator)
        }
        return words
    }

    /// The words between spaces: `split(separator: " ").count` without cutting them (nothing is
    /// allocated): the rules ask how long a key is far more often than what its words are.
    var wordCount: Int {
        let count = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var words = 0
            var inWord = false
            for index in bytes.indices {
                guard bytes[index] == 0x20 else {
                    if !inWord { words += 1 }
                    inWord = true
                    continue
                }
                guard Self.cutsAlone(bytes, at: index) else { return nil }
                inWord = false
            }
            return words
        } ?? nil
        return count ?? split(separator: " ").count
    }

    /// The separator's byte when cutting at that byte is cutting at that character (see below); nil
    /// for separators the standard library must handle.
    @inline(__always)
    fileprivate static func plainSeparatorByte(_ separator: Character) -> UInt8? {
        guard separator.utf8.count == 1, let byte = separator.utf8.first, byte < 0x80,
              byte != UInt8(ascii: ";"), byte != UInt8(ascii: "`"), byte != UInt8(ascii: "K") else { return nil }
        return byte
    }

    /// True when the separator byte at `index` is a character of its own: ASCII on both sides, and
    /// not half of `\r\n`.
    @inline(__always)
    fileprivate static func cutsAlone(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        let previous = index > 0 ? bytes[index - 1] : 0
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        return previous < 0x80 && next < 0x80 && !(previous == 0x0D && byte == 0x0A) && !(byte == 0x0D && next == 0x0A)
    }

    /// The cut on the string's own bytes, words made from byte offsets; nil when a separator shares
    /// a character with a neighbour (the standard library then cuts).
    private func splitWords(at separator: UInt8, bytes: UnsafeBufferPointer<UInt8>) -> [Substring]? {
        var words: [Substring] = []
        let utf8 = self.utf8
        var start = 0
        for index in bytes.indices where bytes[index] == separator {
            guard Self.cutsAlone(bytes, at: index) else { return nil }
            if start != index {
                words.append(self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: index)])
            }
            start = index + 1
        }
        if start != bytes.count { words.append(self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.endIndex]) }
        return words
    }
}

extension Substring {
    func split(separator: Character) -> [Substring] {
        guard let byte = String.plainSeparatorByte(separator) else {
            return split(separator: separator, maxSplits: .max, omittingEmptySubsequences: true)
        }
        var words: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var previous: UInt8 = 0
        var i = start
        while i != bytes.endIndex {
            let current = bytes[i]
            let after = bytes.index(after: i)
            if current == byte {
                let next = after == bytes.endIndex ? 0 : bytes[after]
                guard previous < 0x80, next < 0x80, !(previous == 0x0D && byte == 0x0A), !(byte == 0x0D && next == 0x0A) else {
                    return split(separator: separator, maxSplits: .max, omittingEmptySubsequences: true)
                }
                if start != i { words.append(self[start..<i]) }
                start = after
            }
            previous = current
            i = after
        }
        if start != bytes.endIndex { words.append(self[start..<bytes.endIndex]) }
        return words
    }
}

/// The words of a folded key, read in place on its bytes.
///
/// A paragraph's key is cut into words for two questions asked of every paragraph (could it close
/// earlier findings, does it count findings?), and most paragraphs answer no to both: reading the
/// words where they lie spares the array of substrings. Only for ASCII keys, where cutting at a
/// space byte is cutting at a space character: `forEach` returns nil for any other key.
enum ASCIIWords {
    /// Calls `body` with each word between spaces (empty ones skipped) until it returns false; nil
    /// when the key is not all ASCII (the caller then cuts it with `split`).
    static func forEach(in key: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Bool) -> Void? {
        var key = key
        return key.withUTF8 { bytes -> Void? in
            for byte in bytes where byte >= 0x80 { return nil }
            var start = 0
            var index = 0
            while index <= bytes.count {
                if index == bytes.count || bytes[index] == 0x20 {
                    if index > start, !body(bytes[start..<index]) { return () }
                    start = index + 1
                }
                index += 1
            }
            return ()
        }
    }
}
