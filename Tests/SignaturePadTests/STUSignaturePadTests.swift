import DeviceCore
import Foundation
import SignaturePad
import SignaturePadUSB
import TestSupport
import Testing

@Suite("STU pad over libusb")
struct STUSignaturePadTests {
    @Test("with no pad attached the internal check fails as noHardware and says what to do")
    func noPadAttached() async throws {
        let pad = STUSignaturePad(logicalName: "pad", vendorID: 0x056A, productID: 0x00A8)
        #expect(pad.info.model == "STU-540")
        #expect(pad.info.connection == "usb://056A:00A8")
        try await pad.open()
        let report = try await pad.checkHealth(.internal)
        #expect(!report.passed)
        guard case .failed(let error) = report.steps.first?.outcome else {
            Issue.record("pad attached should fail on a machine without a pad")
            return
        }
        #expect(error.kind == .noHardware)
        #expect(error.remedy.contains("lsusb"))
        #expect(report.steps.dropFirst().allSatisfy { $0.outcome.name == "skipped" })
        await pad.close()
    }

    @Test("libusb codes map to kinds; access denied names the udev rule")
    func errorMapping() {
        #expect(LibUSBError(rawValue: -3).kind == .permissionDenied)
        #expect(LibUSBError(rawValue: -3).remedy.contains("70-buergerhal.rules"))
        #expect(LibUSBError(rawValue: -4).kind == .removed)
        #expect(LibUSBError(rawValue: -6).kind == .busy)
        #expect(LibUSBError(rawValue: -42).description == "libusb error (-42)")
    }

    @Test("the committed udev rule is the one generated from the ID table")
    func udevRuleIsGenerated() throws {
        let committed = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("udev/70-buergerhal.rules"), encoding: .utf8)
        #expect(committed == SignaturePadUdevRules.render(),
                "regenerate with: swift run bhal udev-rules > udev/70-buergerhal.rules")
    }
}
