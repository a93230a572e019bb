/// The live-reload snippet added to HTML while serving.
///
/// It is injected into responses only, never written to the output folder, so a built site is
/// byte-for-byte the same whether or not it was previewed. The overlay text is set with
/// `textContent`, so messages containing `<`/`&` are shown escaped, never interpreted as HTML.
enum ReloadScript {
    /// The server-sent events endpoint; a prefix no generated page can collide with.
    static let eventsPath = "/__audit-site/events"

    static let tag = """
    <script>(()=>{const s=new EventSource("\(eventsPath)");let o;\
    s.addEventListener("reload",()=>location.reload());\
    s.addEventListener("diagnostics",e=>{const d=JSON.parse(e.data);if(o){o.remove();o=null}if(!d.length)return;\
    o=document.createElement("pre");o.id="__audit-site-overlay";\
    o.style.cssText="position:fixed;inset:0;z-index:2147483647;margin:0;padding:2em;overflow:auto;\
    background:rgba(30,0,0,.93);color:#fdd;font:14px/1.5 monospace;white-space:pre-wrap";\
    o.textContent="Build failed; showing the last good version.\\n\\n"+d.map(x=>x.text).join("\\n");\
    document.body.append(o)})})()</script>
    """

    private static let tagBytes = Array(tag.utf8)
    private static let closingBody = Array("</body".utf8)

    /// Inserts the script just before the last `</body` (any case); appends it when there is none,
    /// so fragments and sloppy pages still reload.
    static func inject(into html: [UInt8]) -> [UInt8] {
        var result = html
        result.insert(contentsOf: tagBytes, at: lastClosingBody(in: html) ?? html.endIndex)
        return result
    }

    static func inject(into html: String) -> String {
        String(decoding: inject(into: Array(html.utf8)), as: UTF8.self)
    }

    /// Works on bytes (ASCII case folding) so pages in any ASCII-compatible encoding survive intact.
    private static func lastClosingBody(in html: [UInt8]) -> Int? {
        guard html.count >= closingBody.count else { return nil }
        var start = html.count - closingBody.count
        while start >= 0 {
            var matches = true
            for offset in 0..<closingBody.count where lowercased(html[start + offset]) != closingBody[offset] {
                matches = false
                break
            }
            if matches { return start }
            start -= 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
