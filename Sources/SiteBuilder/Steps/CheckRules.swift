import Diagnostics
import Extraction
import Portal

/// Checks that need the whole portal and only `check` reports: glossary coverage and the CI gates
/// (`--fail-on score-drop,open-critical,sla`).
public struct CheckRules {
    public enum Gate: String, Sendable, CaseIterable {
        /// The latest audit of a project scores lower than the previous one.
        case scoreDrop = "score-drop"
        /// A critical GAP is open (or partly done).
        case openCritical = "open-critical"
        /// A GAP has been open longer than the days `site.yaml` allows for its severity.
        case sla
    }

    let config: SiteConfig
    var gates: [Gate] = []

    init(config: SiteConfig, gates: [Gate] = []) {
        self.config = config
        self.gates = gates
    }

    func run(_ portal: Portal) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Domain labels with no glossary entry cannot be translated.
        var reported: Set<String> = []
        for audit in portal.allAudits {
            for d in audit.facts.domainScores where reported.insert(d.domain).inserted {
                let missing = config.languages.filter { config.vocabulary.domainLabel(d.domain, language: $0) == nil }
                if !missing.isEmpty {
                    diagnostics.append(.info(audit.files[audit.sourceLanguage], line: d.score.line, code: "glossary.missing",
                        "domain '\(d.label)' has no glossary entry: it is shown as written in every language; add '\(d.domain)' to the glossary in site.yaml"))
                }
            }
        }
        for gate in gates { diagnostics += evaluate(gate, portal) }
        return diagnostics
    }

    func evaluate(_ gate: Gate, _ portal: Portal) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        switch gate {
        case .scoreDrop:
            for project in portal.projects {
                guard let latest = project.latest, let now = latest.facts.score,
                      let previous = project.previous(of: latest.id), let before = previous.facts.score, now.value < before.value else { continue }
                diagnostics.append(.error(latest.files[latest.sourceLanguage], line: now.line, code: "gate.score-drop",
                    "score dropped from \(before.text) (\(previous.date?.description ?? previous.slug)) to \(now.text) in project '\(project.slug)'"))
            }
        case .openCritical:
            for gap in portal.allGaps where gap.severity == .critical && gap.status.isOpen {
                let audit = gap.entries.last.flatMap { portal.audit($0.auditID) }
                diagnostics.append(.error(audit?.files[audit!.sourceLanguage], line: gap.entries.last?.line, code: "gate.open-critical",
                    "critical \(gap.id) is \(gap.status.rawValue) in project '\(gap.project)': \(gap.title)"))
            }
        case .sla:
            for gap in portal.allGaps where gap.status.isOpen {
                guard let severity = gap.severity, let limit = config.sla[severity], let age = gap.ageDays, age > limit else { continue }
                let audit = gap.entries.last.flatMap { portal.audit($0.auditID) }
                diagnostics.append(.error(audit?.files[audit!.sourceLanguage], line: gap.entries.last?.line, code: "gate.sla",
                    "\(gap.id) (\(severity.rawValue)) has been open \(age) days, over the \(limit)-day limit set in site.yaml"))
            }
        }
        return diagnostics
    }
}
