import Foundation
import PackagePlugin

/// Compiles data files into the module that needs them (see `Sources/EmbedFiles`): the default theme
/// into `DefaultTheme`, the vocabulary into `Extraction`. Each build lists the folder again, so a file
/// added to the theme is embedded without touching the package.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    /// Which folder each target embeds, relative to the package, and the name of the generated type.
    static let embeddings: [String: (folder: String, typeName: String)] = [
        "DefaultTheme": ("themes/default", "EmbeddedThemeFiles"),
        "Extraction": ("Sources/Extraction/Resources", "EmbeddedVocabularyFiles"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let embedding = Self.embeddings[target.name] else { return [] }
        let root = context.package.directoryURL.appending(path: embedding.folder)
        let files = Self.files(under: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(embedding.typeName).swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) files of \(embedding.folder) into \(target.name)",
            executable: try context.tool(named: "EmbedFiles").url,
            arguments: [output.path, embedding.typeName, root.path] + files,
            inputFiles: files.map { root.appending(path: $0) },
            outputFiles: [output]
        )]
    }

    /// Regular files below `root`, relative and sorted; hidden files are skipped.
    static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = root.standardizedFileURL.path
        var result: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(base + "/") { result.append(String(path.dropFirst(base.count + 1))) }
        }
        return result.sorted()
    }
}
