import Foundation
import Hummingbird
import Logging

/// `audit-site serve`: builds the site, serves it, rebuilds on change and reloads open pages.
///
/// `run()` is for the command line (stops on Ctrl-C); `start()` is the same server as a handle,
/// so tests can bind port 0 and stop it again.
public struct PreviewServer: Sendable {
    public let site: any PreviewSite
    public let host: String
    public let port: Int
    public let logger: Logger
    /// How often the watched files are polled.
    public var pollInterval: Duration = .milliseconds(150)
    /// How often idle event streams get a comment frame, so closed pages are noticed.
    public var heartbeatInterval: Duration = .seconds(15)

    /// - Parameters:
    ///   - host: Bind address. Keep the loopback default unless you mean to expose the preview.
    ///   - port: TCP port; `0` picks a free one (see `RunningPreview.port`).
    public init(site: any PreviewSite, host: String = "127.0.0.1", port: Int = 8000, logger: Logger) {
        self.site = site
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Serves until SIGINT/SIGTERM (or cancellation of the calling task), then stops cleanly.
    public func run() async throws {
        if !HostPolicy.isLoopback(host) {
            Self.write("warning: serving on \(host), not loopback only: other machines can read the preview.\n", to: .standardError)
        }
        let running = try await start(warnIfExposed: false)
        Self.write("Serving \(running.url) (Ctrl-C to stop)\n", to: .standardOutput)
        await TerminationSignal.wait()
        Self.write("Stopping…\n", to: .standardOutput)
        await running.stop()
    }

    /// Builds, starts listening and watching, and returns once the server accepts connections.
    /// Throws if the address cannot be bound.
    public func start() async throws -> RunningPreview {
        try await start(warnIfExposed: true)
    }

    /// `run()` prints its own warning to stderr, whatever the log level, so it skips the log line.
    private func start(warnIfExposed: Bool) async throws -> RunningPreview {
        if warnIfExposed, !HostPolicy.isLoopback(host) {
            logger.warning("Listening on \(host): the preview is reachable from other machines")
        }
        let channel = ReloadChannel()
        let coordinator = BuildCoordinator(site: site, channel: channel, logger: logger)
        let watcher = FileWatcher(paths: site.watchedPaths, ignoring: site.outputDirectory, interval: pollInterval)
        // Taken before the first build, so edits made while it runs are picked up afterwards.
        let baseline = watcher.snapshot()
        let first = await coordinator.buildFirst()
        if first.fatal {
            await channel.close()
            throw PreviewStartError(message: first.diagnostics.map(\.message).joined(separator: "\n"))
        }

        let responder = PreviewResponder(
            files: SiteFiles(root: site.outputDirectory),
            channel: channel,
            hostGuard: HostGuard(policy: HostPolicy(boundHost: host))
        )
        let (ready, readyContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let requestedPort = port
        // Hummingbird's own messages repeat our "Serving …" line, and stopping by cancellation
        // makes it log a misleading "error: … CancellationError()"; keep them for debug runs only.
        var serverLogger = logger
        if logger.logLevel > .debug { serverLogger.logLevel = .critical }
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { serverChannel in
                readyContinuation.yield(.success(serverChannel.localAddress?.port ?? requestedPort))
            },
            logger: serverLogger
        )
        let serverTask = Task {
            do {
                try await app.run()
                readyContinuation.yield(.failure(CancellationError()))
            } catch {
                readyContinuation.yield(.failure(error))
            }
        }
        var readiness = ready.makeAsyncIterator()
        let boundPort: Int
        switch await readiness.next() {
        case .success(let port)?:
            boundPort = port
        case .failure(let error)?:
            await channel.close()
            throw error
        case nil:
            await channel.close()
            throw CancellationError()
        }

        let watchTask = Task {
            await watcher.run(from: baseline) { changed in
                await coordinator.rebuild(changed: changed)
            }
        }
        let heartbeat = heartbeatInterval
        let heartbeatTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: heartbeat)
                await channel.heartbeat()
            }
        }
        return RunningPreview(host: host, port: boundPort) {
            watchTask.cancel()
            heartbeatTask.cancel()
            // Open event streams are the only never-ending responses; end them first.
            await channel.close()
            serverTask.cancel()
            _ = await serverTask.result
            await watchTask.value
        }
    }

    static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}

/// The first build could not run (no theme, broken `site.yaml`, no content folder): nothing to serve.
public struct PreviewStartError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
