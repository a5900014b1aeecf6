// Fuzz target: one ZVT APDU decoded as a message — `ZVTMessage.decode(bytes:charset:)` in every
// character set (positional fields, BMPs, TLV containers, text).
//
// Invariants: never traps; error and warning offsets lie within the input; a decoded message that
// encodes again decodes to a message that encodes to the same bytes (encoding is stable).
import FuzzSupport
import PaymentTerminal

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZVTMessage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    for charset in ZVTCharset.allCases {
        let message: ZVTMessage
        do throws(ZVTDecodingError) {
            message = try ZVTMessage.decode(bytes: bytes, charset: charset)
        } catch {
            invariant(offsetInInput(error.offset, count: bytes.count), "\(charset): error offset \(error.offset) outside \(bytes.count) bytes")
            continue
        }
        for warning in message.warnings {
            invariant(offsetInInput(warning.offset, count: bytes.count), "\(charset): warning offset \(warning.offset) outside \(bytes.count) bytes")
        }
        _ = message.description
        _ = message.resultCode
        _ = message.amountCents
        _ = message.tlv
        // Re-encoding may normalise (shortest lengths, text through the charset); after one round
        // the bytes must be stable.
        guard let first = try? message.apdu(charset: charset).encoded() else { continue }
        do throws(ZVTDecodingError) {
            let again = try ZVTMessage.decode(bytes: first, charset: charset)
            let second = try? again.apdu(charset: charset).encoded()
            invariant(second == first, "\(charset): \(message.type) re-encoding is not stable")
        } catch {
            invariant(false, "\(charset): \(message.type) encodes to bytes it cannot decode: \(error)")
        }
    }
    return 0
}
