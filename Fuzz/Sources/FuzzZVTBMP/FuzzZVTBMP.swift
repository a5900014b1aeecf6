// Fuzz target: BMP field lists — `ZVTBMPCodec.decodeFields(_:baseOffset:charset:)`.
//
// Invariants: never traps; error and warning offsets lie within the input, shifted by
// `baseOffset`; decoded fields that encode again re-encode stably.
import FuzzSupport
import PaymentTerminal

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZVTBMP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let base = 3  // as in an APDU: the fields follow CLASS INSTR LEN
    for charset in ZVTCharset.allCases {
        let decoded: (fields: [ZVTField], warnings: [ZVTDecodingWarning])
        do throws(ZVTDecodingError) {
            decoded = try ZVTBMPCodec.decodeFields(bytes, baseOffset: base, charset: charset)
        } catch {
            invariant(offsetInInput(error.offset, count: bytes.count, base: base), "\(charset): error offset \(error.offset) outside base \(base) + \(bytes.count)")
            continue
        }
        for warning in decoded.warnings {
            invariant(offsetInInput(warning.offset, count: bytes.count, base: base), "\(charset): warning offset \(warning.offset) outside the input")
        }
        guard let first = try? ZVTBMPCodec.encodeFields(decoded.fields, charset: charset) else { continue }
        do throws(ZVTDecodingError) {
            let again = try ZVTBMPCodec.decodeFields(first, charset: charset)
            let second = try? ZVTBMPCodec.encodeFields(again.fields, charset: charset)
            invariant(second == first, "\(charset): BMP re-encoding of \(decoded.fields.count) fields is not stable")
        } catch {
            invariant(false, "\(charset): fields encode to bytes they cannot decode: \(error)")
        }
    }
    return 0
}
