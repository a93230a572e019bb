import Foundation

/// The files a theme is made of: the built-in theme compiled into the binary, overridden file by
/// file by a theme folder when one is given. A folder only has to hold what it changes (one layout,
/// the stylesheet, a third language's strings); everything else comes from the built-in theme.
public struct ThemeSource: Sendable {
    /// One file of the theme and where it came from, for messages (`themes/x/layouts/audit.mustache`
    /// or `(built-in)/layouts/audit.mustache`).
    public struct File: Sendable {
        public let data: Data
        public let origin: String
    }

    /// Relative path (`layouts/audit.mustache`) → file.
    public let files: [String: File]
    /// The overriding folder, if any (watched by `serve`).
    public let folder: URL?

    public init(builtIn: [String: Data], folder: URL? = nil) throws {
        var files: [String: File] = [:]
        for (path, data) in builtIn { files[path] = File(data: data, origin: "(built-in theme)/\(path)") }
        if let folder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ThemeError.missing(folder.path)
            }
            if let link = Self.firstSymbolicLink(under: folder) {
                throw ThemeError.symbolicLink(link.path, target: link.target)
            }
            for path in Self.files(under: folder) {
                let url = folder.appendingPathComponent(path)
                guard let data = FileManager.default.contents(atPath: url.path) else { throw ThemeError.unreadable(url.path) }
                files[path] = File(data: data, origin: url.path)
            }
        }
        self.files = files
        self.folder = folder
    }

    /// Relative paths below a folder of the theme (`layouts`, `static`…), sorted.
    public func paths(in folder: String) -> [String] {
        files.keys.filter { $0.hasPrefix(folder + "/") }.map { String($0.dropFirst(folder.count + 1)) }.sorted()
    }

    /// The first symbolic link below a theme folder, with where it points: a theme is read from its
    /// own files only, so a link (which could lead anywhere) stops the build with both names.
    static func firstSymbolicLink(under base: URL) -> (path: String, target: String)? {
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isSymbolicLinkKey],
                                                              options: [.skipsHiddenFiles]) else { return nil }
        var links: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]))?.isSymbolicLink == true {
            links.append(url.path)
        }
        guard let first = links.sorted().first else { return nil }
        return (first, (try? FileManager.default.destinationOfSymbolicLink(atPath: first)) ?? "an unreadable target")
    }

    /// Regular files below a folder, relative and sorted; symlinks and dotfiles are skipped (a theme
    /// folder must not pull in files from elsewhere).
    static func files(under base: URL) -> [String] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                             options: [.skipsHiddenFiles]) else { return [] }
        var result: [String] = []
        let basePath = base.standardizedFileURL.path
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isSymbolicLink != true, values?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(basePath + "/") else { continue }
            result.append(String(path.dropFirst(basePath.count + 1)))
        }
        return result.sorted()
    }
}
