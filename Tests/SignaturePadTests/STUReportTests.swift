import DeviceCore
import SignaturePad
import Testing

@Suite("STU report parsing")
struct STUReportTests {
    // Our own vectors, built from the documented layouts.
    let information: [UInt8] = [0x08] + Array("STU-540".utf8) + [0, 0] + [1, 7] + [0, 0, 0, 0, 0]
    let capability: [UInt8] = [0x09, 0x25, 0x80, 0x17, 0x70, 0x03, 0xFF, 0x03, 0x20, 0x01, 0xE0, 200, 0x0B, 0xB8, 0x01, 0, 0]

    @Test("information gives the model name and firmware")
    func informationReport() throws {
        let parsed = try STUReport.parseInformation(information)
        #expect(parsed.model == "STU-540")
        #expect(parsed.firmware == "1.7")
    }

    @Test("capability fields are big-endian")
    func capabilityReport() throws {
        let caps = try STUReport.parseCapability(capability, model: "STU-540")
        #expect(caps == SignaturePadCapabilities(model: "STU-540", maxX: 9600, maxY: 6000, maxPressure: 1023,
                                                 screenWidth: 800, screenHeight: 480))
    }

    @Test("pen data: in contact with 12-bit pressure; hovering has pressure 0")
    func penData() throws {
        let touching = try STUReport.parsePenData([0x01, 0x91, 0x23, 0x10, 0x00, 0x05, 0xDC], time: .milliseconds(5))
        #expect(touching == PenSample(x: 4096, y: 1500, pressure: 0x123, inContact: true, time: .milliseconds(5)))
        let hovering = try STUReport.parsePenData([0x01, 0x80, 0x00, 0x00, 0x10, 0x00, 0x20], time: .zero)
        #expect(!hovering.inContact)
        #expect(hovering.pressure == 0)
    }

    @Test("malformed reports give an error naming the offset",
          arguments: [([], 0), ([0x08, 0x41], 2), ([0x09] + [UInt8](repeating: 0, count: 16), 0), ([0x01, 0x80, 0x00], 3)] as [([UInt8], Int)])
    func malformed(_ report: [UInt8], _ offset: Int) {
        #expect {
            if report.first == 0x01 {
                _ = try STUReport.parsePenData(report, time: .zero)
            } else {
                _ = try STUReport.parseInformation(report)
            }
        } throws: { error in
            (error as? STUReport.ParseError)?.offset == offset
        }
    }

    @Test("a model name with control bytes is rejected at offset 1")
    func unprintableName() {
        var report = information
        report[2] = 0x07
        #expect(throws: STUReport.ParseError(offset: 1, reason: "model name is not printable ASCII")) {
            try STUReport.parseInformation(report)
        }
    }
}
