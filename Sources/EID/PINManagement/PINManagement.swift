public import SmartCard

/// PIN management of the German ID card for a basic reader (the host runs PACE): status, change
/// PIN (also transport PIN → own PIN), resume a suspended PIN (CAN, then PIN) and unblock with
/// the PUK. Each operation runs inside the caller's ONE card transaction; a wrong password is
/// reported, never retried.
public enum PINManagement {
    /// The PIN state from MSE:Set AT with the PIN reference; no PIN try is used.
    public static func status(through card: inout CardTransaction) throws(PINManagementError) -> PINState {
        do throws(PACEError) { return PINState(status: try PACETerminal.passwordStatus(.pin, through: &card)) } catch { throw .pace(error) }
    }

    /// PACE with `current` (the PIN or the 5-digit transport PIN), then RESET RETRY COUNTER
    /// `00 2C 02 03` with `new` (6 digits) under secure messaging.
    public static func changePIN(current: PACEPassword, new: PACEPassword, through card: inout CardTransaction,
                                 random: inout some RandomSource) throws(PINManagementError) -> PINOperationOutcome {
        guard current.kind == .pin else { throw .invalidInput("the current PIN must be a PIN or transport PIN, not a \(current.kind); pass the PIN") }
        guard new.kind == .pin, !new.isTransportPIN else { throw .invalidInput("the new PIN must have 6 digits; ask for a 6-digit PIN") }
        var channel = try establish(current, afterCAN: false, through: &card, random: &random).secureChannel()
        defer { channel.close() }
        let command = CommandAPDU(ins: 0x2C, p1: 0x02, p2: 0x03, data: new.digits)
        try resetRetryCounter(command, operation: "change PIN", channel: &channel, through: &card)
        return .pinChanged
    }

    /// PACE with the CAN, then PACE with the PIN in the same session: a suspended PIN gets its
    /// three tries back (a wrong PIN now blocks it).
    public static func resume(can: PACEPassword, pin: PACEPassword, through card: inout CardTransaction,
                              random: inout some RandomSource) throws(PINManagementError) -> PINOperationOutcome {
        guard can.kind == .can, pin.kind == .pin else { throw .invalidInput("resume needs the CAN and the PIN; pass them in that order") }
        var canChannel = try establish(can, afterCAN: false, through: &card, random: &random).secureChannel()
        canChannel.close()
        var pinChannel = try establish(pin, afterCAN: true, through: &card, random: &random).secureChannel()
        pinChannel.close()
        return .pinResumed
    }

    /// PACE with the PUK, then RESET RETRY COUNTER `00 2C 03 03` under secure messaging.
    public static func unblock(puk: PACEPassword, through card: inout CardTransaction,
                               random: inout some RandomSource) throws(PINManagementError) -> PINOperationOutcome {
        guard puk.kind == .puk else { throw .invalidInput("unblocking needs the PUK; pass the PUK") }
        var channel = try establish(puk, afterCAN: false, through: &card, random: &random).secureChannel()
        defer { channel.close() }
        try resetRetryCounter(CommandAPDU(ins: 0x2C, p1: 0x03, p2: 0x03), operation: "unblock PIN", channel: &channel, through: &card)
        return .pinUnblocked
    }

    private static func establish(_ password: PACEPassword, afterCAN: Bool, through card: inout CardTransaction,
                                  random: inout some RandomSource) throws(PINManagementError) -> PACEResult {
        do throws(PACEError) { return try PACETerminal.establish(password, through: &card, afterCAN: afterCAN, random: &random) } catch {
            throw .pace(error)
        }
    }

    private static func resetRetryCounter(_ command: CommandAPDU, operation: String, channel: inout SecureChannel,
                                          through card: inout CardTransaction) throws(PINManagementError) {
        let response: ResponseAPDU
        do throws(SecureMessagingError) { response = try channel.send(command, through: &card) } catch { throw .secureMessaging(error) }
        guard response.status == .success else { throw .cardRefused(operation: operation, response.status) }
    }
}
