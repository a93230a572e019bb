import ArgumentParser

/// The command line: parses arguments and hands over to SiteBuilder and Preview. One command per file.
@main
struct AuditSiteCommand: AsyncParsableCommand {
    /// Printed by `audit-site --version`; raised with each release.
    static let version = "0.10.0"

    static let configuration = CommandConfiguration(
        commandName: "audit-site",
        abstract: "Turns a folder of Markdown audit reports into a bilingual static portal.",
        version: "audit-site \(version)",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, ExplainCommand.self, NewCommand.self, InitCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
