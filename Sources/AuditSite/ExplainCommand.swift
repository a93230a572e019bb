import ArgumentParser
import Diagnostics
import Extraction
import Foundation
import SiteBuilder

/// `audit-site explain FILE`: what was understood from one report, each fact with its line, and
/// the structure that was not understood — to see why a report reads as it does, and to check a new
/// report's shape before it lands in the portal.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain",
                                                    abstract: "Show what was understood from one report, fact by fact with its line.")
    @Argument(help: "The report (Markdown).") var file: String
    @Option(help: "Site configuration for the vocabulary and ID pattern (optional unless given).") var config: String?
    @Option(help: "text or json.") var format: ExplainFormat = .text

    enum ExplainFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        do {
            let configURL = URL(fileURLWithPath: config ?? "site.yaml")
            let siteConfig = try SiteConfig.load(configURL, required: config != nil, display: config ?? "site.yaml")
            let url = URL(fileURLWithPath: file)
            let explanation = try ReportExplanation.explain(file: url, config: siteConfig, display: file)
            Console.output(format == .json ? ExplanationFormatter.json(explanation) : ExplanationFormatter.text(explanation))
        } catch {
            throw Console.fail(error)
        }
    }
}
