import DeviceCore
import SignaturePad
import Testing
import TestSupport

/// The pad side (encoders, as the simulated pad sends) against the host side (the parsers the
/// USB backend uses): exact inverses, and malformed bytes give typed errors naming the offset.
@Suite("STU codec round trip")
struct STUCodecRoundTripTests {
    @Test("every 7-byte PenData and 11-byte PenDataTimeCountSequence report decodes and encodes back to its bytes")
    func penReportBytesRoundTrip() throws {
        var random = SplitMix64(seed: 0x5354_5531)
        for index in 0..<2000 {
            let long = index % 2 == 1
            let report = [long ? 0x34 : 0x01] + random.bytes(long ? 10 : 6)
            let decoded = try STUPenReport(decoding: report)
            #expect(decoded.bytes == report, "seed run \(index)")
            #expect(decoded.reportID.rawValue == report[0])
            #expect((decoded.timeCount != nil) == long)
        }
    }

    @Test("a sample encodes to the report the documented layout gives and decodes back to itself")
    func sampleRoundTrip() throws {
        let touching = PenSample(x: 4096, y: 1500, pressure: 0x123, inContact: true, time: .milliseconds(5))
        let report = try STUPenReport(sample: touching)
        #expect(report.bytes == [0x01, 0x91, 0x23, 0x10, 0x00, 0x05, 0xDC])
        #expect(try STUReport.parsePenData(report.bytes, time: .milliseconds(5)) == touching)
        let hovering = PenSample(x: 16, y: 32, pressure: 0, inContact: false, time: .zero)
        #expect(try STUPenReport(sample: hovering).bytes == [0x01, 0x80, 0x00, 0x00, 0x10, 0x00, 0x20])
        let timed = try STUPenReport(sample: touching, timeCount: .init(milliseconds: 0xFFFE, sequence: 0x0102))
        #expect(timed.bytes == [0x34, 0x91, 0x23, 0x10, 0x00, 0x05, 0xDC, 0xFF, 0xFE, 0x01, 0x02])
        #expect(try STUPenReport(decoding: timed.bytes) == timed)
        #expect(try STUInputReport(decoding: timed.bytes) == .pen(timed))
    }

    @Test("values that do not fit a field are refused naming the field's offset",
          arguments: [(PenSample(x: 65536, y: 0, pressure: 1, inContact: true, time: .zero), 3),
                      (PenSample(x: 0, y: -1, pressure: 1, inContact: true, time: .zero), 5),
                      (PenSample(x: 0, y: 0, pressure: 4096, inContact: true, time: .zero), 1),
                      (PenSample(x: 0, y: 0, pressure: -5, inContact: true, time: .zero), 1)] as [(PenSample, Int)])
    func encoderRanges(_ sample: PenSample, _ offset: Int) {
        #expect { _ = try STUPenReport(sample: sample) } throws: { ($0 as? STUReport.ParseError)?.offset == offset }
    }

    @Test("short pen reports fail at their end, other IDs at offset 0", arguments: 0..<11)
    func truncatedPenReports(_ length: Int) {
        let full: [UInt8] = [0x34, 0x91, 0x23, 0x10, 0x00, 0x05, 0xDC, 0x00, 0x05, 0x00, 0x01]
        #expect(throws: STUReport.ParseError.self) { try STUPenReport(decoding: Array(full.prefix(length))) }
        #expect { _ = try STUPenReport(decoding: Array(full.prefix(length))) } throws: {
            ($0 as? STUReport.ParseError)?.offset == length
        }
        if length > 0 && length < 7 {
            #expect { _ = try STUPenReport(decoding: [0x01] + Array(full[1..<length])) } throws: {
                ($0 as? STUReport.ParseError)?.offset == length
            }
        }
        #expect { _ = try STUPenReport(decoding: [0x10] + full.dropFirst()) } throws: { ($0 as? STUReport.ParseError)?.offset == 0 }
    }

    @Test("reports the host does not decode are sorted out by ID and length, without content")
    func otherInputReports() throws {
        #expect(try STUInputReport(decoding: [0x10] + [UInt8](repeating: 0xAA, count: 16)) == .other(id: 0x10, length: 17))
        #expect { _ = try STUInputReport(decoding: []) } throws: { ($0 as? STUReport.ParseError)?.offset == 0 }
    }

    @Test("Status reports encode and decode with named states and results")
    func statusRoundTrip() throws {
        let status = STUStatus(state: .capture, lastResult: .wrongState, statusWord: 0x1234)
        #expect(status.bytes == [0x03, 0x02, 0x02, 0x34, 0x12])
        #expect(try STUStatus(decoding: status.bytes) == status)
        #expect("\(status)" == "capture (last result wrongState)")
        #expect("\(STUStatus.State(rawValue: 0x42))" == "0x42")
        #expect { _ = try STUStatus(decoding: [0x03, 0x00]) } throws: { ($0 as? STUReport.ParseError)?.offset == 2 }
    }

    @Test("capture commands encode as the pad expects and decode back",
          arguments: [STUCommand.clearScreen, .inkingMode(on: true), .inkingMode(on: false), .startCapture(id: 0xDEAD_BEEF), .endCapture])
    func commandRoundTrip(_ command: STUCommand) throws {
        #expect(try STUCommand(decoding: command.bytes) == command)
        #expect(command.bytes.count == STUReport.ID(rawValue: command.bytes[0])?.length)
    }

    @Test("start capture carries its ID big-endian")
    func startCaptureBytes() {
        #expect(STUCommand.startCapture(id: 0x0102_0304).bytes == [0x15, 0x01, 0x02, 0x03, 0x04])
    }

    @Test("commands a pad would refuse fail naming the offset",
          arguments: [([0x99, 0x00], 0), ([0x21, 0x02], 1), ([0x20, 0x01], 1), ([0x15, 0x00, 0x01], 3), ([], 0)] as [([UInt8], Int)])
    func malformedCommands(_ report: [UInt8], _ offset: Int) {
        #expect { _ = try STUCommand(decoding: report) } throws: { ($0 as? STUReport.ParseError)?.offset == offset }
    }

    @Test("Information and Capability replies of the simulated pad parse back to what they encode")
    func featureReplies() throws {
        let information = try STUReport.informationReport(model: "STU-540", firmwareMajor: 1, firmwareMinor: 7)
        #expect(information.count == 17)
        #expect(try STUReport.parseInformation(information) == (model: "STU-540", firmware: "1.7"))
        let capabilities = STUPadSimulator.stu540
        let capability = try STUReport.capabilityReport(capabilities, reportRate: 200, resolution: 3000, encodings: 0x01)
        #expect(capability == [0x09, 0x25, 0x80, 0x17, 0x70, 0x03, 0xFF, 0x03, 0x20, 0x01, 0xE0, 200, 0x0B, 0xB8, 0x01, 0, 0])
        #expect(try STUReport.parseCapability(capability, model: "STU-540") == capabilities)
        #expect { _ = try STUReport.informationReport(model: "STU-540 (simulated)", firmwareMajor: 1, firmwareMinor: 0) } throws: {
            ($0 as? STUReport.ParseError)?.offset == 1
        }
        var tooTall = capabilities
        tooTall.screenHeight = 70000
        #expect { _ = try STUReport.capabilityReport(tooTall) } throws: { ($0 as? STUReport.ParseError)?.offset == 9 }
    }

    @Test("random bytes never trap a parser; every error names an offset inside the report")
    func randomBytesNeverTrap() {
        var random = SplitMix64(seed: 0x5354_5532)
        let ids: [UInt8] = [0x01, 0x03, 0x08, 0x09, 0x15, 0x16, 0x20, 0x21, 0x34, 0x10, 0xFF]
        for _ in 0..<3000 {
            let length = Int(random.next() % 20)
            let id = ids[Int(random.next() % UInt64(ids.count))]
            let report = length == 0 ? [] : [id] + random.bytes(length - 1)
            Self.expectOffsetInside(report) { () throws(STUReport.ParseError) in _ = try STUInputReport(decoding: report) }
            Self.expectOffsetInside(report) { () throws(STUReport.ParseError) in _ = try STUStatus(decoding: report) }
            Self.expectOffsetInside(report) { () throws(STUReport.ParseError) in _ = try STUCommand(decoding: report) }
            Self.expectOffsetInside(report) { () throws(STUReport.ParseError) in _ = try STUReport.parseInformation(report) }
            Self.expectOffsetInside(report) { () throws(STUReport.ParseError) in _ = try STUReport.parseCapability(report, model: "x") }
        }
    }

    static func expectOffsetInside(_ report: [UInt8], _ parse: () throws(STUReport.ParseError) -> Void) {
        do throws(STUReport.ParseError) {
            try parse()
        } catch {
            #expect((0...report.count).contains(error.offset), "\(error) for \(report.count) bytes")
        }
    }
}
