import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of the cache folder, for readings and pages alike: an entry is written through a
/// temporary file and a rename (a killed build leaves no half entry), and a build deletes the entries
/// it did not use, with the temporary files a killed build left.
enum CacheFiles {
    static func store(_ bytes: some ContiguousBytes, as name: String, in folder: String) {
        let temporary = folder + "/.\(name).\(getpid()).tmp"
        do {
            try PageFiles.writeFile(bytes, to: temporary)
            if rename(temporary, folder + "/" + name) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// Deletes the entries (names ending in `suffix`) not in `used`, and leftover temporary files.
    static func prune(_ folder: String, suffix: String, keeping used: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where (name.hasSuffix(suffix) || name.hasSuffix(".tmp")) && !used.contains(name) {
            unlink(folder + "/" + name)
        }
    }
}
