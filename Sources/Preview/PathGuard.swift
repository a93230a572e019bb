/// Turns the raw request target into a path inside the built site, or refuses it.
///
/// Pure string work, no file system access, so every traversal trick can be unit-tested. It is
/// deliberately stricter than a URL parser: browsers already normalise `.`/`..` and never send
/// empty segments, so anything odd here comes from a hand-made request and is refused rather
/// than "repaired". Containment is checked a second time on the real path (`isInside`) after
/// symlinks are resolved, see `SiteFiles`.
enum PathGuard {
    /// A validated, decoded location below the site root.
    struct SitePath: Equatable, Sendable {
        /// Decoded segments below the root; empty for the root itself.
        var segments: [String]
        /// The target ended in `/`, so it names a folder (served through its `index.html`).
        var namesFolder: Bool
        /// The path part of the target as received (still encoded), used to build redirects.
        var rawPath: String

        var relativePath: String { segments.joined(separator: "/") }
    }

    enum Refusal: Error, Equatable {
        /// Bad encoding, NUL or control characters, backslashes, empty or encoded separators: 400.
        case malformed
        /// A `.` or `..` segment, however it was encoded: 403.
        case traversal
    }

    static func resolve(target: String) -> Result<SitePath, Refusal> {
        // The query and fragment never name a file.
        let rawPath = String(target.prefix { $0 != "?" && $0 != "#" })
        guard rawPath.first == "/" else { return .failure(.malformed) }
        // Raw control characters, spaces and backslashes never occur in a URL a browser sends;
        // a backslash is a separator on some systems, so it is refused before decoding too.
        if rawPath.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) {
            return .failure(.malformed)
        }

        let rawSegments = rawPath.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var segments: [String] = []
        for (index, raw) in rawSegments.enumerated() {
            let isLast = index == rawSegments.count - 1
            if raw.isEmpty {
                // Only a trailing slash may leave an empty segment: `//host/x` is also the shape of
                // a protocol-relative URL and would turn the folder redirect into an open redirect.
                if isLast { continue }
                return .failure(.malformed)
            }
            switch decodeSegment(raw) {
            case .success(let segment): segments.append(segment)
            case .failure(let refusal): return .failure(refusal)
            }
        }
        let namesFolder = rawPath == "/" || rawPath.hasSuffix("/")
        return .success(SitePath(segments: segments, namesFolder: namesFolder, rawPath: rawPath))
    }

    /// `true` when `path` is `root` or below it. Both must already be real (symlink-free) paths.
    static func isInside(_ path: String, root: String) -> Bool {
        if path == root || root == "/" { return path.hasPrefix("/") }
        return path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Decodes one segment exactly once; a second layer (`%252e`) stays literal and simply names
    /// no file, so double encoding cannot smuggle a `..` past this check.
    private static func decodeSegment(_ raw: Substring.UTF8View.SubSequence) -> Result<String, Refusal> {
        guard let bytes = percentDecode(raw) else { return .failure(.malformed) }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return .failure(.malformed) }
        if bytes.contains(UInt8(ascii: "/")) || bytes.contains(UInt8(ascii: "\\")) { return .failure(.malformed) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard Array(text.utf8) == bytes else { return .failure(.malformed) }  // not valid UTF-8
        if text == "." || text == ".." { return .failure(.traversal) }
        return .success(text)
    }

    /// `%XX` decoding; `nil` for a truncated or non-hex escape. `+` is left alone (paths, not forms).
    static func percentDecode<Bytes: Collection<UInt8>>(_ raw: Bytes) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var iterator = raw.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                result.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
