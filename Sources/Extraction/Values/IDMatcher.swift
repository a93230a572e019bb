import Foundation

/// Finds explicit item IDs (`GAP-1401`) in text.
///
/// Text is cut into identifier-shaped tokens (letters, digits, `-`, `_`, `.`) and each token is checked
/// against the configured pattern as a whole. This is much faster than running a regular expression
/// over 140 MiB of prose, and it respects word boundaries (`XGAP-12` and `GAP-12b` are not `GAP-12`).
public struct IDMatcher: @unchecked Sendable {
    public let pattern: String
    private let regex: NSRegularExpression
    /// A literal the pattern always starts with (`GAP-`), to skip text quickly.
    private let literalPrefix: String
    /// Set when the pattern is just a literal followed by digits (`GAP-\d+`, the default and the
    /// common case): then IDs are checked without a regular expression, which matters at 140 MiB.
    private let digitsAfterPrefix: Bool

    public static let defaultPattern = #"GAP-\d+"#

    public init(pattern: String = IDMatcher.defaultPattern) throws {
        self.pattern = pattern
        regex = try NSRegularExpression(pattern: "^(?:\(pattern))$", options: [])
        literalPrefix = Self.literalPrefix(of: pattern)
        digitsAfterPrefix = !literalPrefix.isEmpty && (pattern == literalPrefix + #"\d+"# || pattern == literalPrefix + "[0-9]+")
    }

    /// True when `token` is entirely an ID of the configured pattern.
    public func isID(_ token: String) -> Bool {
        guard token.utf8.starts(with: literalPrefix.utf8) else { return false }
        if digitsAfterPrefix {
            let rest = token.utf8.dropFirst(literalPrefix.utf8.count)
            return !rest.isEmpty && rest.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        let range = NSRange(token.startIndex..<token.endIndex, in: token)
        return regex.firstMatch(in: token, options: [], range: range) != nil
    }

    /// IDs of the configured pattern in `text`, in order (duplicates kept).
    public func ids(in text: String) -> [String] {
        if !literalPrefix.isEmpty, !Self.containsBytes(text, literalPrefix) { return [] }
        return Self.tokens(in: text).filter(isID)
    }

    /// Byte search (Foundation's `contains` goes through CFString and is far slower on long text).
    public static func containsBytes(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { hay in
            needle.withUTF8 { n in
                guard let first = n.first, n.count <= hay.count else { return n.isEmpty }
                var i = 0
                let last = hay.count - n.count
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < n.count, hay[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Identifier-shaped tokens: start with a letter, contain a digit (`SEC-12`, `F03`, `GAP-1401`).
    /// Scans bytes: IDs are ASCII, and a non-ASCII letter glued before a token (`éGAP-1`) makes it
    /// part of a word.
    public static func tokens(in text: String) -> [String] {
        if let tokens = text.utf8.withContiguousStorageIfAvailable(tokens(in:)) { return tokens }
        return Array(text.utf8).withUnsafeBufferPointer(tokens(in:))
    }

    /// Every token holds a digit: the bytes are scanned for digits alone (most lines have few), and
    /// only the run of word bytes around each digit is read.
    private static func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        var i = 0
        let n = bytes.count
        @inline(__always) func isWord(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        }
        while i < n {
            // The next digit. Runs already read end before `i`, so its run (found by reading back and
            // forth from the digit) is read once.
            guard bytes[i] &- 0x30 <= 9 else { i += 1; continue }
            var start = i
            while start > 0, isWord(bytes[start - 1]) { start -= 1 }
            var j = i + 1
            while j < n, isWord(bytes[j]) { j += 1 }
            let b = bytes[start]
            let glued = start > 0 && bytes[start - 1] >= 0x80
            var end = j
            while end > start, bytes[end - 1] == 0x2D || bytes[end - 1] == 0x2E || bytes[end - 1] == 0x5F { end -= 1 }
            let startsWithLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if !glued, startsWithLetter, end > start, j >= n || bytes[j] < 0x80 {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            i = j
        }
        return result
    }

    /// True for tokens shaped like an identifier even outside the pattern: used only in a column
    /// headed `ID`/`Réf.`, so custom schemes (`SEC-12`, `R3`) are understood there.
    public static func looksLikeID(_ token: String) -> Bool {
        guard token.count <= 24, let first = token.first, first.isLetter, token.contains(where: \.isNumber) else { return false }
        let letters = token.prefix { $0.isLetter }
        return !letters.isEmpty && letters.count <= 10
    }

    static func literalPrefix(of pattern: String) -> String {
        var out = ""
        let specials: Set<Character> = ["\\", "[", "(", ".", "*", "+", "?", "{", "|", "^", "$"]
        var chars = pattern[...]
        while let c = chars.first, !specials.contains(c) {
            out.append(c)
            chars = chars.dropFirst()
        }
        // A quantifier right after the prefix makes its last character optional.
        if let next = chars.first, next == "*" || next == "?" || next == "{", !out.isEmpty { out.removeLast() }
        return out
    }
}
