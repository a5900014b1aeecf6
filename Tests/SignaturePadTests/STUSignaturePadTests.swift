import DeviceCore
import SignaturePad
@testable import SignaturePadUSB
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

    @Test("access denied names the udev rule and group sigpad")
    func errorMapping() {
        let denied = LibUSBError.access.deviceError("open", device: .signaturePad)
        #expect(denied.kind == .permissionDenied)
        #expect(denied.remedy.contains("70-buergerhal.rules") && denied.remedy.contains("group sigpad"), "\(denied.remedy)")
    }

    @Test("every pad of the ID table gets a usb_device and a hidraw rule for group sigpad")
    func accessRules() {
        let rules = SignaturePadModel.accessRules
        #expect(rules.map(\.products) == SignaturePadModel.wacomSTU.map { .product($0.productID) })
        #expect(rules.allSatisfy { $0.group == "sigpad" && $0.includesHidraw && $0.udevLines.count == 3 })
    }
}
