import Foundation

/// The step that copies a whole recorded site back from `--cache` when nothing changed.
extension SiteBuilder {
    /// What `restore` found in the cache.
    enum Restoration {
        case restored
        /// No site built from these inputs: the build goes on, and records its site under this key.
        case missed(recordKey: String)
    }

    /// With `--cache`, when the cache holds a whole site built from exactly these inputs, copies it
    /// into place and reports what that build reported, without reading a report.
    func restore(_ loaded: Loaded, _ scan: ContentScanner.Result, _ report: inout BuildReport) throws -> Restoration {
        guard let pages = loaded.pageCache, let readings = loaded.sourceCache else { return .missed(recordKey: "") }
        let limit = loaded.config.maxFileBytes
        let keys = Parallel.map(scan.files) { file in (path: file.path, key: readings.currentKey(for: file, maximumFileSize: limit)) }
        let recordKey = pages.recordKey(files: keys, projectFiles: scan.projectFiles, scanDiagnostics: scan.diagnostics)
        guard let record = pages.record(recordKey) else { return .missed(recordKey: recordKey) }
        let output = OutputFolder(url: options.outputDirectory, display: options.display(options.outputDirectory))
        var restored = report
        restored.diagnostics = record.diagnostics
        if options.strict, restored.errorCount > 0 {
            report = restored
            throw BuildFailure(report: report, strict: true)
        }
        let staging = try output.makeStaging()
        do {
            try PageFiles.makeDirectories(Set(record.files.map { ($0.path as NSString).deletingLastPathComponent }), in: staging)
            let folder = staging.path
            let copied = Parallel.map(record.files) { (file: SiteRecord.File) -> Bool in pages.copy(file.entry, to: folder + "/" + file.path) }
            guard !copied.contains(false) else {
                try? FileManager.default.removeItem(at: staging)
                return .missed(recordKey: recordKey)
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
        pages.prune(keeping: Set(record.files.map(\.entry) + [recordKey]))
        readings.prune(keeping: Set(keys.map(\.key)))
        return .restored
    }
}
