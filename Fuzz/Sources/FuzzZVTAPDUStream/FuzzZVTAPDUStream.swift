// Fuzz target: ZVT over TCP — `ZVTAPDUStreamDecoder` (reads split anywhere) and `ZVTAPDU.decode`.
//
// Invariants: never traps; fed in pieces it yields the APDUs, or the error, it yields fed at once;
// error offsets lie within the input; every APDU re-encodes to bytes that decode to itself.
import FuzzSupport
import PaymentTerminal

/// Decodes `pieces` with a fresh decoder: every APDU before the first error, then that error.
/// (`append` + `next()`, not `decode(_:)`: that drops the APDUs of a piece that ends in an error.)
func decodeStream(_ pieces: [ArraySlice<UInt8>]) -> (apdus: [ZVTAPDU], error: ZVTDecodingError?) {
    var decoder = ZVTAPDUStreamDecoder(maxDataLength: 4096)
    var apdus: [ZVTAPDU] = []
    do throws(ZVTDecodingError) {
        for piece in pieces {
            decoder.append(piece)
            while let apdu = try decoder.next() { apdus.append(apdu) }
        }
        try decoder.finish()
        return (apdus, nil)
    } catch {
        return (apdus, error)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZVTAPDUStream(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)

    let whole = decodeStream([bytes[...]])
    let split = decodeStream(pieces(of: bytes))
    invariant(whole.apdus == split.apdus, "split stream gave \(split.apdus.count) APDUs, whole \(whole.apdus.count)")
    invariant(whole.error == split.error, "split stream error \(String(describing: split.error)) != \(String(describing: whole.error))")
    if let error = whole.error {
        invariant(offsetInInput(error.offset, count: bytes.count), "stream error offset \(error.offset) outside \(bytes.count) bytes")
    }
    for apdu in whole.apdus {
        do throws(ZVTEncodingError) {
            let encoded = try apdu.encoded()
            invariant((try? ZVTAPDU.decode(encoded)) == apdu, "APDU \(apdu) does not round-trip")
        } catch {
            invariant(false, "decoded APDU \(apdu) does not encode: \(error)")
        }
    }

    do throws(ZVTDecodingError) {
        let apdu = try ZVTAPDU.decode(bytes)
        invariant(whole.apdus == [apdu], "a single APDU decodes, but the stream gave \(whole.apdus.count)")
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count), "APDU error offset \(error.offset) outside \(bytes.count) bytes")
    }
    return 0
}
