import ArgumentParser
import Preview

/// `audit-site serve`: build, serve on loopback, rebuild and reload open pages on change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Build, serve on loopback, rebuild and reload pages on change.")
    @OptionGroup var site: SiteOptions
    @Option(help: "Output folder.") var output = "public"
    @Option(help: "Address to listen on (loopback by default).") var host = "127.0.0.1"
    @Option(help: "Port.") var port = 8000

    func run() async throws {
        do {
            try await PreviewCommand.run(options: site.buildOptions(output: output), host: host, port: port)
        } catch {
            // Nothing to serve (the first build could not run) or the port cannot be bound.
            throw Console.fail(error)
        }
    }
}
