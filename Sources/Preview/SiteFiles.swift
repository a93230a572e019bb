#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a validated `PathGuard.SitePath` onto a file of the built site.
///
/// Why not Hummingbird's `FileMiddleware`: we need the folder redirect, the site's own 404 page and
/// the reload script injected into HTML, and we want the containment rule in one readable place.
/// The rule: resolve symlinks with `realpath` and require the result to lie inside the real path
/// of the output folder, so a symlink in the site pointing at `/etc/passwd` is refused, while
/// one pointing elsewhere inside the site still works.
struct SiteFiles: Sendable {
    enum Lookup: Equatable {
        /// A regular file inside the site (real path).
        case file(String)
        /// A folder asked for without its trailing slash: relative links inside it need the `/`.
        case redirect(location: String)
        case notFound
        /// Resolves outside the site (a symlink pointing out).
        case forbidden
    }

    /// The output folder as configured; resolved again on every request because a build may
    /// replace it.
    let root: String

    func lookup(_ sitePath: PathGuard.SitePath) -> Lookup {
        guard let realRoot = Self.realPath(root) else { return .notFound }
        let candidate = sitePath.segments.isEmpty ? realRoot : realRoot + "/" + sitePath.relativePath
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard PathGuard.isInside(real, root: realRoot) else { return .forbidden }

        switch Self.kind(of: real) {
        case .directory:
            guard sitePath.namesFolder else { return .redirect(location: sitePath.rawPath + "/") }
            guard let index = Self.realPath(real + "/index.html") else { return .notFound }
            guard PathGuard.isInside(index, root: realRoot) else { return .forbidden }
            return Self.kind(of: index) == .regular ? .file(index) : .notFound
        case .regular:
            // `/style.css/` names a folder that does not exist.
            return sitePath.namesFolder ? .notFound : .file(real)
        case .other:
            // FIFOs and devices: reading one could block the server or leak data.
            return .notFound
        }
    }

    /// The site's own `404.html`, under the same containment rule.
    func notFoundPage() -> String? {
        let path = PathGuard.SitePath(segments: ["404.html"], namesFolder: false, rawPath: "/404.html")
        if case .file(let real) = lookup(path) { return real }
        return nil
    }

    private enum Kind { case regular, directory, other }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
