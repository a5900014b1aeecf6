import Logging
import ServiceLifecycle
import UnixSignals

/// Traps SIGHUP (which would otherwise end the process) and reads the token file again, logging
/// whether it holds a usable token, so `systemctl reload` or `kill -HUP` after a rotation is safe
/// and tells the operator at once if the new file is broken. Requests read the file anyway.
struct TokenReloadOnHangup: Service {
    let tokenFile: PairingTokenFile
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                do {
                    _ = try await tokenFile.current()
                    logger.notice("SIGHUP: pairing token file read again", metadata: ["path": "\(tokenFile.path)"])
                } catch {
                    logger.error("SIGHUP: the pairing token file holds no usable token; requests are refused until it does",
                                 metadata: ["path": "\(tokenFile.path)", "problem": "\(error)"])
                }
            }
        }
    }
}
