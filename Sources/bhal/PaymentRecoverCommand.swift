import ArgumentParser
import DeviceCore
import Foundation
import PaymentTerminal

/// `bhal payment recover`: resolves payments left in doubt, with the terminal, booking nothing.
struct PaymentRecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Resolve payments left pending or in doubt with the terminal (Repeat Receipt); never books anything.",
        discussion: "Exit codes: 0 nothing left in doubt, 1 an entry is still in doubt or the terminal/journal failed, 2 usage.")

    @OptionGroup var options: PaymentTerminalOptions

    struct Line: Encodable {
        var requestID: String
        var status: String
        var outcome: String?
        var receiptNumber: Int?
        var reason: String?
    }

    func run() async throws {
        let lines = try await options.withTerminal(recoverFirst: false) { terminal throws(DeviceError) -> [Line] in
            try await terminal.recoverInDoubtPayments().map { resolution in
                switch resolution.status {
                case .completed(let result):
                    Line(requestID: resolution.requestID, status: "completed", outcome: result.outcome.rawValue,
                         receiptNumber: result.receiptNumber, reason: result.message)
                case .stillInDoubt(let reason):
                    Line(requestID: resolution.requestID, status: "inDoubt", reason: reason)
                case .inProgress:
                    Line(requestID: resolution.requestID, status: "inProgress", reason: "another process is running this payment")
                }
            }
        }
        if options.json {
            print(try JSONText.encode(lines))
        } else if lines.isEmpty {
            print("Nothing to recover: no payment is pending or in doubt for this terminal.")
        } else {
            print(TextTable.render([["REQUEST", "STATUS", "OUTCOME", "RECEIPT", "NOTE"]] + lines.map {
                [$0.requestID, $0.status, $0.outcome ?? "-", $0.receiptNumber.map(String.init) ?? "-", $0.reason ?? ""]
            }))
        }
        if lines.contains(where: { $0.status != "completed" }) { throw ExitCode(ExitStatus.failed) }
    }
}
