import Foundation

/// The default theme (`themes/default/` in the repository), compiled into the binary by the
/// EmbedFilesPlugin so that `audit-site` needs no theme folder. A theme folder given with `--theme`
/// or `theme:` overrides it file by file; `audit-site init` writes a copy of it.
public enum DefaultTheme {
    /// Relative path → bytes, for every file of the theme.
    public static let files: [String: Data] = {
        var files: [String: Data] = [:]
        for (path, base64) in EmbeddedThemeFiles.base64Files {
            guard let data = Data(base64Encoded: base64) else { fatalError("embedded theme file \(path) is corrupt") }
            files[path] = data
        }
        return files
    }()
}
