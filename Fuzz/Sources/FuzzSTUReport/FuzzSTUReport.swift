// Fuzz target: HID reports from Wacom STU signature pads — `STUReport.parseInformation`,
// `parseCapability`, `parsePenData`, `STUInputReport`, `STUPenReport`, `STUStatus` and
// `STUCommand` `init(decoding:)`.
//
// Invariants: never traps; error offsets lie within the report; pen and status reports re-encode
// to the bytes they were read from (padding after the report aside); a capture command
// re-encodes to bytes that decode to the same command.
import DeviceCore
import FuzzSupport
import SignaturePad

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSTUReport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let report = fuzzBytes(data, size)
    func checkOffset(_ error: ByteFormatError, _ parser: String) {
        invariant(offsetInInput(error.offset, count: report.count), "\(parser): error offset \(error.offset) outside \(report.count) bytes")
    }

    do throws(ByteFormatError) {
        let information = try STUReport.parseInformation(report)
        _ = try? STUReport.parseCapability(report, model: information.model)
    } catch { checkOffset(error, "parseInformation") }
    do throws(ByteFormatError) {
        let capabilities = try STUReport.parseCapability(report, model: "STU-fuzz")
        _ = capabilities
    } catch { checkOffset(error, "parseCapability") }
    do throws(ByteFormatError) {
        _ = try STUReport.parsePenData(report, time: .milliseconds(5))
    } catch { checkOffset(error, "parsePenData") }
    do throws(ByteFormatError) {
        _ = try STUInputReport(decoding: report)
    } catch { checkOffset(error, "STUInputReport") }
    do throws(ByteFormatError) {
        let pen = try STUPenReport(decoding: report)
        invariant(Array(report.prefix(pen.bytes.count)) == pen.bytes, "pen report does not re-encode to its bytes")
        _ = pen.sample(at: .zero)
    } catch { checkOffset(error, "STUPenReport") }
    do throws(ByteFormatError) {
        let status = try STUStatus(decoding: report)
        invariant(Array(report.prefix(status.bytes.count)) == status.bytes, "status report does not re-encode to its bytes")
        _ = status.description
    } catch { checkOffset(error, "STUStatus") }
    do throws(ByteFormatError) {
        let command = try STUCommand(decoding: report)
        invariant((try? STUCommand(decoding: command.bytes)) == command, "capture command \(command) does not round-trip")
    } catch { checkOffset(error, "STUCommand") }
    return 0
}
