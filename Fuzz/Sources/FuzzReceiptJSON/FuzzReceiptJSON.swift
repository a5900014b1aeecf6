// Fuzz target: receipt JSON (`bhal print RECEIPT.json`, docs/receipt-format.md) —
// `ReceiptJSON.decode(Data)`, including its UTF-8 and syntax pre-checks.
//
// Invariants: never traps (no Foundation exception on any document); a receipt that decodes
// encodes, and its encoding decodes to the same receipt.
import FuzzSupport
import Foundation
import ReceiptPrinter

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReceiptJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let receipt: Receipt
    do throws(ReceiptError) {
        receipt = try ReceiptJSON.decode(Data(bytes))
    } catch {
        invariant(!error.message.isEmpty && !error.remedy.isEmpty, "a receipt error without message or remedy")
        return 0
    }
    do throws(ReceiptError) {
        let encoded = try ReceiptJSON.encode(receipt)
        let again = try ReceiptJSON.decode(encoded)
        invariant(again == receipt, "receipt with \(receipt.elements.count) elements does not round-trip through JSON")
    } catch {
        invariant(false, "a decoded receipt does not round-trip: \(error)")
    }
    return 0
}
