// Fuzz target: ISO 7816-4 APDUs — `ResponseAPDU(bytes:)` (what a card answers) and
// `CommandAPDU(bytes:)` (what `bhal card apdu` and the virtual card read), every case and the
// extended length forms.
//
// Invariants: never traps; error offsets lie within the input; a response re-encodes to the same
// bytes; a command that decodes encodes, and its encoding decodes to the same command.
import DeviceCore
import FuzzSupport
import SmartCard

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzISO7816APDU(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    do throws(ByteFormatError) {
        let response = try ResponseAPDU(bytes: bytes)
        invariant(response.bytes == bytes, "response of \(bytes.count) bytes does not re-encode to itself")
        _ = response.description
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count), "response error offset \(error.offset) outside \(bytes.count) bytes")
    }
    do throws(ByteFormatError) {
        let command = try CommandAPDU(bytes: bytes)
        _ = command.isoCase
        _ = command.description
        do throws(ByteFormatError) {
            let encoded = try command.encoded()
            invariant((try? CommandAPDU(bytes: encoded)) == command, "command \(command) does not round-trip")
        } catch {
            invariant(false, "decoded command \(command) does not encode: \(error)")
        }
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count), "command error offset \(error.offset) outside \(bytes.count) bytes")
    }
    return 0
}
