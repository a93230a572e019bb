import Diagnostics
import Extraction
import Foundation
import Portal
import SafeYAML
import Yams

/// `site.yaml`: the portal's settings. Every key is optional.
///
///     title: {fr: Portail des audits, en: Audit portal}   # or one string
///     languages: [fr, en]                                 # display order
///     defaultLanguage: fr
///     baseURL: https://intranet.example/audits/
///     idPattern: 'GAP-\d+'
///     projects: {orion-payments: {title: {fr: …, en: …}, description: …}}
///     vocabulary: {statuses: {done: {words: [livré]}}}  # same shape as the built-in vocabulary
///     glossary: {finops: {fr: FinOps, en: FinOps, aliases: [cloud cost]}}
///     sla: {critical: 30, high: 90, medium: 180, low: 365}   # days a GAP may stay open
///     theme: themes/custom                                # a folder overriding files of the built-in theme
public struct SiteConfig: Sendable {
    public var titles: [String: String] = ["fr": "Portail des audits", "en": "Audit portal"]
    public var languages: [String] = ["fr", "en"]
    public var defaultLanguage = "fr"
    public var baseURL: String?
    public var idPattern = IDMatcher.defaultPattern
    public var projects: [String: ProjectInfo] = [:]
    public var vocabulary: Vocabulary = .builtIn
    /// The configuration as written: part of what a cached report depends on (see `SourceCache`).
    public var text = ""
    public var sla: [Severity: Int] = [:]
    /// How large a report and its front matter may be (`limits: {fileSizeMiB: 64, yamlValues: 100000}`):
    /// past them a file is refused with a "too large" diagnostic and the rest of the site is built.
    /// More reports than this in one project folder refuse the folder (`limits: {reportsPerProject: 20000}`).
    public var reportsPerProject = 20_000
    public var maxFileBytes = 64 * 1024 * 1024
    public var yamlLimits = SafeYAML.Limits()
    /// Theme folder named by `theme:`, resolved against the folder of `site.yaml`.
    public var themeFolder: URL?
    /// The file it was read from, if any.
    public var file: String?

    public init() {}

    /// Reads `url`; a missing optional file gives the defaults. Broken YAML or wrong types are fatal:
    /// a portal built with half its settings would be wrong everywhere.
    public static func load(_ url: URL?, required: Bool, display: String) throws -> SiteConfig {
        var config = SiteConfig()
        guard let url else { return config }
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { throw ConfigError(file: display, line: nil, message: "configuration file not found") }
            return config
        }
        config.file = display
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ConfigError(file: display, line: nil, message: "configuration file is not readable UTF-8 text")
        }
        config.text = text
        let loaded: Any?
        do {
            loaded = try SafeYAML.load(text, resolver: Resolver.default.removing(.timestamp))
        } catch let error as YamlError {
            throw ConfigError.from(error, file: display)
        } catch let refusal as SafeYAML.Refusal {
            throw ConfigError(file: display, line: refusal.line, message: "configuration refused: \(refusal.message)")
        }
        guard let loaded else { return config }
        guard let root = loaded as? [String: Any] else {
            throw ConfigError(file: display, line: 1, message: "expected a mapping of settings at the top level")
        }
        func line(of key: String) -> Int? {
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key + ":") }.map { $0 + 1 }
        }
        for key in root.keys.sorted() where !knownKeys.contains(key) {
            throw ConfigError(file: display, line: line(of: key), message: "unknown setting '\(key)' (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        if let title = root["title"] {
            guard let titles = localized(title) else {
                throw ConfigError(file: display, line: line(of: "title"), message: "'title' must be a string or a map of language to string")
            }
            config.titles = titles
        }
        if let languages = root["languages"] {
            guard let list = languages as? [Any], !list.isEmpty else {
                throw ConfigError(file: display, line: line(of: "languages"), message: "'languages' must be a non-empty list such as [fr, en]")
            }
            config.languages = list.map { "\($0)".lowercased() }
            for language in config.languages where !isLanguageCode(language) {
                throw ConfigError(file: display, line: line(of: "languages"), message: "'\(language)' is not a language code (expected fr, en, de…)")
            }
            if Set(config.languages).count != config.languages.count {
                throw ConfigError(file: display, line: line(of: "languages"), message: "'languages' lists a language twice")
            }
            config.defaultLanguage = config.languages[0]
        }
        if let value = root["defaultLanguage"] {
            let language = "\(value)".lowercased()
            guard config.languages.contains(language) else {
                throw ConfigError(file: display, line: line(of: "defaultLanguage"), message: "default language '\(language)' is not in 'languages'")
            }
            config.defaultLanguage = language
        }
        if let value = root["baseURL"] { config.baseURL = "\(value)" }
        if let value = root["idPattern"] {
            config.idPattern = "\(value)"
            do { _ = try IDMatcher(pattern: config.idPattern) } catch {
                throw ConfigError(file: display, line: line(of: "idPattern"), message: "'idPattern' is not a valid regular expression")
            }
        }
        if let projects = root["projects"] {
            guard let map = projects as? [String: Any] else {
                throw ConfigError(file: display, line: line(of: "projects"), message: "'projects' must map folder names to {title, description}")
            }
            for (slug, value) in map {
                let entry = value as? [String: Any] ?? [:]
                config.projects[slug] = ProjectInfo(slug: slug, names: entry["title"].flatMap(localized) ?? [:],
                                                    descriptions: entry["description"].flatMap(localized) ?? [:])
            }
        }
        do {
            if let vocabulary = root["vocabulary"] as? [String: Any] { try config.vocabulary.merge(vocabulary) }
            if let glossary = root["glossary"] as? [String: Any] { try config.vocabulary.merge(["domains": glossary]) }
        } catch {
            throw ConfigError(file: display, line: line(of: "vocabulary"), message: "\(error)")
        }
        if let sla = root["sla"] as? [String: Any] {
            for (key, value) in sla {
                guard let severity = Severity(rawValue: key), let days = Int("\(value)"), days > 0 else {
                    throw ConfigError(file: display, line: line(of: "sla"), message: "'sla' maps critical/high/medium/low to a number of days")
                }
                config.sla[severity] = days
            }
        }
        if let limits = root["limits"] {
            guard let map = limits as? [String: Any] else {
                throw ConfigError(file: display, line: line(of: "limits"), message: "'limits' maps fileSizeMiB, yamlValues, yamlDepth, reportsPerProject to numbers")
            }
            for (key, value) in map {
                guard let number = Int("\(value)"), number > 0 else {
                    throw ConfigError(file: display, line: line(of: "limits"), message: "limit '\(key)' must be a positive whole number")
                }
                switch key {
                case "fileSizeMiB": config.maxFileBytes = number * 1024 * 1024
                case "reportsPerProject": config.reportsPerProject = number
                case "yamlValues": config.yamlLimits.maxValues = number
                case "yamlDepth": config.yamlLimits.maxDepth = number
                default:
                    throw ConfigError(file: display, line: line(of: "limits"), message: "unknown limit '\(key)' (known: fileSizeMiB, yamlValues, yamlDepth, reportsPerProject)")
                }
            }
        }
        if let theme = root["theme"] {
            guard let path = theme as? String, !path.isEmpty else {
                throw ConfigError(file: display, line: line(of: "theme"), message: "'theme' must be the path of a theme folder")
            }
            config.themeFolder = URL(fileURLWithPath: path, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        }
        return config
    }

    static let knownKeys: Set<String> = ["title", "languages", "defaultLanguage", "baseURL", "idPattern", "projects",
                                         "vocabulary", "glossary", "sla", "theme", "limits"]

    /// `"x"` or `{fr: "x", en: "y"}`.
    static func localized(_ value: Any) -> [String: String]? {
        if let s = value as? String { return ["*": s] }
        if let map = value as? [String: Any] {
            var result: [String: String] = [:]
            for (k, v) in map { result[k.lowercased()] = "\(v)" }
            return result
        }
        return nil
    }

    static func isLanguageCode(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// Title in a language; a single-string title serves every language.
    public func title(in language: String) -> String? {
        titles[language] ?? titles["*"]
    }
}

/// A configuration problem: fatal, reported as `file:line: error: message`.
public struct ConfigError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): error: \(message)" }

    static func from(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(file: file, line: mark.line, message: "not valid YAML: \(problem)")
        default:
            return ConfigError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
    }
}
