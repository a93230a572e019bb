import Diagnostics
import Foundation
import Mustache
import SafeYAML
import Yams

/// A theme folder: mustache layouts and partials, interface strings per language, static assets.
///
///     themes/default/
///       layouts/*.mustache      pages (`audit`, `project`, …) and the `base` layout they inherit
///       partials/*.mustache     pieces the layouts include (`{{> switcher}}`)
///       i18n/<lang>.yaml        interface strings; every language must define every key
///       static/                 copied as is to the site root (style.css, favicon…)
///
/// Loading checks everything up front, so a broken theme fails the build before any page is
/// written, with the file and line at fault.
public struct Theme: Sendable {
    /// The files the theme was loaded from (built-in, overridden by a folder).
    public let source: ThemeSource
    let library: MustacheLibrary
    /// Interface strings: language → key → text (nested YAML keys joined with dots).
    public let strings: [String: [String: String]]
    /// `strings` as nested context objects per language, built once (every page needs them).
    private let nested: NestedStrings
    /// Rendered skeletons per context shape (see `SkeletonCache`).
    private let skeletons = SkeletonCache()
    /// Static files, relative to `static/`, sorted.
    public let assets: [String]

    /// Loads a theme folder on its own, without the built-in theme beneath it (tests of broken themes).
    public init(directory: URL, languages: [String]) throws {
        try self.init(source: ThemeSource(builtIn: [:], folder: directory), languages: languages)
    }

    public init(source: ThemeSource, languages: [String]) throws {
        self.source = source
        var library = MustacheLibrary()
        for folder in ["layouts", "partials"] {
            for file in source.paths(in: folder) where file.hasSuffix(".mustache") {
                let entry = source.files[folder + "/" + file]!
                guard let text = String(data: entry.data, encoding: .utf8) else { throw ThemeError.unreadable(entry.origin) }
                do {
                    let template = try MustacheTemplate(string: text)
                    library.register(template, named: String(file.dropLast(".mustache".count)))
                } catch let error as MustacheTemplate.ParserError {
                    throw ThemeError.template(file: entry.origin, line: error.context.lineNumber, message: "\(error.error)")
                }
            }
        }
        self.library = library

        var strings: [String: [String: String]] = [:]
        var origins: [String: String] = [:]
        for language in languages {
            let path = "i18n/\(language).yaml"
            let origin = source.folder.map { $0.appendingPathComponent(path).path } ?? "(built-in theme)/\(path)"
            guard let entry = source.files[path], let text = String(data: entry.data, encoding: .utf8) else {
                throw ThemeError.missingLanguage(language: language, file: origin)
            }
            origins[language] = entry.origin
            do {
                let loaded = try SafeYAML.load(text)
                var flat: [String: String] = [:]
                Self.flatten(loaded, prefix: "", into: &flat)
                strings[language] = flat
            } catch let error as YamlError {
                throw ThemeError.strings(file: entry.origin, message: "\(error)")
            } catch {
                throw ThemeError.strings(file: entry.origin, message: "\(error)")
            }
        }
        // Every language must define every key some language defines.
        let allKeys = Set(strings.values.flatMap(\.keys))
        for language in languages {
            let missing = allKeys.subtracting(strings[language]?.keys ?? [:].keys).sorted()
            if let first = missing.first {
                throw ThemeError.missingKey(language: language, key: first, count: missing.count, file: origins[language] ?? language)
            }
        }
        self.strings = strings
        var nested: [String: ContextObject] = [:]
        for (language, flat) in strings {
            var root: [String: Any] = [:]
            for (key, value) in flat { Self.insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root) }
            nested[language] = Self.contextObject(root)
        }
        self.nested = NestedStrings(byLanguage: nested)
        assets = source.paths(in: "static")
    }

    /// The bytes of a static file (a path from `assets`).
    public func asset(_ path: String) -> Data? {
        source.files["static/" + path]?.data
    }

    public func hasTemplate(_ name: String) -> Bool {
        library.getTemplate(named: name) != nil
    }

    /// Renders a page template with its model (see `TemplateModel`): the page's bytes, as written.
    public func page<Model: TemplateModel>(_ template: String, model: Model) throws -> [UInt8] {
        guard let bytes = skeletons.render(template, model: model, library: library) else { throw missing(template) }
        return bytes
    }

    /// The same as text. - Parameter skeletons: false renders with mustache directly (tests compare both ways).
    public func render<Model: TemplateModel>(_ template: String, model: Model, skeletons useSkeletons: Bool = true) throws -> String {
        if useSkeletons { return String(decoding: try page(template, model: model), as: UTF8.self) }
        var fields = TemplateFields(mode: .direct)
        model.describe(to: &fields)
        guard let output = library.render(ContextObject(fields.object), withTemplate: template) else { throw missing(template) }
        return output
    }

    private func missing(_ template: String) -> ThemeError {
        .missingTemplate(template, source.folder?.appendingPathComponent("layouts").path ?? "the built-in theme")
    }

    /// Strings of one language, with a fallback language for keys a third language lacks.
    public func strings(for language: String) -> [String: String] {
        strings[language] ?? strings["en"] ?? [:]
    }

    /// Interface strings of a language as nested dictionaries, for `{{t.nav.home}}` in templates.
    /// How many different context shapes were rendered by mustache (the rest were filled in).
    public var renderedShapes: Int { skeletons.misses }

    public func templateStrings(for language: String) -> TemplateStrings {
        TemplateStrings(object: nested.byLanguage[language] ?? nested.byLanguage["en"] ?? ContextObject([:]))
    }

    static func insert(_ value: String, at path: ArraySlice<String>, into dict: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            dict[first] = value
        } else {
            var inner = dict[first] as? [String: Any] ?? [:]
            insert(value, at: path.dropFirst(), into: &inner)
            dict[first] = inner
        }
    }

    /// Nested dictionaries as context objects, for mustache.
    static func contextObject(_ dict: [String: Any]) -> ContextObject {
        var out: [String: Any] = [:]
        for (key, value) in dict where (value as? String)?.isEmpty != true {
            out[key] = (value as? [String: Any]).map(contextObject) ?? value
        }
        return ContextObject(out)
    }

    static func flatten(_ value: Any?, prefix: String, into out: inout [String: String]) {
        if let dict = value as? [AnyHashable: Any] {
            for (key, inner) in dict { flatten(inner, prefix: prefix.isEmpty ? "\(key)" : "\(prefix).\(key)", into: &out) }
        } else if let list = value as? [Any] {
            for (i, inner) in list.enumerated() { flatten(inner, prefix: "\(prefix).\(i + 1)", into: &out) }
        } else if let value {
            out[prefix] = "\(value)"
        }
    }
}

/// A theme that cannot be used: the build stops before writing anything.
public enum ThemeError: Error, CustomStringConvertible {
    case missing(String)
    case unreadable(String)
    case template(file: String, line: Int, message: String)
    case missingLanguage(language: String, file: String)
    case strings(file: String, message: String)
    case missingKey(language: String, key: String, count: Int, file: String)
    case missingTemplate(String, String)
    case symbolicLink(String, target: String)

    public var description: String {
        switch self {
        case .missing(let path): "theme folder not found: \(path)"
        case .unreadable(let path): "\(path): cannot read this template as UTF-8"
        case .template(let file, let line, let message): "\(file):\(line): error: template does not parse: \(message)"
        case .missingLanguage(let language, let file): "\(file): error: no interface strings for language '\(language)' (create this file)"
        case .strings(let file, let message): "\(file): error: interface strings are not valid YAML: \(message)"
        case .missingKey(let language, let key, let count, let file):
            "\(file): error: interface string '\(key)' is missing for language '\(language)'" + (count > 1 ? " (and \(count - 1) more)" : "")
        case .missingTemplate(let name, let folder): "template '\(name)' not found in \(folder)"
        case .symbolicLink(let path, let target):
            "\(path): error: the theme holds a symbolic link (to \(target)); themes are read from their own files only — replace the link by a copy"
        }
    }
}

/// A context dictionary as a class: mustache finds children through `MustacheParent` with one
/// cached protocol check per object, instead of a conditional-conformance lookup on every
/// dictionary at every name it resolves.
final class ContextObject: MustacheParent {
    let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? { values[name] }
}

/// Immutable after the theme is loaded, so sharing it between render threads is safe.
struct NestedStrings: @unchecked Sendable {
    let byLanguage: [String: ContextObject]
}
