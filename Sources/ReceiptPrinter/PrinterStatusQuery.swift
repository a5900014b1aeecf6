/// One status query in a ``PrinterStatusDialect``, without I/O, so the TCP and USB backends share
/// it: send ``nextRequest``, feed what arrives to ``receive(_:)`` until it returns true, repeat
/// until ``nextRequest`` is `nil`, then read ``status``.
///
/// ESC/POS: `DLE EOT 1`, `2`, `4`; in what arrives after each, the newest byte with the reply
/// pattern is the reply (ASB and stray bytes are skipped). Star: `ESC ACK SOH`; the first complete
/// ASB that arrives is the reply (one the printer sent by itself is as current). Pure: never traps.
public struct PrinterStatusQuery: Sendable {
    /// How the printer is asked.
    public let dialect: PrinterStatusDialect
    private var epsonReplies: [UInt8] = []
    private var pending: [UInt8] = []
    /// The printer's condition, once every reply has arrived.
    public private(set) var status: PrinterStatus?
    /// Bytes of requests handed out so far.
    public private(set) var bytesRequested = 0
    /// Bytes received so far.
    public private(set) var bytesReceived = 0

    /// Starts a query in `dialect`.
    public init(dialect: PrinterStatusDialect) {
        self.dialect = dialect
    }

    /// The request to send next, or `nil` when ``status`` is known. Each call counts the bytes in
    /// ``bytesRequested``; call it once per request.
    public mutating func nextRequest() -> [UInt8]? {
        guard status == nil else { return nil }
        let request: [UInt8]
        switch dialect {
        case .escposRealTime:
            let queried = RealTimeStatus.queriedStatuses
            guard epsonReplies.count < queried.count else { return nil }
            request = RealTimeStatus.request(queried[epsonReplies.count])
        case .starAutomaticStatus:
            request = StarStatus.request
        }
        bytesRequested += request.count
        return request
    }

    /// Takes bytes that arrived after the last request; returns whether its reply is complete.
    public mutating func receive(_ bytes: [UInt8]) -> Bool {
        bytesReceived += bytes.count
        switch dialect {
        case .escposRealTime:
            guard let reply = bytes.last(where: RealTimeStatus.isReply) else { return false }
            epsonReplies.append(reply)
            // queriedStatuses is DLE EOT 1, 2, 4: three replies, in that order.
            if epsonReplies.count == 3 {
                status = RealTimeStatus.status(printer: epsonReplies[0], offlineCause: epsonReplies[1], paper: epsonReplies[2])
            }
            return true
        case .starAutomaticStatus:
            pending += bytes
            switch StarStatus.scan(pending) {
            case .found(let reply, _):
                pending = []
                status = reply.printerStatus
                return true
            case .incomplete(let start):
                pending.removeFirst(start)
                return false
            case .none:
                pending = []
                return false
            }
        }
    }
}
