import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing pages fast: tens of thousands of folders and files per build.
enum PageFiles {
    /// Creates page folders with plain `mkdir` calls, parents first (FileManager's recursive creation
    /// costs a stat per level for every one of tens of thousands of folders).
    static func makeDirectories(_ directories: Set<String>, in folder: URL) throws {
        var all: Set<String> = []
        for directory in directories where !directory.isEmpty {
            var path = directory
            while !path.isEmpty, all.insert(path).inserted {
                path = parent(of: path)
            }
        }
        let root = folder.path
        // Parents before children: a parent's path is shorter (the order among equals does not matter).
        for directory in all.sorted(by: { $0.utf8.count < $1.utf8.count }) {
            let path = root + "/" + directory
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw BuildError.fatal("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The folder of a relative output path (`en/projects/x/index.html` → `en/projects/x`, `index.html`
    /// → empty): the paths a build writes have single slashes and no trailing one, so this is the
    /// part before the last slash (`NSString.deletingLastPathComponent`, without its cost per page).
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// A hash of every byte (`Data.hashValue` only looks at a prefix and the length, so two pages that
    /// differ in one word would look the same and the changed one would not be written).
    static func contentHash(_ data: some ContiguousBytes) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// Plain open/write/close: Foundation's `Data.write` adds attribute and auxiliary-file work that
    /// costs more than the write itself over tens of thousands of pages.
    static func writeFile(_ data: some ContiguousBytes, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BuildError.fatal("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    throw BuildError.fatal("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
