import ArgumentParser
import Diagnostics
import Extraction
import Foundation
import Preview
import SiteBuilder

/// The command line: parses arguments and hands over to SiteBuilder and Preview.
@main
struct AuditSiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-site",
        abstract: "Turns a folder of Markdown audit reports into a bilingual static portal.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Init.self],
        defaultSubcommand: Build.self
    )
}

/// Options shared by every command that builds.
struct SiteOptions: ParsableArguments {
    @Option(help: "Folder of reports: content/<project>/<name>[.<lang>].md") var content = "content"
    @Option(help: "Theme folder.") var theme = "themes/default"
    @Option(help: "Site configuration (optional unless given).") var config: String?
    @Option(name: .customLong("base-url"), help: "Absolute URL the site is published at (for canonical and hreflang links).") var baseURL: String?
    @Flag(help: "Fail on any error diagnostic (check: also on warnings).") var strict = false

    func buildOptions(output: String) -> BuildOptions {
        BuildOptions(contentDirectory: URL(fileURLWithPath: content), outputDirectory: URL(fileURLWithPath: output),
                     themeDirectory: URL(fileURLWithPath: theme), configFile: URL(fileURLWithPath: config ?? "site.yaml"),
                     configRequired: config != nil, baseURL: baseURL, strict: strict)
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic], format: DiagnosticFormat, minimum: Diagnostic.Severity) {
    let shown = diagnostics.filter { $0.severity >= minimum }
    guard !shown.isEmpty || format == .json else { return }
    let text = DiagnosticFormatter.format(shown, as: format)
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    return ExitCode(1)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the portal into the output folder.")
    @OptionGroup var site: SiteOptions
    @Option(help: "Output folder.") var output = "public"
    @Flag(help: "Print only errors.") var quiet = false
    @Flag(help: "Print every diagnostic, infos included, and step timings.") var verbose = false

    func run() throws {
        do {
            let report = try SiteBuilder(options: site.buildOptions(output: output)).build()
            printDiagnostics(report.diagnostics, format: .text, minimum: quiet ? .error : verbose ? .info : .warning)
            if !quiet { print("audit-site: \(report.summary)") }
        } catch {
            throw fail(error)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run everything but writing and print diagnostics (for CI).")
    @OptionGroup var site: SiteOptions
    @Option(help: "text, json or github (annotations).") var format: DiagnosticFormat = .text
    @Option(name: .customLong("fail-on"), parsing: .upToNextOption,
            help: "Gates: score-drop, open-critical, sla (comma or space separated).") var failOn: [String] = []

    func run() throws {
        do {
            var gates: [CheckRules.Gate] = []
            for word in failOn.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let gate = CheckRules.Gate(rawValue: word) else {
                    throw ValidationError("unknown --fail-on condition '\(word)' (known: \(CheckRules.Gate.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                gates.append(gate)
            }
            let report = try SiteBuilder(options: site.buildOptions(output: "public")).check(gates: gates)
            printDiagnostics(report.diagnostics, format: format, minimum: format == .text ? .warning : .info)
            let failing = report.errorCount > 0 || (site.strict && report.warningCount > 0)
            if format == .text { FileHandle.standardError.write(Data("audit-site check: \(report.summary)\n".utf8)) }
            if failing { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail(error)
        }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build, serve on loopback, rebuild and reload pages on change.")
    @OptionGroup var site: SiteOptions
    @Option(help: "Output folder.") var output = "public"
    @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "Port.") var port = 8000

    func run() async throws {
        try await PreviewCommand.run(options: site.buildOptions(output: output), host: host, port: port)
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a new audit skeleton and print its path.")
    @Argument(help: "Project folder name.") var project: String
    @Option(help: "Audit title.") var title: String?
    @Option(help: "fr or en.") var lang = "fr"
    @Option(help: "YYYY-MM-DD (default: today).") var date: String?
    @Option(help: "Content folder.") var content = "content"

    func run() throws {
        guard let day = date.map({ AuditDate(iso: $0) }) ?? today() else { throw ValidationError("--date must be YYYY-MM-DD") }
        do {
            let file = try Scaffold.newAudit(content: URL(fileURLWithPath: content), project: project, title: title, language: lang, date: day)
            print(file.path)
        } catch {
            throw fail(error)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new portal: content/ with an example, site.yaml and the default theme.")
    @Argument(help: "Folder to create the portal in.") var directory = "."
    @Option(help: "Theme to copy.") var theme = "themes/default"

    func run() throws {
        do {
            for path in try Scaffold.initPortal(at: URL(fileURLWithPath: directory), theme: URL(fileURLWithPath: theme), today: today()!) {
                print(path)
            }
        } catch {
            throw fail(error)
        }
    }
}

func today() -> AuditDate? {
    let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
    return AuditDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
}
