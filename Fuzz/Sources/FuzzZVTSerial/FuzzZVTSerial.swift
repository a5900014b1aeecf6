// Fuzz target: ZVT over RS-232 — `ZVTSerialDecoder` (DLE STX … DLE ETX CRC frames, ACK, NAK).
//
// Invariants: never traps; fed in pieces it yields the events, or the error, it yields fed at
// once; error offsets lie within the input; every decoded APDU framed again decodes to itself.
import FuzzSupport
import PaymentTerminal

/// Decodes `pieces` with a fresh decoder: every event before the first error, then that error.
/// (`append` + `next()`, not `decode(_:)`: that drops the events of a piece that ends in an error.)
func decodeSerial(_ pieces: [ArraySlice<UInt8>]) -> (events: [ZVTSerialEvent], error: ZVTDecodingError?) {
    var decoder = ZVTSerialDecoder(maxAPDULength: 4096)
    var events: [ZVTSerialEvent] = []
    do throws(ZVTDecodingError) {
        for piece in pieces {
            decoder.append(piece)
            while let event = try decoder.next() { events.append(event) }
        }
        try decoder.finish()
        return (events, nil)
    } catch {
        return (events, error)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZVTSerial(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let whole = decodeSerial([bytes[...]])
    let split = decodeSerial(pieces(of: bytes))
    invariant(whole.events == split.events, "split stream gave \(split.events.count) events, whole \(whole.events.count)")
    invariant(whole.error == split.error, "split stream error \(String(describing: split.error)) != \(String(describing: whole.error))")
    if let error = whole.error {
        invariant(offsetInInput(error.offset, count: bytes.count), "error offset \(error.offset) outside \(bytes.count) bytes")
    }
    for case .apdu(let apdu) in whole.events {
        guard let frame = try? ZVTSerialFrame.encode(apdu) else {
            invariant(false, "decoded APDU \(apdu) cannot be framed")
            return 0
        }
        let again = decodeSerial([frame[...]])
        invariant(again.error == nil && again.events == [.apdu(apdu)], "APDU \(apdu) does not round-trip through a frame")
    }
    return 0
}
