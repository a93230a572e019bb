import Foundation
import Portal

/// How GAP pages name the audits of their project: title, date, language and links, made once per
/// project and language for a whole build rather than once per GAP page.
///
/// A project's GAP pages name the same few hundred audits tens of thousands of times (every GAP's
/// history and mentions); each naming looked the audit up, formatted its date and built two paths.
/// The table depends only on the portal (immutable, and each merge makes a new renderer, so a new
/// table) and on the page's language and depth (`PageContext.root`), which are its key.
final class AuditMentions: @unchecked Sendable {
    /// An audit as a GAP page names it.
    struct Mention: Sendable {
        let title: String
        /// The audit's date, formatted (or the unknown date's label).
        let date: String
        /// Its language, when its text is not in the page's.
        let lang: String?
        /// The page holding its source lines; nil when the audit is not in the portal.
        let sourcePage: String?
        /// The audit's page in this language, for an audit not in the portal.
        private let fallback: String

        init(id: AuditID, portal: Portal, page: PageContext) {
            let audit = portal.audit(id)
            title = audit?.title(in: page.language) ?? id.description
            date = page.date(audit?.date)
            lang = audit.flatMap { $0.languages.contains(page.language) ? nil : $0.sourceLanguage }
            sourcePage = audit.map(page.sourcePage)
            fallback = page.link(audit: id)
        }

        /// A line of its source text (`page.link(audit:line:)`).
        func link(line: Int) -> String {
            guard let sourcePage else { return fallback }
            return sourcePage + "#L" + String(line)
        }
    }

    private struct Key: Hashable {
        let project: String
        let language: String
        let root: String
    }

    private let lock = NSLock()
    private var tables: [Key: [AuditID: Mention]] = [:]

    init() {}

    /// Every audit of `project` as named from `page`. Two pages asking at once may both make the
    /// table; they make the same one.
    func table(of project: ProjectTimeline, portal: Portal, page: PageContext) -> [AuditID: Mention] {
        let key = Key(project: project.slug, language: page.language, root: page.root)
        if let table = lock.withLock({ tables[key] }) { return table }
        var table: [AuditID: Mention] = [:]
        table.reserveCapacity(project.audits.count)
        for audit in project.audits { table[audit.id] = Mention(id: audit.id, portal: portal, page: page) }
        lock.withLock { tables[key] = table }
        return table
    }
}
