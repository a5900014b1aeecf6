import DeviceCore

/// One open ZVT connection, whatever the medium: sends and receives whole APDUs. Used by both
/// sides (the ECR session and the terminal simulator). Every call blocks: run it on a dedicated
/// thread. Not thread-safe: one owner.
protocol ZVTTransport: AnyObject {
    /// Bytes written so far (framing included).
    var bytesSent: Int { get }
    /// Bytes read so far (framing included).
    var bytesReceived: Int { get }
    /// Sends one APDU; on a serial line this includes waiting for the peer's ACK and the repeats.
    func send(_ apdu: ZVTAPDU) throws(ZVTSendFailure)
    /// The next APDU, or `nil` when none arrived within `milliseconds`. Throws when the link is gone
    /// or the peer's bytes break the framing.
    func receive(waitingAtMost milliseconds: Int32) throws(DeviceError) -> ZVTAPDU?
    /// Closes the connection; later calls fail as lost.
    func close()
}

/// A send that failed, and whether the peer may nevertheless have received the APDU.
///
/// `mayHaveArrived` is `false` only when the bytes provably did not reach the peer (nothing was
/// written, or a serial peer rejected every repeat with NAK). Payment code treats `true` as "in doubt".
struct ZVTSendFailure: Error, Sendable {
    /// What went wrong.
    var error: DeviceError
    /// Whether the peer may have received the APDU.
    var mayHaveArrived: Bool
}

extension DeviceError {
    /// The error for a link that the peer closed or that was never opened.
    static func zvtConnectionLost(_ operation: String, peer: String) -> DeviceError {
        DeviceError(.offline, operation: operation, message: "the connection to \(peer) was closed",
                    remedy: "Check the terminal's power and cable or network; resolve a payment in doubt (Repeat Receipt) before the next one.")
    }
}
