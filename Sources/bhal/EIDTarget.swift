import ArgumentParser
import DeviceCore
import EID
import SmartCard

/// Which card `bhal eid` talks to: a PC/SC reader by name (as `bhal card`), or the in-process
/// simulated ID card (`--simulate`), whose secrets and state are simulator options.
struct EIDTargetOptions: ParsableArguments {
    @Option(name: .long, help: "PC/SC reader name or name prefix.")
    var reader: String?

    @Flag(name: .long, help: "Use the in-process simulated ID card (test identity: CAN 123456, PIN 123456, PUK 1234567890).")
    var simulate = false

    @Option(name: .long, help: ArgumentHelp("With --simulate: the PIN's tries left (3; 2; 1 suspended; 0 blocked).", valueName: "N"))
    var simulatePinRetries = 3

    @Flag(name: .long, help: "With --simulate: the card still has its transport PIN 12345.")
    var simulateTransportPin = false

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard simulate != (reader != nil) else { throw ValidationError("name a reader with --reader NAME, or use --simulate") }
        guard (0...3).contains(simulatePinRetries) else { throw ValidationError("--simulate-pin-retries must be 0, 1, 2 or 3") }
        guard simulate || (simulatePinRetries == 3 && !simulateTransportPin) else {
            throw ValidationError("--simulate-pin-retries and --simulate-transport-pin need --simulate")
        }
    }

    /// The reader, not yet opened.
    func cardReader() throws -> any CardReader {
        if let reader { return try PCSCReaderTarget.reader(prefix: reader, logicalName: "eid") }
        let transport = simulateTransportPin ? try PACEPassword.pin("12345") : nil
        let card = SimulatedNPA(configuration: SimulatedNPAConfiguration(pin: transport, pinRetries: simulatePinRetries))
        return SimulatedCardReader(logicalName: "eid", readerName: "BuergerHAL Simulated ID card 00 00", responder: card)
    }
}

/// Where `bhal eid` reads each secret from: a file named here, else the terminal without echo,
/// else a line of standard input. Never argv, never the environment.
struct EIDSecretOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("File whose first line is the PIN (or 5-digit transport PIN).", valueName: "FILE"))
    var pinFile: String?

    @Option(name: .long, help: ArgumentHelp("File whose first line is the new 6-digit PIN (change-pin).", valueName: "FILE"))
    var newPinFile: String?

    @Option(name: .long, help: ArgumentHelp("File whose first line is the CAN (resume).", valueName: "FILE"))
    var canFile: String?

    @Option(name: .long, help: ArgumentHelp("File whose first line is the PUK (unblock).", valueName: "FILE"))
    var pukFile: String?

    /// Reads one secret (see ``EIDSecrets/password(_:prompt:file:)``).
    func password(_ kind: PACEPassword.Kind, prompt: String, file: String?) async throws -> PACEPassword {
        try await EIDSecrets.password(kind, prompt: prompt, file: file)
    }

    /// The new PIN; at a terminal it is asked twice and must match.
    func newPIN() async throws -> PACEPassword {
        let new = try await password(.pin, prompt: "Neue PIN / new PIN (6 digits)", file: newPinFile)
        guard newPinFile == nil, SecretInput.defaultSource == .terminal else { return new }
        let again = try await password(.pin, prompt: "Neue PIN wiederholen / repeat the new PIN", file: nil)
        guard again.hasSameValue(as: new) else {
            throw CommandFailure("the two new PINs differ: nothing was changed; run the command again", status: ExitStatus.usage)
        }
        return new
    }
}

/// Reading secrets into typed passwords.
enum EIDSecrets {
    /// Reads one secret from `file` or the terminal/standard input and checks its form; the value
    /// never appears in an error.
    static func password(_ kind: PACEPassword.Kind, prompt: String, file: String?) async throws -> PACEPassword {
        let text = try await SecretInput.read(prompt, file: file)
        do throws(PACEPasswordError) {
            switch kind {
            case .can: return try .can(text)
            case .pin: return try .pin(text)
            case .puk: return try .puk(text)
            case .mrz: return try .mrz(information: text)
            }
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }
}

/// Runs `body` in one transaction of `target`'s reader, opening and closing it.
func withEIDReader<T: Sendable>(_ target: EIDTargetOptions,
                                _ body: sending @escaping (inout CardTransaction) throws(PINManagementError) -> T) async throws -> Result<T, PINManagementError> {
    let reader = try target.cardReader()
    do throws(DeviceError) { try await reader.open() } catch { return .failure(.pace(.transport(error))) }
    let result: Result<T, PINManagementError>
    do throws(PINManagementError) {
        result = .success(try await reader.eidTransaction(body, transportError: { PINManagementError.pace(.transport($0)) }))
    } catch {
        result = .failure(error)
    }
    await reader.close()
    return result
}
