/// A started preview server: where it listens and how to stop it.
public struct RunningPreview: Sendable {
    public let host: String
    /// The bound port (the real one when started with port 0).
    public let port: Int
    private let stopAction: @Sendable () async -> Void

    init(host: String, port: Int, stop: @escaping @Sendable () async -> Void) {
        self.host = host
        self.port = port
        self.stopAction = stop
    }

    /// `http://127.0.0.1:8000/`; IPv6 hosts in brackets, wildcard binds shown as `localhost`.
    public var url: String {
        var name = HostPolicy.isWildcard(host) ? "localhost" : host
        if name.contains(":"), !name.hasPrefix("[") { name = "[\(name)]" }
        return "http://\(name):\(port)/"
    }

    /// Stops watching, closes event streams and the listener, and waits for all of it.
    /// A build in progress is allowed to finish. Safe to call more than once.
    public func stop() async {
        await stopAction()
    }
}
