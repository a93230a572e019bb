import Foundation

/// ASCII slugs for URLs and HTML ids: accents folded, emojis and punctuation dropped, words joined
/// by single hyphens (`📊 RÉSUMÉ EXÉCUTIF` → `resume-executif`). ASCII keeps ids valid in every
/// fragment, CSS selector and web server, whatever the report's language.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var hyphen = false
        func letters<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            if hyphen, !out.isEmpty { out.append(0x2D) }
            hyphen = false
            out.append(contentsOf: bytes)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) {
                    letters(CollectionOfOne(UInt8(v)))
                } else if (0x41...0x5A).contains(v) {
                    letters(CollectionOfOne(UInt8(v + 32)))
                } else if v == 0x27 {
                    continue // l'équipe → lequipe, as GitHub does
                } else {
                    hyphen = true
                }
            } else if v < 0x250 {
                // Latin letters with accents, folded once (the accents of French and most European text).
                let folded = latin[Int(v) - 0x80]
                if folded.isEmpty { hyphen = true } else { letters(folded) }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue // a combining accent (`se\u{301}curite`, a file name in NFD) belongs to its letter
            } else if let folded = fold(scalar) {
                if folded.isEmpty { hyphen = true } else { letters(folded) }
            } else if v == 0x2019 {
                continue
            } else {
                hyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ASCII letters and digits a letter or number folds to (empty: it separates words), or nil
    /// for any other scalar.
    private static func fold(_ scalar: Unicode.Scalar) -> [UInt8]? {
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
            .replacingOccurrences(of: "ß", with: "ss")
        let ascii = folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
        return ascii.map { UInt8($0.value >= 0x41 && $0.value <= 0x5A ? $0.value + 32 : $0.value) }
    }

    /// `fold` of U+0080–U+024F, empty where the scalar separates words.
    private static let latin: [[UInt8]] = (0x80..<0x250).map { fold(Unicode.Scalar(UInt32($0))!) ?? [] }
}

/// Gives every heading of a page a stable, unique id (`resume-executif`, `resume-executif-1`, …).
public struct HeadingAnchors: Sendable {
    private var used: Set<String> = []

    public init(reserved: Set<String> = []) {
        used = reserved
    }

    public mutating func anchor(for text: String) -> String {
        var base = Slug.make(text)
        if base.isEmpty { base = "section" }
        if base.count > 80 { base = String(base.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
        // Ids that look like our line anchors (L12) would collide with them.
        if base.first == "l", base.dropFirst().allSatisfy(\.isNumber), base.count > 1 { base = "section-" + base }
        var candidate = base
        var n = 1
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Anchors of all headings of a document, keyed by line, computed in document order.
    public static func forDocument(_ document: MarkdownDocument) -> [Int: String] {
        var anchors = HeadingAnchors()
        var result: [Int: String] = [:]
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .heading(_, let content, let line): result[line] = anchors.anchor(for: content.plainText)
                case .blockQuote(let inner, _): visit(inner)
                case .list(let list): for item in list.items { visit(item.blocks) }
                default: break
                }
            }
        }
        visit(document.blocks)
        return result
    }
}
