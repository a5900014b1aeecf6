import ArgumentParser
import DeviceCore
import Foundation
import PaymentTerminal

/// `AMOUNT`, shared by the commands that move a sum of money.
struct PaymentAmountArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("Euros, e.g. 12.50 or 12,50 (at most two decimals).", valueName: "AMOUNT"))
    var amount: String

    func validate() throws { _ = try PaymentAmount.parse(amount) }

    /// The amount in cents (validated before `run`).
    func cents() throws -> Int { try PaymentAmount.parse(amount) }
}

/// `--request-id`, shared by the commands that move money.
struct PaymentRequestIDOption: ParsableArguments {
    @Option(name: .customLong("request-id"), help: "The caller's idempotency key for this payment (default: a new UUID).")
    var requestID: String?

    /// The given id, or a new UUID.
    var resolved: String { requestID ?? UUID().uuidString }
}

/// `bhal payment authorize AMOUNT`.
struct PaymentAuthorizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorize", abstract: "Charge AMOUNT euros to the citizen's card (ZVT Authorization 06 01).")

    @OptionGroup var amount: PaymentAmountArgument
    @OptionGroup var request: PaymentRequestIDOption
    @OptionGroup var options: PaymentTerminalOptions

    func run() async throws {
        let (cents, id) = (try amount.cents(), request.resolved)
        try await options.pay { terminal throws(DeviceError) in try await terminal.authorize(amountCents: cents, requestID: id) }
    }
}

/// `bhal payment refund AMOUNT`.
struct PaymentRefundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refund", abstract: "Pay AMOUNT euros back to a card (ZVT Refund 06 31).")

    @OptionGroup var amount: PaymentAmountArgument
    @OptionGroup var request: PaymentRequestIDOption
    @OptionGroup var options: PaymentTerminalOptions

    func run() async throws {
        let (cents, id) = (try amount.cents(), request.resolved)
        try await options.pay { terminal throws(DeviceError) in try await terminal.refund(amountCents: cents, requestID: id) }
    }
}

/// `bhal payment reverse RECEIPT`.
struct PaymentReverseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse", abstract: "Reverse today's payment with receipt number RECEIPT (ZVT Reversal 06 30).")

    @Argument(help: ArgumentHelp("The receipt number printed on the payment's receipt (1–9999).", valueName: "RECEIPT"))
    var receipt: Int

    @OptionGroup var request: PaymentRequestIDOption
    @OptionGroup var options: PaymentTerminalOptions

    func validate() throws {
        guard (1...9999).contains(receipt) else { throw ValidationError("RECEIPT must be a receipt number from 1 to 9999") }
    }

    func run() async throws {
        let (number, id) = (receipt, request.resolved)
        try await options.pay { terminal throws(DeviceError) in try await terminal.reverse(receiptNumber: number, requestID: id) }
    }
}

/// `bhal payment end-of-day`.
struct PaymentEndOfDayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-of-day", abstract: "Close the terminal's batch and submit it (ZVT End-of-Day 06 50).")

    @OptionGroup var options: PaymentTerminalOptions

    func run() async throws {
        let id = "end-of-day-\(UUID().uuidString)"
        try await options.pay { terminal throws(DeviceError) in try await terminal.endOfDay(requestID: id) }
    }
}

/// Prints a terminal status and fails unless the terminal is ready.
enum TerminalStatusOutput {
    static func finish(_ status: TerminalStatus, json: Bool) throws {
        print(json ? try JSONText.encode(status) : [status.ready ? "ready" : "not ready", status.terminalID.map { "TID \($0)" }, status.text]
            .compactMap { $0 }.joined(separator: ", "))
        guard status.ready else { throw ExitCode(ExitStatus.failed) }
    }
}

/// `bhal payment diagnosis`.
struct PaymentDiagnosisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnosis", abstract: "Let the terminal check itself and its payment host (ZVT Diagnosis 06 70).")

    @OptionGroup var options: PaymentTerminalOptions

    func run() async throws {
        try TerminalStatusOutput.finish(try await options.withTerminal { terminal throws(DeviceError) in try await terminal.diagnosis() },
                                        json: options.json)
    }
}

/// `bhal payment status`.
struct PaymentStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Ask whether the terminal is ready (ZVT Status Enquiry 05 01).")

    @OptionGroup var options: PaymentTerminalOptions

    func run() async throws {
        try TerminalStatusOutput.finish(try await options.withTerminal { terminal throws(DeviceError) in try await terminal.statusEnquiry() },
                                        json: options.json)
    }
}

/// `bhal payment abort`.
struct PaymentAbortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abort", abstract: "Ask the terminal to abort the running command (ZVT Abort 06 B0).")

    @OptionGroup var options: PaymentTerminalOptions

    func run() async throws {
        try await options.withTerminal { terminal throws(DeviceError) in try await terminal.abort() }
        print(options.json ? "{\n  \"acknowledged\" : true\n}" : "abort acknowledged")
    }
}
