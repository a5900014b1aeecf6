import ArgumentParser
import DeviceCore
import EID
import Foundation
import SmartCard

/// `bhal eid`: the German ID card through a basic reader (the host runs PACE): card facts, PIN
/// state and PIN management. PINs, CANs and PUKs come from files, the terminal (no echo) or
/// standard input — never from argv or the environment — and are never printed or retried.
struct EIDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eid", abstract: "German ID card (nPA): PACE info, PIN status, change, resume and unblock the PIN.",
        discussion: """
            Secrets: --pin-file/--new-pin-file/--can-file/--puk-file FILE (first line), else typed at the terminal without echo,
            else one line each from standard input in the order PIN, new PIN (change-pin); CAN, PIN (resume); PUK (unblock).
            A wrong PIN is never retried: each attempt is one run of the command.
            """,
        subcommands: [Info.self, PINStatus.self, ChangePIN.self, Resume.self, Unblock.self])

    /// `bhal eid info`
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "EF.CardAccess (PACE protocols and curves) and the PIN state; no secret needed.")

        @OptionGroup var target: EIDTargetOptions

        struct Output: Encodable {
            var pace: [String]
            var chosen: String
            var pin: EIDPINStatusOutput
        }

        func run() async throws {
            let outcome = try await withEIDReader(target) { (card: inout CardTransaction) throws(PINManagementError) -> (SecurityInfos, PACEInfo, PINState) in
                let infos: SecurityInfos
                let info: PACEInfo
                do throws(PACEError) {
                    infos = try PACETerminal.readCardAccess(through: &card)
                    (info, _) = try PACETerminal.choose(from: infos)
                } catch {
                    throw .pace(error)
                }
                return (infos, info, try PINManagement.status(through: &card))
            }
            let (infos, chosen, state) = try EIDReport.unwrap(outcome, json: target.json)
            let output = Output(pace: infos.paceInfos.map(EIDReport.describe), chosen: EIDReport.describe(chosen), pin: EIDPINStatusOutput(state))
            if target.json {
                print(try JSONText.encode(output))
                return
            }
            print(TextTable.render([["PACE", output.pace.joined(separator: "; ")], ["USED", output.chosen], ["PIN", state.description]]))
            print(state.citizenMessage)
        }
    }

    /// `bhal eid pin-status`
    struct PINStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pin-status",
                                                        abstract: "The PIN state from MSE:Set AT (no PIN try is used).")

        @OptionGroup var target: EIDTargetOptions

        func run() async throws {
            let outcome = try await withEIDReader(target) { (card: inout CardTransaction) throws(PINManagementError) -> PINState in
                try PINManagement.status(through: &card)
            }
            let state = try EIDReport.unwrap(outcome, json: target.json)
            if target.json {
                print(try JSONText.encode(EIDPINStatusOutput(state)))
            } else {
                print("PIN: \(state)")
                print(state.citizenMessage)
            }
        }
    }

    /// `bhal eid change-pin`
    struct ChangePIN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "change-pin",
                                                        abstract: "Change the PIN (also the 5-digit transport PIN) to a new 6-digit PIN.")

        @OptionGroup var target: EIDTargetOptions
        @OptionGroup var secrets: EIDSecretOptions

        func run() async throws {
            let current = try await secrets.password(.pin, prompt: "PIN (oder 5-stellige Transport-PIN / or 5-digit transport PIN)", file: secrets.pinFile)
            let new = try await secrets.newPIN()
            let outcome = try await withEIDReader(target) { (card: inout CardTransaction) throws(PINManagementError) -> PINOperationOutcome in
                var random = SystemRandomSource()
                return try PINManagement.changePIN(current: current, new: new, through: &card, random: &random)
            }
            try EIDReport.finish(outcome, json: target.json)
        }
    }

    /// `bhal eid resume`
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a suspended PIN: the CAN, then the PIN, in one session.")

        @OptionGroup var target: EIDTargetOptions
        @OptionGroup var secrets: EIDSecretOptions

        func run() async throws {
            let can = try await secrets.password(.can, prompt: "Zugangsnummer / card access number (CAN)", file: secrets.canFile)
            let pin = try await secrets.password(.pin, prompt: "PIN", file: secrets.pinFile)
            let outcome = try await withEIDReader(target) { (card: inout CardTransaction) throws(PINManagementError) -> PINOperationOutcome in
                var random = SystemRandomSource()
                return try PINManagement.resume(can: can, pin: pin, through: &card, random: &random)
            }
            try EIDReport.finish(outcome, json: target.json)
        }
    }

    /// `bhal eid unblock`
    struct Unblock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unblock a blocked PIN with the PUK from the PIN letter.")

        @OptionGroup var target: EIDTargetOptions
        @OptionGroup var secrets: EIDSecretOptions

        func run() async throws {
            let puk = try await secrets.password(.puk, prompt: "PUK", file: secrets.pukFile)
            let outcome = try await withEIDReader(target) { (card: inout CardTransaction) throws(PINManagementError) -> PINOperationOutcome in
                var random = SystemRandomSource()
                return try PINManagement.unblock(puk: puk, through: &card, random: &random)
            }
            try EIDReport.finish(outcome, json: target.json)
        }
    }
}

/// The PIN state as JSON.
struct EIDPINStatusOutput: Encodable {
    var state: String
    var triesLeft: Int?
    var message: CitizenMessage

    init(_ state: PINState) {
        self.state = state.name
        triesLeft = state.triesLeft
        message = state.citizenMessage
    }
}

/// How `bhal eid` reports outcomes: the citizen's message on standard output, the technician's
/// on standard error through ``CommandFailure`` (exit 1).
enum EIDReport {
    struct Failure: Encodable {
        var outcome = "failed"
        var error: String
        var message: CitizenMessage
    }

    struct Success: Encodable {
        var outcome: String
        var message: CitizenMessage
    }

    /// `ECDH-GM AES-128 on 13 (brainpoolP256r1)`.
    static func describe(_ info: PACEInfo) -> String {
        "\(info.protocolType) on \(info.parameterID.map { "\($0)" } ?? "unnamed parameters")"
    }

    /// The value, or the failure printed for the citizen and thrown for the technician.
    static func unwrap<T>(_ outcome: Result<T, PINManagementError>, json: Bool) throws -> T {
        switch outcome {
        case .success(let value): return value
        case .failure(let error):
            if json {
                print(try JSONText.encode(Failure(error: error.description, message: error.citizenMessage)))
            } else {
                print(error.citizenMessage)
            }
            throw CommandFailure(error.description)
        }
    }

    /// Prints a PIN operation's outcome.
    static func finish(_ outcome: Result<PINOperationOutcome, PINManagementError>, json: Bool) throws {
        let done = try unwrap(outcome, json: json)
        if json {
            print(try JSONText.encode(Success(outcome: done.rawValue, message: done.citizenMessage)))
        } else {
            print(done.citizenMessage)
        }
    }
}
