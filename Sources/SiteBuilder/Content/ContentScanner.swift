import Diagnostics
import Foundation
import Markdown

/// Finds the reports: `content/<project>/<name>[.<lang>].md`, plus `content/<project>/_project.yaml`.
///
/// Nothing outside the content folder is ever read: symbolic links are not followed, hidden files and
/// folders are skipped, and names are turned into URL-safe slugs (a file name can never become a path
/// that escapes the output folder).
struct ContentScanner {
    struct SourceFile: Sendable, Hashable {
        /// Absolute path.
        let path: String
        /// Path shown in diagnostics.
        let display: String
        let project: String
        let slug: String
        /// Language from the file name suffix, if any.
        let suffixLanguage: String?
        /// Size and modification time when scanned (taken before the file is read, so a write that
        /// comes during the build is seen by the next one).
        let stamp: FileStamp
    }

    /// A project's `_project.yaml`: its path, and its text (nil when it is not readable UTF-8).
    struct ProjectFile: Sendable {
        let path: String
        let text: String?
    }

    struct Result: Sendable {
        var files: [SourceFile] = []
        /// `_project.yaml` per project slug, read here so that later steps do no file I/O.
        var projectFiles: [String: ProjectFile] = [:]
        var diagnostics: [Diagnostic] = []
    }

    /// Slugs that name the portal's own folders inside a project.
    static let reservedSlugs: Set<String> = ["gaps"]

    let options: BuildOptions
    let languages: [String]
    /// More reports than this in one project folder refuse the folder (`limits: reportsPerProject`).
    var reportsPerProject = 20_000

    func scan() throws -> Result {
        let fm = FileManager.default
        let root = options.contentDirectory
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw BuildError.fatal("content folder not found: \(options.display(root))")
        }
        var result = Result()
        var seenProjects: [String: String] = [:]
        var seenSlugs: [String: String] = [:]
        for entry in try sortedEntries(root) {
            let url = root.appendingPathComponent(entry)
            let display = options.display(url)
            if entry.hasPrefix(".") || entry.hasPrefix("_") { continue }
            let type = fileType(url)
            if type == .symlink {
                result.diagnostics.append(.warning(display, code: "content.symlink",
                    "symbolic link to \(Self.target(of: url)) skipped: content is only read from real files and folders"))
                continue
            }
            guard type == .directory else {
                if entry.hasSuffix(".md") {
                    result.diagnostics.append(.warning(display, code: "content.no-project",
                        "report outside a project folder skipped: move it to content/<project>/"))
                }
                continue
            }
            let project = Slug.make(entry)
            guard !project.isEmpty else {
                result.diagnostics.append(.error(display, code: "content.bad-name", "project folder name gives an empty slug; rename it"))
                continue
            }
            if let other = seenProjects[project] {
                result.diagnostics.append(.error(display, code: "content.duplicate-project",
                    "project folder '\(entry)' has the same URL slug '\(project)' as '\(other)'; it is skipped"))
                continue
            }
            seenProjects[project] = entry
            let names = try sortedEntries(url)
            // A folder of a hundred thousand files is a mistake (an export, a backup) rather than a
            // project: it is refused whole, before anything in it is read, and the rest is built.
            let reports = names.lazy.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }.count
            if reports > reportsPerProject {
                result.diagnostics.append(.error(display, code: "content.too-many-files",
                    "project folder has \(reports) reports, over the limit of \(reportsPerProject) (limits: reportsPerProject in site.yaml); skipped"))
                continue
            }
            // Paths are joined as text: a thousand `URL`s and standardised display paths per project
            // cost more than the rest of a preview's rebuild.
            let folderPath = url.path, folderDisplay = display
            for name in names {
                if name.hasPrefix(".") { continue }
                let path = folderPath + "/" + name
                let fileDisplay = folderDisplay + "/" + name
                var info = stat()
                let kind = lstat(path, &info) == 0 ? Self.fileType(info) : .other
                if kind == .symlink {
                    result.diagnostics.append(.warning(fileDisplay, code: "content.symlink",
                        "symbolic link to \(Self.target(of: URL(fileURLWithPath: path))) skipped: content is only read from real files"))
                    continue
                }
                if name == "_project.yaml" || name == "_project.yml" {
                    result.projectFiles[project] = ProjectFile(path: path, text: try? String(contentsOfFile: path, encoding: .utf8))
                    continue
                }
                if name.hasPrefix("_") { continue }
                if kind == .directory {
                    result.diagnostics.append(.warning(fileDisplay, code: "content.nested",
                        "sub-folder ignored: reports go directly in the project folder"))
                    continue
                }
                guard kind == .file, name.lowercased().hasSuffix(".md") else { continue }
                var stem = String(name.dropLast(3))
                var language: String?
                if let dot = stem.lastIndex(of: ".") {
                    let suffix = stem[stem.index(after: dot)...].lowercased()
                    if languages.contains(suffix) {
                        language = suffix
                        stem = String(stem[..<dot])
                    } else if suffix.count == 2, suffix.allSatisfy(\.isLetter) {
                        result.diagnostics.append(.warning(fileDisplay, code: "content.unknown-language",
                            "language '\(suffix)' is not configured (languages: \(languages.joined(separator: ", "))); add it to site.yaml — file skipped"))
                        continue
                    }
                }
                var slug = Slug.make(stem)
                guard !slug.isEmpty else {
                    result.diagnostics.append(.error(fileDisplay, code: "content.bad-name", "file name gives an empty slug; rename it"))
                    continue
                }
                if Self.reservedSlugs.contains(slug) {
                    result.diagnostics.append(.warning(fileDisplay, code: "content.reserved-name",
                        "'\(slug)' is a folder name the portal uses; this audit is published as '\(slug)-audit'"))
                    slug += "-audit"
                }
                let key = "\(project)/\(slug)/\(language ?? "")"
                if let other = seenSlugs[key] {
                    result.diagnostics.append(.error(fileDisplay, code: "content.duplicate-slug",
                        "same URL slug '\(slug)' as \(other); this file is skipped"))
                    continue
                }
                seenSlugs[key] = fileDisplay
                result.files.append(SourceFile(path: path, display: fileDisplay, project: project, slug: slug, suffixLanguage: language,
                                               stamp: FileStamp(info)))
            }
        }
        return result
    }

    private func sortedEntries(_ url: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            throw BuildError.fatal("cannot list \(options.display(url)): \(error.localizedDescription)")
        }
    }

    enum FileType { case file, directory, symlink, other }

    /// Where a symbolic link points, as written in the link (for messages; never followed).
    static func target(of url: URL) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "an unreadable target"
    }

    private func fileType(_ url: URL) -> FileType {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .other }
        return Self.fileType(info)
    }

    private static func fileType(_ info: stat) -> FileType {
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .symlink
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }
}

/// Conditions that stop the build before anything is written.
public enum BuildError: Error, CustomStringConvertible {
    case fatal(String)

    public var description: String {
        switch self {
        case .fatal(let message): "error: \(message)"
        }
    }
}
