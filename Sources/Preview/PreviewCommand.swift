import Logging
import SiteBuilder

/// What `audit-site serve` runs: the real builder behind the preview server.
public enum PreviewCommand {
    public static func run(options: BuildOptions, host: String, port: Int) async throws {
        var logger = Logger(label: "audit-site.serve")
        logger.logLevel = .info
        let server = PreviewServer(site: BuilderSite(options: options), host: host, port: port, logger: logger)
        try await server.run()
    }
}
