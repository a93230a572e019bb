import Templates
import Portal

/// One page the site will have: what it shows and where it is written.
public struct PagePlan: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case root
        case notFound
        case home(language: String)
        case portfolio(language: String)
        case gapIndex(language: String)
        case search(language: String)
        case project(language: String, project: String)
        case audit(language: String, audit: AuditID)
        case gap(language: String, project: String, id: String)
    }

    public let kind: Kind
    /// Output path relative to the site root, always ending in `.html`.
    public let path: String

    public init(kind: Kind) {
        self.kind = kind
        path = SitePaths.file(for: kind)
    }

    public var language: String? {
        switch kind {
        case .root, .notFound: nil
        case .home(let l), .portfolio(let l), .gapIndex(let l), .search(let l), .project(let l, _), .audit(let l, _), .gap(let l, _, _): l
        }
    }

    /// The project a page belongs to (nil for site-wide pages), for incremental rebuilds.
    public var project: String? {
        switch kind {
        case .project(_, let p), .gap(_, let p, _): p
        case .audit(_, let id): id.project
        case .root, .notFound, .home, .portfolio, .gapIndex, .search: nil
        }
    }
}

/// Where pages live. Folders with an `index.html`, so URLs are clean on a web server; links name
/// the `index.html` so the site also reads straight from disk.
public enum SitePaths {
    public static func directory(for kind: PagePlan.Kind) -> String {
        var path = TextOutput(capacity: 64)
        append(kind, to: &path)
        return path.string
    }

    public static func file(for kind: PagePlan.Kind) -> String {
        file(for: kind, from: "")
    }

    /// A link to a page from a folder `root` leads out of (`../../`), to a line of it when `line` is
    /// given (`#L12`).
    static func file(for kind: PagePlan.Kind, from root: String, line: Int? = nil) -> String {
        var path = TextOutput(capacity: 96)
        path += root
        if case .notFound = kind {
            path += "404.html"
        } else {
            append(kind, to: &path)
            path += "index.html"
        }
        if let line {
            path += "#L"
            path.append(line)
        }
        return path.string
    }

    /// Pieces written one by one as bytes, the string made once: links are made by the million
    /// (every row of every list links to a page), and each append to a `String` costs hundreds of
    /// instructions.
    private static func append(_ kind: PagePlan.Kind, to path: inout TextOutput) {
        switch kind {
        case .root, .notFound: return
        case .home(let l): path += l
        case .portfolio(let l): path += l; path += "/portfolio"
        case .gapIndex(let l): path += l; path += "/gaps"
        case .search(let l): path += l; path += "/search"
        case .project(let l, let p): path += l; path += "/projects/"; path += p
        case .audit(let l, let id): path += l; path += "/projects/"; path += id.project; path += "/"; path += id.slug
        case .gap(let l, let p, let id): path += l; path += "/projects/"; path += p; path += "/gaps/"; path += id
        }
        path += "/"
    }

    /// Relative prefix from a page to the site root (`../../`): one step up per folder of the path,
    /// counted on its bytes (every page builds it; splitting the path into characters cost more than
    /// writing the page's links).
    public static func root(from path: String) -> String {
        var components = 0
        var inComponent = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                components += 1
            }
        }
        return String(repeating: "../", count: max(0, components - 1))
    }

    /// The same page in another language.
    public static func translated(_ kind: PagePlan.Kind, to language: String) -> PagePlan.Kind {
        switch kind {
        case .root, .notFound: kind
        case .home: .home(language: language)
        case .portfolio: .portfolio(language: language)
        case .gapIndex: .gapIndex(language: language)
        case .search: .search(language: language)
        case .project(_, let p): .project(language: language, project: p)
        case .audit(_, let a): .audit(language: language, audit: a)
        case .gap(_, let p, let id): .gap(language: language, project: p, id: id)
        }
    }
}
