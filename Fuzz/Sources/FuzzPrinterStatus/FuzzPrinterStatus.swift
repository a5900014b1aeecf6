// Fuzz target: status replies from USB and TCP printers — `StarStatus(parsing:)`,
// `StarStatus.scan`, `RealTimeStatus` and the `PrinterStatusQuery` loop in both dialects.
//
// Invariants: never traps; error offsets lie within the input; a parsed Star ASB encodes back
// to the same bytes; `scan` reports ranges inside the input, holding an ASB that parses alone;
// a query fed the same bytes in pieces or at once reaches the same status.
import DeviceCore
import FuzzSupport
import ReceiptPrinter

/// Runs one status query in `dialect`, giving each request's reply from `replies` in turn.
func query(_ dialect: PrinterStatusDialect, replies: [ArraySlice<UInt8>]) -> PrinterStatus? {
    var query = PrinterStatusQuery(dialect: dialect)
    var remaining = replies[...]
    while query.nextRequest() != nil {
        var complete = false
        while !complete, let reply = remaining.popFirst() { complete = query.receive(Array(reply)) }
        if !complete { break }
    }
    return query.status
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrinterStatus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)

    do throws(ByteFormatError) {
        let status = try StarStatus(parsing: bytes)
        invariant(status.encoded == bytes, "Star ASB of \(bytes.count) bytes does not re-encode to itself")
        _ = status.printerStatus
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count), "Star ASB error offset \(error.offset) outside \(bytes.count) bytes")
    }

    switch StarStatus.scan(bytes) {
    case .found(let status, let range):
        invariant(range.lowerBound >= 0 && range.upperBound <= bytes.count, "scan range \(range) outside \(bytes.count) bytes")
        invariant((try? StarStatus(parsing: bytes[range])) == status, "scan found an ASB at \(range) that does not parse alone")
    case .incomplete(let start):
        invariant(start >= 0 && start < bytes.count, "scan start \(start) outside \(bytes.count) bytes")
    case .none:
        break
    }

    if bytes.count >= 3 {
        let status = RealTimeStatus.status(printer: bytes[0], offlineCause: bytes[1], paper: bytes[2])
        _ = status
    }

    for dialect in PrinterStatusDialect.allCases {
        let split = query(dialect, replies: pieces(of: bytes))
        _ = split
        let whole = query(dialect, replies: [bytes[...]])
        if dialect == .starAutomaticStatus, let whole {
            // One reply holding everything: the first ASB in it decides.
            guard case .found(let status, _) = StarStatus.scan(bytes) else {
                invariant(false, "query found a Star status the scan does not")
                return 0
            }
            invariant(status.printerStatus == whole, "query and scan disagree on the Star status")
        }
    }
    return 0
}
