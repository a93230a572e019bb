import Hummingbird

/// Middleware that answers `421 Misdirected Request` unless `Host` names this machine.
///
/// It runs before anything else, so a request from a rebinding domain never reaches the site
/// files or the events channel. (HTTP/1 `Host` arrives as the request's `authority`.)
struct HostGuard<Context: RequestContext>: RouterMiddleware {
    let policy: HostPolicy

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // A second `Host` header is left among the fields; RFC 9112 says answer 400.
        if request.headers.contains(where: { $0.name.canonicalName == "host" }) {
            return .plainText(.badRequest, "Several Host headers.\n")
        }
        guard let authority = request.head.authority, policy.allows(authority: authority) else {
            return .plainText(.misdirectedRequest, "This preview server answers only to localhost.\n")
        }
        return try await next(request, context)
    }
}

extension Response {
    /// A short text response for refusals; never contains site content.
    static func plainText(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
