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
    let receipts = try registry.receiptPrintService("receipt") // printer + its spool + its profile
    try await terminal.open()
    try await terminal.claim()

    _ = try await terminal.recoverInDoubtPayments()          // settle what a crash left in doubt
    let result = try await terminal.authorize(amountCents: cents, requestID: bookingID) { display in
        print("screen: \(display.text)")                      // ZVT 04 FF as a typed PaymentDisplay
    }
    await terminal.close()
    guard result.outcome == .approved else { return result }   // journaled either way

    let fee = String(format: "%d,%02d €", cents / 100, cents % 100)
    let receipt = Receipt(elements: [.text("Gebühr \(fee)", style: TextStyle(bold: true)), .rule()]
        + result.customerReceipt.map { .text($0) } + [.cut(.partial)])
    try await receipts.printer.open()
    do {
        if case .spooled(let kept) = try await receipts.print(receipt) {   // encoded for the profile
            print("receipt kept: \(kept.error.message)")         // `bhal printer resume` prints it once
        }
    } catch {
        print("receipt not printed: \(error)")                   // may have printed: never resent by itself
    }
    await receipts.printer.close()
    return result
}

// At start-up: the configuration file, the SQLite journal, $BHAL_ZVT_PASSWORD, the spool.
// let registry = try DeviceRegistry(configuration: ConfigurationLoader().load(path: "/etc/buergerhal/bhal.yaml"),
//                                   context: BackendContext(journalPath: "/var/lib/buergerhal/payments.sqlite"))
// README-EXAMPLE-END
