import Foundation
import Hummingbird

/// Answers every request: the host check first, then the events channel or a site file.
///
/// A plain `HTTPResponder` rather than a `Router`: the router would match and normalise paths
/// before we see them, and here the raw request target must reach `PathGuard` untouched.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let files: SiteFiles
    let channel: ReloadChannel
    let hostGuard: HostGuard<Context>

    func respond(to request: Request, context: Context) async throws -> Response {
        try await hostGuard.handle(request, context: context) { request, _ in
            await route(request)
        }
    }

    private func route(_ request: Request) async -> Response {
        let target = request.head.path ?? "/"
        let isHead = request.method == .head
        guard request.method == .get || isHead else {
            var response = Response.plainText(.methodNotAllowed, "Only GET and HEAD.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        if target.prefix(while: { $0 != "?" }) == ReloadScript.eventsPath {
            return await events(request)
        }
        let response = siteResponse(for: target)
        return isHead ? response.createHeadResponse() : response
    }

    private func events(_ request: Request) async -> Response {
        guard HostPolicy.allowsOrigin(request.headers[.origin], authority: request.head.authority) else {
            return .plainText(.forbidden, "Cross-origin event requests are refused.\n")
        }
        guard request.method == .get else {
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"])
        }
        let frames = await channel.subscribe()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                // Ends when the channel closes (server stopping) or a write fails (page gone).
                for await frame in frames {
                    try await writer.write(ByteBuffer(string: frame))
                }
                try await writer.finish(nil)
            }
        )
    }

    private func siteResponse(for target: String) -> Response {
        let sitePath: PathGuard.SitePath
        switch PathGuard.resolve(target: target) {
        case .success(let path): sitePath = path
        case .failure(.malformed): return .plainText(.badRequest, "Bad request path.\n")
        case .failure(.traversal): return .plainText(.forbidden, "Forbidden.\n")
        }
        switch files.lookup(sitePath) {
        case .file(let path):
            guard let response = fileResponse(path, status: .ok) else { return notFound() }
            return response
        case .redirect(var location):
            // Keep the query; `location` starts with a single `/`, so it can only point here.
            if let query = target.firstIndex(of: "?") { location += target[query...].prefix { $0 != "#" } }
            var response = Response.plainText(.movedPermanently, "Moved to \(location)\n")
            response.headers[.location] = location
            return response
        case .forbidden:
            return .plainText(.forbidden, "Forbidden.\n")
        case .notFound:
            return notFound()
        }
    }

    /// The site's own `404.html` when it has one, else a minimal page; both carry the reload
    /// script, so a page that does not exist yet appears as soon as a build creates it.
    private func notFound() -> Response {
        if let page = files.notFoundPage(), let response = fileResponse(page, status: .notFound) {
            return response
        }
        let html = "<!doctype html><meta charset=utf-8><title>Not found</title><body><h1>404 Not Found</h1></body>"
        return Self.response(bytes: ReloadScript.inject(into: Array(html.utf8)), contentType: ContentTypes.byExtension["html"]!, status: .notFound)
    }

    private func fileResponse(_ path: String, status: HTTPResponse.Status) -> Response? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let contentType = ContentTypes.forPath(path)
        let bytes = ContentTypes.isHTML(contentType) ? ReloadScript.inject(into: [UInt8](data)) : [UInt8](data)
        return Self.response(bytes: bytes, contentType: contentType, status: status)
    }

    private static func response(bytes: [UInt8], contentType: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: contentType,
                // Always fetch fresh: the whole point of a preview is seeing the latest build.
                .cacheControl: "no-store",
                .xContentTypeOptions: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
