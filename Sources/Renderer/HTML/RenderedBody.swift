import Templates
import Foundation

/// A report's body as HTML, rendered once per source text and kept (instead of the Markdown) until
/// its pages are written: both language pages of an untranslated audit share it.
public struct RenderedBody: Sendable {
    public struct TOCEntry: Sendable, Equatable, Codable {
        public let level: Int
        public let text: String
        public let anchor: String

        public init(level: Int, text: String, anchor: String) {
            self.level = level
            self.text = text
            self.anchor = anchor
        }
    }

    /// The HTML as UTF-8 bytes: it is written into pages and spooled to disk as bytes, never read as
    /// text, and a `String` of it would be checked for valid UTF-8 at every step (megabytes a report).
    public let html: [UInt8]
    /// Level 2 and 3 headings, for the table of contents.
    public let toc: [TOCEntry]

    public init(html: [UInt8], toc: [TOCEntry]) {
        self.html = html
        self.toc = toc
    }

    /// Link from an audit page to a GAP page of the same project and language.
    static func gapHref(_ id: String) -> String { gapHrefParts.before + id + gapHrefParts.after }

    /// What comes before and after the ID in that link.
    static let gapHrefParts = (before: "../gaps/", after: "/index.html")

    /// A mention of an ID in the body, marked (U+E002 … U+E003) rather than linked: whether the ID has
    /// a GAP page is known only once every report of the project is read. Report text never holds
    /// these characters raw (`BodyRenderer.escape`).
    static func mention(_ id: String) -> String { "\u{E002}\(id)\u{E003}" }

    /// The body's HTML, each mention written as a link to its GAP page when `isKnown` says the project
    /// has that GAP, as text otherwise: one pass over the bytes, composing the page, not rewriting
    /// finished HTML. (A predicate, so a page asks the project's own index instead of building a set
    /// of every GAP it has.)
    public func html(linking isKnown: (String) -> Bool) -> [UInt8] {
        html.withUnsafeBufferPointer { bytes -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 1024)
            var i = 0
            var start = 0
            // U+E002 is EE 80 82 in UTF-8, U+E003 is EE 80 83.
            guard let base = bytes.baseAddress else { return [] }
            while i + 2 < bytes.count {
                // Mentions are few in a long body: the C library finds each lead byte.
                guard let found = memchr(base + i, 0xEE, bytes.count - i) else { break }
                i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard i + 2 < bytes.count else { break }
                guard bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 else { i += 1; continue }
                var end = i + 3
                while end + 2 < bytes.count, !(bytes[end] == 0xEE && bytes[end + 1] == 0x80 && bytes[end + 2] == 0x83) { end += 1 }
                guard end + 2 < bytes.count else { break }
                out.append(contentsOf: bytes[start..<i])
                let id = String(decoding: bytes[(i + 3)..<end], as: UTF8.self)
                // Written in place, no `String` made of the link (the parts of the address around
                // the ID have nothing to escape).
                if isKnown(id) {
                    out.append(contentsOf: "<a class=\"gap-ref\" href=\"".utf8)
                    out.append(contentsOf: Self.gapHrefParts.before.utf8)
                    HTMLEscape.escape(id, into: &out)
                    out.append(contentsOf: Self.gapHrefParts.after.utf8)
                    out.append(contentsOf: "\">".utf8)
                    HTMLEscape.escape(id, into: &out)
                    out.append(contentsOf: "</a>".utf8)
                } else {
                    HTMLEscape.escape(id, into: &out)
                }
                i = end + 3
                start = i
            }
            out.append(contentsOf: bytes[start..<bytes.count])
            return out
        }
    }
}
