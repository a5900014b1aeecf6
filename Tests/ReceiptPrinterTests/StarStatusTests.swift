import DeviceCore
@testable import ReceiptPrinter
import TestSupport
import Testing

/// Star's automatic status (ASB), parsed and built as "STAR Line Mode Command Specifications"
/// Appendix "Automatic Status" describes it.
@Suite("Star automatic status (ASB)")
struct StarStatusTests {
    /// A 9-byte ASB (version 3) of an idle printer with `bits` OR-ed into printer status 1…7.
    static func asb(_ bits: [Int: UInt8] = [:]) -> [UInt8] {
        var bytes: [UInt8] = [0x23, 0x06, 0, 0, 0, 0, 0, 0, 0]
        for (index, mask) in bits { bytes[index] |= mask }
        return bytes
    }

    @Test("Header 1 carries the byte count in bits 1–3 and 5, as the spec's table lists it",
          arguments: [(UInt8(0x0F), 7), (0x21, 8), (0x23, 9), (0x25, 10), (0x27, 11), (0x29, 12), (0x2B, 13), (0x2D, 14), (0x2F, 15)])
    func header1(_ header: UInt8, _ count: Int) throws {
        #expect(StarStatus.isHeader1(header))
        #expect(StarStatus.byteCount(header1: header) == count)
        let status = StarStatus(version: 3, printerStatusBytes: [UInt8](repeating: 0, count: count - 2))
        #expect(status.encoded.first == header)
        #expect(try StarStatus(parsing: status.encoded) == status)
    }

    @Test("Header 2 carries the version in bits 1–3, 5 and 6",
          arguments: [(UInt8(0x02), 1), (0x04, 2), (0x06, 3), (0x08, 4), (0x0E, 7), (0x20, 8), (0x22, 9), (0x24, 10), (0x40, 16), (0x6C, 30), (0x6E, 31)])
    func header2(_ header: UInt8, _ version: Int) throws {
        #expect(StarStatus.version(header2: header) == version)
        var bytes = Self.asb()
        bytes[1] = header
        #expect(try StarStatus(parsing: bytes).version == version)
        #expect(StarStatus(version: version, printerStatusBytes: Array(bytes[2...])).encoded == bytes)
    }

    @Test("an idle printer: ready, with and without the network's Length field")
    func idle() throws {
        let usb = try StarStatus(parsing: Self.asb())
        #expect(usb.printerStatus == PrinterStatus(online: true))
        #expect(usb.statusData == nil)
        let network = try StarStatus(parsing: [0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(network.printerStatus == PrinterStatus(online: true))
        #expect(network.statusData == [])
        #expect(network.printerStatusBytes == [0, 0, 0, 0, 0, 0, 0])
    }

    /// Each documented bit alone (with the offline bit where the printer goes offline for it).
    @Test("each status bit means what the spec says", arguments: [
        ([2: 0x28], PrinterStatus(online: true, coverOpen: true)),
        ([2: 0x08], PrinterStatus(online: false)),
        ([2: 0x48], PrinterStatus(online: false)),
        ([2: 0x68], PrinterStatus(online: false, coverOpen: true)),
        ([2: 0x08, 5: 0x08], PrinterStatus(online: true, paperEnd: true)),
        ([5: 0x04], PrinterStatus(online: true, paperNearEnd: true)),
        ([5: 0x02], PrinterStatus(online: true, paperNearEnd: true)),
        ([2: 0x08, 3: 0x08], PrinterStatus(online: true, reasons: ["cutter-error"])),
        ([2: 0x08, 3: 0x04], PrinterStatus(online: true, reasons: ["mechanical-error"])),
        ([2: 0x08, 3: 0x20], PrinterStatus(online: true, reasons: ["unrecoverable-error"])),
        ([2: 0x08, 3: 0x40], PrinterStatus(online: true, reasons: ["head-overheated"])),
        ([2: 0x08, 4: 0x04], PrinterStatus(online: true, reasons: ["presenter-paper-jam"])),
        ([2: 0x08, 4: 0x02], PrinterStatus(online: true, reasons: ["head-up"])),
        ([4: 0x08], PrinterStatus(online: true, reasons: ["black-mark-error"])),
        ([4: 0x40], PrinterStatus(online: true, reasons: ["receive-buffer-overflow"])),
        ([2: 0x04, 6: 0x02], PrinterStatus(online: true)),
    ] as [([Int: UInt8], PrinterStatus)])
    func bits(_ bits: [Int: UInt8], _ expected: PrinterStatus) throws {
        #expect(try StarStatus(parsing: Self.asb(bits)).printerStatus == expected)
    }

    @Test("errors that stop the printer refuse a print with what to do; warnings do not")
    func faults() throws {
        let cutter = try StarStatus(parsing: Self.asb([2: 0x08, 3: 0x08])).printerStatus.blockingFault("print")
        #expect(cutter?.kind == .hardwareFault)
        #expect(cutter?.message == "the printer's auto-cutter is jammed or failed")
        #expect(cutter?.remedy.contains("switch the printer off and on") == true)
        #expect(try StarStatus(parsing: Self.asb([4: 0x08])).printerStatus.blockingFault("print") == nil)
        let paper = try StarStatus(parsing: Self.asb([2: 0x08, 3: 0x08, 5: 0x08])).printerStatus.blockingFault("print")
        #expect(paper?.message == "the printer is out of paper", "paper end is named before the cutter")
        #expect(try StarStatus(parsing: Self.asb([2: 0x08])).printerStatus.blockingFault("print")?.kind == .offline)
    }

    @Test("status data after the Length (low byte first) is kept; too much is refused at the Length's offset")
    func statusData() throws {
        let withData = try StarStatus(parsing: [0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x30, 0x31, 0x3A])
        #expect(withData.statusData == [0x30, 0x31, 0x3A])
        #expect(withData.encoded == [0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x30, 0x31, 0x3A])
        #expect(throws: ByteFormatError(offset: 9, reason: "the ASB's Length announces 513 bytes of status data; at most 512 are allowed")) {
            try StarStatus(parsing: [0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02])
        }
    }

    @Test("malformed and short input is a ByteFormatError at the offending offset", arguments: [
        ([], 0),
        ([0x23, 0x06, 0, 0], 4),
        ([0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 0], 10),
        ([0x23, 0x86, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x30], 12),
        ([0x12], 0),
        ([0x05, 0x06, 0, 0, 0, 0, 0], 0),
        ([0x23, 0x07, 0, 0, 0, 0, 0, 0, 0], 1),
        ([0x23, 0x00, 0, 0, 0, 0, 0, 0, 0], 1),
        ([0x23, 0x06, 0, 0, 0x10, 0, 0, 0, 0], 4),
        ([0x23, 0x06, 0, 0, 0, 0, 0, 0, 0x80], 8),
        ([0x23, 0x06, 0, 0, 0, 0, 0, 0, 0, 0x11], 9),
    ] as [([UInt8], Int)])
    func malformed(_ bytes: [UInt8], _ offset: Int) {
        #expect(throws: ByteFormatError.self) { try StarStatus(parsing: bytes) }
        do {
            _ = try StarStatus(parsing: bytes)
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test("a reply is found among XON, XOFF, DLE EOT replies, text and a broken header")
    func scan() {
        let reply = Self.asb([2: 0x28])
        let noise: [UInt8] = [0x11, 0x13, 0x12, 0x41, 0x23, 0xFF]
        let bytes = noise + reply + [0x0A, 0x23]
        guard case .found(let status, let range) = StarStatus.scan(bytes) else {
            Issue.record("no reply found in \(bytes)")
            return
        }
        #expect(range == noise.count..<(noise.count + reply.count))
        #expect(status.printerStatus.coverOpen)
        #expect(StarStatus.scan(noise + Array(reply.prefix(5))) == .incomplete(from: noise.count))
        #expect(StarStatus.scan([0x11, 0x13, 0x12, 0x0A, 0x30]) == .none)
        // 0x41 ('A') has Header 1's pattern: with a possible Header 2 after it, it waits for more.
        #expect(StarStatus.scan([0x11, 0x41, 0x0A]) == .incomplete(from: 1))
    }

    @Test("what the simulator sends parses back to the same condition, with and without Length",
          arguments: [false, true])
    func roundTrip(_ withLength: Bool) throws {
        let reasonSets: [[String]] = [[], ["cutter-error"], ["black-mark-error"], ["unrecoverable-error", "head-up"]]
        for bits in 0..<16 {
            for reasons in reasonSets {
                let status = PrinterStatus(online: bits & 1 != 0, coverOpen: bits & 2 != 0, paperNearEnd: bits & 4 != 0,
                                           paperEnd: bits & 8 != 0, reasons: reasons)
                let encoded = StarStatus(status, withLength: withLength).encoded
                #expect(encoded.count == (withLength ? 11 : 9))
                #expect(try StarStatus(parsing: encoded).printerStatus == status, "\(status) → \(Hex.string(encoded, separator: " "))")
            }
        }
    }

    @Test("random bytes never trap: every error names an offset inside the input, every found reply re-parses")
    func randomInput() {
        var generator = SplitMix64(seed: 0x5354_4152_4153_4201)
        for round in 0..<5000 {
            var bytes = generator.bytes(Int(generator.next() % 40))
            if round % 3 == 0, !bytes.isEmpty {
                // Plant a plausible header so parsing goes past the first byte.
                bytes[Int(generator.next() % UInt64(bytes.count))] = [0x0F, 0x21, 0x23, 0x2F, 0x6F][Int(generator.next() % 5)]
            }
            do {
                let status = try StarStatus(parsing: bytes)
                #expect(status.encoded == bytes)
            } catch {
                #expect((0...bytes.count).contains(error.offset), "\(error) in \(Hex.string(bytes))")
            }
            switch StarStatus.scan(bytes) {
            case .found(let status, let range):
                #expect(range.lowerBound >= 0 && range.upperBound <= bytes.count)
                #expect((try? StarStatus(parsing: bytes[range])) == status)
            case .incomplete(let start):
                #expect(bytes.indices.contains(start) && StarStatus.isHeader1(bytes[start]))
            case .none:
                break
            }
        }
    }
}

/// The transport-neutral status query both dialects share.
@Suite("Printer status query")
struct PrinterStatusQueryTests {
    @Test("Star: one ESC ACK SOH; the reply may come byte by byte after stray bytes")
    func star() {
        var query = PrinterStatusQuery(dialect: .starAutomaticStatus)
        let request = query.nextRequest()
        #expect(request == [0x1B, 0x06, 0x01])
        let reply = StarStatus(PrinterStatus(online: true, paperEnd: true), withLength: true).encoded
        var completions: [Bool] = []
        for byte in [0x11, 0x41] + reply { completions.append(query.receive([byte])) }
        #expect(completions == Array(repeating: false, count: reply.count + 1) + [true])
        #expect(query.status == PrinterStatus(online: true, paperEnd: true))
        let after = query.nextRequest()
        #expect(after == nil)
        #expect(query.bytesRequested == 3 && query.bytesReceived == reply.count + 2)
    }

    @Test("ESC/POS: DLE EOT 1, 2, 4; the newest reply byte of each answer counts, ASB bytes are skipped")
    func escpos() {
        var query = PrinterStatusQuery(dialect: .escposRealTime)
        var requests: [[UInt8]] = []
        let answers: [[UInt8]] = [[0x10, 0x00, 0x00, 0x00, 0x1A], [0x32], [0x72]]
        for answer in answers {
            guard let request = query.nextRequest() else { break }
            requests.append(request)
            let asbOnly = query.receive([0x10, 0x00])
            #expect(!asbOnly, "ASB bytes are no reply")
            let complete = query.receive(answer)
            #expect(complete)
        }
        #expect(requests == [[0x10, 0x04, 1], [0x10, 0x04, 2], [0x10, 0x04, 4]])
        let after = query.nextRequest()
        #expect(after == nil)
        #expect(query.status == RealTimeStatus.status(printer: 0x1A, offlineCause: 0x32, paper: 0x72))
        #expect(query.status?.paperEnd == true)
    }

    @Test("the dialect follows the profile")
    func dialect() {
        #expect(PrinterStatusDialect(profile: .starTSP100) == .starAutomaticStatus)
        #expect(PrinterStatusDialect(profile: .starTSP650) == .starAutomaticStatus)
        #expect(PrinterStatusDialect(profile: .epsonTMT20) == .escposRealTime)
        #expect(PrinterStatusDialect(profile: .generic58mm) == .escposRealTime)
    }
}
