import DeviceCore
import Foundation
import PaymentTerminal
import ReceiptPrinter
import TerminalRuntime

// The README's "Using the library" example, compiled here so it cannot rot
// (UsingTheLibraryTests checks that README.md shows this code verbatim and runs it).

// README-EXAMPLE-BEGIN
/// Takes a fee on the kiosk's terminal and prints the fee receipt with the customer receipt.
func takeFee(cents: Int, bookingID: String, registry: DeviceRegistry) async throws -> PaymentResult {
    let terminal = try registry.paymentTerminal("payment")    // typed handles, no downcasts
    let printer = try registry.receiptPrinter("receipt")
    try await terminal.open()
    try await terminal.claim()
    try await printer.open()

    _ = try await terminal.recoverInDoubtPayments()          // settle what a crash left in doubt
    let result = try await terminal.authorize(amountCents: cents, requestID: bookingID) { display in
        print("screen: \(display.text)")                      // ZVT 04 FF as a typed PaymentDisplay
    }
    await terminal.close()
    guard result.outcome == .approved else { await printer.close(); return result }   // journaled either way

    let fee = String(format: "%d,%02d €", cents / 100, cents % 100)
    let receipt = Receipt(elements: [.text("Gebühr \(fee)", style: TextStyle(bold: true)), .rule()]
        + result.customerReceipt.map { .text($0) } + [.cut(.partial)])
    let job = try ESCPOSEncoder(profile: .default).encode(receipt).bytes
    do {
        try await printer.printRaw(job)
    } catch {
        try registry.receiptSpool("receipt").add(job)           // `bhal printer resume` prints it once
    }
    await printer.close()
    return result
}

// At start-up: the configuration file, the SQLite journal, $BHAL_ZVT_PASSWORD, the spool.
// let registry = try DeviceRegistry(configuration: ConfigurationLoader().load(path: "/etc/buergerhal/bhal.yaml"),
//                                   context: BackendContext(journalPath: "/var/lib/buergerhal/payments.sqlite"))
// README-EXAMPLE-END
