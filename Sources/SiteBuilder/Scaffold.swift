import DefaultTheme
import Diagnostics
import Extraction
import Foundation
import Markdown

/// `audit-site new` and `audit-site init`: skeletons in the house style that build without diagnostics.
public enum Scaffold {
    /// Writes a new audit skeleton and returns its path. Refuses to overwrite.
    public static func newAudit(content: URL, project: String, title: String?, language: String, date: AuditDate) throws -> URL {
        let projectSlug = Slug.make(project)
        guard !projectSlug.isEmpty else { throw BuildError.fatal("'\(project)' does not make a project folder name") }
        let english = language == "en"
        let title = title ?? (english ? "Audit" : "Audit")
        var slug = Slug.make(title)
        if slug.isEmpty { slug = "audit" }
        let folder = content.appendingPathComponent(projectSlug)
        let file = folder.appendingPathComponent("\(date)-\(slug).\(language).md")
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw BuildError.fatal("\(file.path) already exists; nothing written")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try skeleton(title: title, date: date, english: english).write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func yamlQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func skeleton(title: String, date: AuditDate, english: Bool) -> String {
        if english {
            return """
            ---
            title: \(yamlQuoted(title))
            date: \(date)
            auditor: "Your name"
            verdict: "To be decided"
            ---

            # \(title)

            ## Executive summary

            **Overall score: 0%**

            | Domain | Score | Status |
            |--------|-------|--------|
            | Security | 0% | ❌ |
            | Architecture | 0% | ❌ |

            ## Gaps

            | ID | Current | Target | Severity |
            |----|---------|--------|----------|
            | GAP-001 | What is there today | What should be there | P2 |

            ## Checklist

            - [ ] First point to check
            - [x] A point already checked

            """
        }
        return """
        ---
        title: \(yamlQuoted(title))
        date: \(date)
        auditor: "Votre nom"
        verdict: "À définir"
        ---

        # \(title)

        ## Résumé exécutif

        **Score global : 0 %**

        | Domaine | Score | Statut |
        |---------|-------|--------|
        | Sécurité | 0 % | ❌ |
        | Architecture | 0 % | ❌ |

        ## Écarts

        | ID | Existant | Cible | Sévérité |
        |----|----------|-------|----------|
        | GAP-001 | Ce qui existe aujourd’hui | Ce qui devrait exister | P2 |

        ## Checklist

        - [ ] Premier point à vérifier
        - [x] Un point déjà vérifié

        """
    }

    /// Creates a new portal in `directory`: content/ with one example, site.yaml, and a copy of the
    /// theme (`theme`, else the built-in one) that `site.yaml` names, ready to be changed.
    public static func initPortal(at directory: URL, theme: URL? = nil, today: AuditDate) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("site.yaml")
        let content = directory.appendingPathComponent("content")
        let themeCopy = directory.appendingPathComponent("themes/default")
        for existing in [config, content, themeCopy] where fm.fileExists(atPath: existing.path) {
            throw BuildError.fatal("\(existing.path) already exists; init only creates new portals")
        }
        if let theme, !fm.fileExists(atPath: theme.appendingPathComponent("layouts").path) {
            throw BuildError.fatal("no theme to copy at \(theme.path) (a theme folder has layouts/)")
        }
        try """
        # audit-site settings (see README: Configuration)
        title: {fr: "Portail des audits", en: "Audit portal"}
        languages: [fr, en]
        defaultLanguage: fr
        # A copy of the built-in theme: change it here. Remove this line (and the folder) to follow
        # the theme of each new audit-site version instead.
        theme: themes/default

        """.write(to: config, atomically: true, encoding: .utf8)
        try fm.createDirectory(at: themeCopy.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let theme {
            try fm.copyItem(at: theme, to: themeCopy)
        } else {
            for (path, data) in DefaultTheme.files.sorted(by: { $0.key < $1.key }) {
                let file = themeCopy.appendingPathComponent(path)
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
        }
        let example = try newAudit(content: content, project: "example", title: "Audit initial", language: "fr", date: today)
        return [config.path, themeCopy.path, example.path]
    }
}
