import Foundation

/// A folder's entries and the removal of a whole tree, on the system's own calls.
///
/// A build replaces an output of tens of thousands of files: walking it with `FileManager` builds a
/// URL per entry (parsed and validated) and asks the file system for each entry's type again, and
/// `removeItem` deletes one file after the other. Here a listing reads each entry's type from the
/// directory itself, and a removal unlinks the files of a tree from both cores.
enum FileTree {
    enum Kind {
        case file, directory, symlink
    }

    struct Entry {
        let name: String
        let kind: Kind
    }

    /// The entries of `path` (not `.` and `..`), in no particular order; nil when it cannot be read.
    static func entries(of path: String) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = Self.kind(of: path + "/" + name)
            default: kind = .file
            }
            entries.append(Entry(name: name, kind: kind))
        }
        return entries
    }

    /// What `path` is, without following a symbolic link.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .file }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .file
        }
    }

    /// True when `path` is a folder (a symbolic link to one counts, as with `FileManager`).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Removes `path` and everything below it (links are removed, never followed). Files go first,
    /// from both cores; then the folders, deepest first. What cannot be removed is left.
    static func remove(_ path: String) {
        guard kind(of: path) == .directory else {
            unlink(path)
            return
        }
        var files: [String] = []
        var folders: [String] = [path]
        var index = 0
        while index < folders.count {
            let folder = folders[index]
            index += 1
            for entry in entries(of: folder) ?? [] {
                let child = folder + "/" + entry.name
                if entry.kind == .directory { folders.append(child) } else { files.append(child) }
            }
        }
        let chunks = stride(from: 0, to: files.count, by: 512).map { Array(files[$0..<min(files.count, $0 + 512)]) }
        _ = Parallel.map(chunks) { chunk in
            for file in chunk { unlink(file) }
            return true
        }
        for folder in folders.reversed() { rmdir(folder) }
    }
}
