import Diagnostics
import Extraction
import Foundation
import Portal
import SafeYAML
import Yams

/// Pairs translations (same project, same file name, different language) into audits, and names
/// projects from `_project.yaml`, `site.yaml` or front matter.
struct AuditAssembler {
    let config: SiteConfig

    func assemble(_ sources: [SourceReader.ParsedSource]) -> (audits: [AuditRecord], diagnostics: [Diagnostic]) {
        var groups: [AuditID: [SourceReader.ParsedSource]] = [:]
        for source in sources { groups[AuditID(project: source.file.project, slug: source.file.slug), default: []].append(source) }
        var audits: [AuditRecord] = []
        var diagnostics: [Diagnostic] = []
        for key in groups.keys.sorted() {
            var byLanguage: [String: SourceReader.ParsedSource] = [:]
            for source in groups[key]!.sorted(by: { $0.file.path < $1.file.path }) {
                if let other = byLanguage[source.language] {
                    diagnostics.append(.error(source.file.display, code: "content.duplicate-translation",
                        "a second '\(source.language)' text for audit '\(key)' (the first is \(other.file.display)); this one is skipped"))
                    continue
                }
                byLanguage[source.language] = source
            }
            let languages = config.languages.filter { byLanguage[$0] != nil }
            guard let first = groups[key]!.first else { continue }
            let sourceLanguage = byLanguage[config.defaultLanguage] != nil ? config.defaultLanguage : languages[0]
            let source = byLanguage[sourceLanguage]!
            var facts: [String: AuditFacts] = [:]
            var files: [String: String] = [:]
            for (language, parsed) in byLanguage {
                facts[language] = parsed.facts
                files[language] = parsed.file.display
            }
            let record = AuditRecord(project: first.file.project, slug: first.file.slug, sourceLanguage: sourceLanguage,
                                     languages: languages, factsByLanguage: facts, files: files, extra: source.frontMatter.extra)
            audits.append(record)
            diagnostics += compareTranslations(record)
        }
        return (audits, diagnostics)
    }

    /// Translations must state the same facts as their original: a different date, score or GAP set
    /// means one of them is out of date.
    func compareTranslations(_ audit: AuditRecord) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let original = audit.facts
        let originalFile = audit.files[audit.sourceLanguage]
        if audit.languages.count == 1 {
            let missing = config.languages.filter { $0 != audit.sourceLanguage }
            diagnostics.append(.info(originalFile, code: "translation.missing",
                "no \(missing.joined(separator: "/")) translation: pages in those languages show this text with a notice"))
        }
        for language in audit.languages where language != audit.sourceLanguage {
            guard let facts = audit.factsByLanguage[language] else { continue }
            let file = audit.files[language]
            if facts.date != original.date {
                diagnostics.append(.warning(file, line: facts.dateLine, code: "translation.date",
                    "date \(facts.date?.description ?? "none") differs from the original's \(original.date?.description ?? "none") (\(originalFile ?? ""))"))
            }
            if facts.score?.value != original.score?.value {
                diagnostics.append(.warning(file, line: facts.score?.line, code: "translation.score",
                    "score \(facts.score?.text ?? "none") differs from the original's \(original.score?.text ?? "none") (\(originalFile ?? ""))"))
            }
            let gaps = Set(facts.items.compactMap(\.id)), originalGaps = Set(original.items.compactMap(\.id))
            if gaps != originalGaps {
                let onlyHere = gaps.subtracting(originalGaps).sorted(), onlyThere = originalGaps.subtracting(gaps).sorted()
                var parts: [String] = []
                if !onlyHere.isEmpty { parts.append("only here: \(onlyHere.joined(separator: ", "))") }
                if !onlyThere.isEmpty { parts.append("only in the original: \(onlyThere.joined(separator: ", "))") }
                diagnostics.append(.warning(file, code: "translation.gaps",
                    "GAPs differ from the original (\(originalFile ?? "")): \(parts.joined(separator: "; "))"))
            }
        }
        return diagnostics
    }

    /// Project names and descriptions: `_project.yaml`, then `site.yaml`, then front matter `project:`.
    func projectInfos(slugs: [String], projectFiles: [String: ContentScanner.ProjectFile], sources: [SourceReader.ParsedSource],
                      display: (String) -> String) -> ([ProjectInfo], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var infos: [ProjectInfo] = []
        for slug in slugs {
            var names = config.projects[slug]?.names ?? [:]
            var descriptions = config.projects[slug]?.descriptions ?? [:]
            if let file = projectFiles[slug] {
                let shown = display(file.path)
                do {
                    guard let text = file.text else { throw CocoaError(.fileReadInapplicableStringEncoding) }
                    if let map = try SafeYAML.load(text) as? [String: Any] {
                        if let title = map["title"].flatMap(SiteConfig.localized) { names.merge(title) { _, new in new } }
                        if let description = map["description"].flatMap(SiteConfig.localized) { descriptions.merge(description) { _, new in new } }
                    } else {
                        diagnostics.append(.error(shown, line: 1, code: "project.invalid", "expected 'title:' and 'description:' keys"))
                    }
                } catch let refusal as SafeYAML.Refusal {
                    diagnostics.append(.error(shown, line: refusal.line, code: "project.invalid", refusal.message + "; the folder name is used"))
                } catch let error as YamlError {
                    let c = ConfigError.from(error, file: shown)
                    diagnostics.append(.error(shown, line: c.line, code: "project.invalid", c.message + "; the folder name is used"))
                } catch {
                    diagnostics.append(.error(shown, code: "project.invalid", "cannot read this file as UTF-8 text; the folder name is used"))
                }
            }
            if names.isEmpty, let named = sources.first(where: { $0.file.project == slug && $0.frontMatter.project != nil }) {
                names["*"] = named.frontMatter.project!
            }
            infos.append(ProjectInfo(slug: slug, names: names, descriptions: descriptions))
        }
        return (infos, diagnostics)
    }
}
