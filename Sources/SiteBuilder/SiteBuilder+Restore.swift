import Foundation

/// The step that copies a whole recorded site back from `--cache` when nothing changed, or finds it
/// still in the output (`OutputStamp`).
extension SiteBuilder {
    /// What `restore` found in the cache.
    enum Restoration {
        case restored
        /// No site built from these inputs: the build goes on, and records its site under this key.
        /// `keys` are the reports' cache keys by path, hashed here once: reading looks them up
        /// without reading and hashing the reports again.
        case missed(recordKey: String, keys: [String: String])
    }

    /// With `--cache`, when the cache holds a whole site built from exactly these inputs, copies it
    /// into place and reports what that build reported, without reading a report.
    func restore(_ loaded: Loaded, pages: PageCache, readings: SourceCache, _ scan: ContentScanner.Result,
                 _ report: inout BuildReport) throws -> Restoration {
        let limit = loaded.config.maxFileBytes
        let keys = Parallel.map(scan.files) { file in (path: file.path, key: readings.currentKey(for: file, maximumFileSize: limit)) }
        let recordKey = pages.recordKey(files: keys, projectFiles: scan.projectFiles, scanDiagnostics: scan.diagnostics)
        let missed = Restoration.missed(recordKey: recordKey, keys: Dictionary(keys.map { ($0.path, $0.key) }, uniquingKeysWith: { a, _ in a }))
        let output = OutputFolder(url: options.outputDirectory, display: options.display(options.outputDirectory))
        // The output still holds that site, untouched since it was written: nothing to write.
        if let (stamp, writtenAt) = pages.outputStamp(recordKey: recordKey, output: options.outputDirectory),
           stamp.isCurrent(for: options.outputDirectory, writtenAt: writtenAt) {
            var restored = report
            restored.diagnostics = stamp.diagnostics
            restored.auditCount = stamp.audits
            restored.projectCount = stamp.projects
            restored.pagesUnchanged = stamp.pages
            restored.sourcesFromCache = keys.count
            report = restored
            if options.strict, restored.errorCount > 0 { throw BuildFailure(report: report, strict: true) }
            output.removeLeftovers()
            return .restored
        }
        guard let record = pages.record(recordKey) else { return missed }
        var restored = report
        restored.diagnostics = record.diagnostics
        if options.strict, restored.errorCount > 0 {
            report = restored
            throw BuildFailure(report: report, strict: true)
        }
        pages.forgetStamp()
        let staging = try output.makeStaging()
        var copied: [OutputStamp.Identity?] = []
        do {
            try PageFiles.makeDirectories(Set(record.files.map { PageFiles.parent(of: $0.path) }), in: staging)
            let folder = staging.path
            copied = Parallel.map(record.files) { (file: SiteRecord.File) in pages.copyTaking(file.entry, to: folder + "/" + file.path) }
            guard !copied.contains(nil) else {
                try? FileManager.default.removeItem(at: staging)
                return missed
            }
            restored.diagnostics += try output.swap(in: staging, written: record.files.map(\.path))
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        restored.diagnostics.sort()
        restored.auditCount = record.audits
        restored.projectCount = record.projects
        restored.pagesWritten = record.pages
        restored.pagesFromCache = record.pages
        restored.sourcesFromCache = keys.count
        report = restored
        if let stamp = OutputStamp.take(of: options.outputDirectory, files: zip(record.files, copied).map { ($0.path, $1) }, recordKey: recordKey, report: restored) {
            pages.store(stamp)
        }
        pages.prune(keeping: Set(record.files.map(\.entry) + [recordKey]))
        readings.prune(keeping: Set(keys.map(\.key)))
        return .restored
    }
}
