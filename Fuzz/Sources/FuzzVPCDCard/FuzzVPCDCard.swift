// Fuzz target: what vpcd sends our virtual card — the vpcd wire protocol (2-byte big-endian
// length, then a payload: 1-byte controls or a command APDU) as `VPCDVirtualCard.run()` splits it,
// answered by `SimulatedCard` (SELECT, READ BINARY, GET RESPONSE, GET CHALLENGE, chunking).
//
// `run()` reads the frames straight from its TCP socket, so this target splits the input into
// frames the same way and hands each payload to the card the way `run()` does (`respond(to:)` for
// APDUs, `reset()` for power on/reset, the ATR for 04). Invariants: never traps; every APDU gets
// an answer ending in a status word. (An answer over 65535 bytes, which `run()` refuses with
// `VPCDError.protocolViolation` and a closed connection, is counted, not treated as a crash:
// GET CHALLENGE with extended Le 0000 asks the simulated card for 65536 bytes.)
import FuzzSupport
import SmartCard

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVPCDCard(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var card = SimulatedCard.generic
    var index = 0
    while bytes.count - index >= 2 {
        let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
        index += 2
        guard length > 0, bytes.count - index >= length else { break }  // run(): empty message / connection closed
        let payload = Array(bytes[index..<(index + length)])
        index += length
        if payload.count == 1, let control = payload.first, [0x00, 0x01, 0x02, 0x04].contains(control) {
            if control == 0x01 || control == 0x02 { card.reset() }
            if control == 0x04 { invariant(!card.atr.isEmpty && card.atr.count <= 33, "ATR of \(card.atr.count) bytes") }
            continue
        }
        let answer = card.respond(to: payload)
        invariant(answer.count >= 2, "answer of \(answer.count) bytes to a \(payload.count)-byte APDU")
        if answer.count > 0xFFFF { break }  // run() throws VPCDError.protocolViolation and disconnects
    }
    return 0
}
