/// Decides whether a link or image URL from a report may appear in the portal.
///
/// cmark-gfm's safe mode refuses `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs; we
/// render HTML ourselves, so we refuse them here, after undoing what browsers undo (entity and
/// percent encoding are already decoded by cmark; ASCII whitespace and control characters inside
/// the scheme are ignored by browsers, so they are ignored here too). Images must not load anything
/// from outside the site (the portal is read offline), so remote images become links.
public enum URLSafety {
    public enum Verdict: Equatable {
        case safe
        /// A remote resource: fine as a link, never loaded as an image.
        case remote
        case refused
    }

    public static func check(_ url: String, forImage: Bool = false) -> Verdict {
        // Browsers strip leading/trailing C0 controls and spaces, and remove tabs and newlines anywhere.
        var cleaned = ""
        for scalar in url.unicodeScalars where !(scalar.value <= 0x20 || scalar.value == 0x7F) {
            cleaned.unicodeScalars.append(scalar)
        }
        let lower = cleaned.lowercased()
        guard let colon = lower.firstIndex(of: ":") else { return .safe }
        let scheme = lower[..<colon]
        // A colon after a path, query or fragment character is not a scheme separator.
        if scheme.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return .safe }
        switch scheme {
        case "http", "https", "ftp":
            return forImage ? .remote : .safe
        case "mailto", "tel":
            return forImage ? .refused : .safe
        case "data":
            let rest = lower[lower.index(after: colon)...]
            let imageTypes = ["image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp"]
            if forImage, imageTypes.contains(where: { rest.hasPrefix($0) }) { return .safe }
            return .refused
        default:
            return .refused
        }
    }
}
