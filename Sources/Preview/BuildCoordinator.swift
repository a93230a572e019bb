import Diagnostics
import Logging

/// Runs builds one at a time and turns each outcome into terminal output and browser events.
///
/// Builds write into the same output folder, so two must never overlap: changes submitted while a
/// build runs are merged and handled by a single follow-up rebuild.
actor BuildCoordinator {
    private let site: any PreviewSite
    private let channel: ReloadChannel
    private let logger: Logger
    private var pending: Set<String> = []
    private var isBuilding = false

    init(site: any PreviewSite, channel: ReloadChannel, logger: Logger) {
        self.site = site
        self.channel = channel
        self.logger = logger
    }

    /// The first, full build; returns its outcome, so that `serve` can stop when there is nothing
    /// to serve (a fatal failure). Other failures are reported like any other and the server still
    /// starts, so fixing the file recovers without a restart.
    func buildFirst() async -> PreviewBuildOutcome {
        isBuilding = true
        let outcome = await site.build()
        if !outcome.fatal {
            await report(outcome)
            await site.afterBuild()
        }
        isBuilding = false
        await drainIfIdle()
        return outcome
    }

    /// Queues a rebuild for these paths and returns once they (and anything queued meanwhile)
    /// have been built, or at once if another caller's loop will pick them up.
    func rebuild(changed: [String]) async {
        pending.formUnion(changed)
        await drainIfIdle()
    }

    private func drainIfIdle() async {
        guard !isBuilding else { return }
        isBuilding = true
        defer { isBuilding = false }
        while !pending.isEmpty {
            let batch = pending.sorted()
            pending = []
            logger.info("Changed: \(batch.map(Self.shortName).joined(separator: ", "))")
            await report(await site.rebuild(changed: batch))
            await site.afterBuild()
        }
    }

    private func report(_ outcome: PreviewBuildOutcome) async {
        for diagnostic in outcome.diagnostics.sorted() where diagnostic.severity >= .warning {
            if diagnostic.severity == .error {
                logger.error("\(diagnostic.formatted)")
            } else {
                logger.warning("\(diagnostic.formatted)")
            }
        }
        if outcome.succeeded {
            let time = (outcome.milliseconds * 10).rounded() / 10
            logger.info("Built \(outcome.pagesWritten) page(s) in \(time) ms")
            await channel.buildSucceeded(changed: outcome.pagesWritten > 0)
        } else {
            logger.error("Build failed; still serving the last good site")
            await channel.buildFailed(outcome.diagnostics)
        }
    }

    private static func shortName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
