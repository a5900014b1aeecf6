import DeviceCore
import Foundation
import TerminalRuntime
import TestSupport
import Testing

@Suite("udev rules")
struct UdevRulesTests {
    @Test("the committed udev rule file is the one generated from the ID tables")
    func committedFileIsGenerated() throws {
        let committed = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("udev/70-buergerhal.rules"), encoding: .utf8)
        #expect(committed == UdevRules.render(), "regenerate with: swift run bhal udev-rules > udev/70-buergerhal.rules")
    }

    @Test("the file covers pads (sigpad) and printers (lp) and names both groups")
    func coversBothFamilies() {
        let text = UdevRules.render()
        #expect(text.contains("ATTR{idVendor}==\"056a\", ATTR{idProduct}==\"00a8\", ENV{ID_SIGNATURE_PAD}=\"1\", GROUP=\"sigpad\""))
        #expect(text.contains("ATTR{idVendor}==\"0dd4\", ENV{ID_USB_INTERFACES}==\"*:07????:*\", ENV{ID_RECEIPT_PRINTER}=\"1\", GROUP=\"lp\""))
        #expect(text.contains("add the kiosk user to groups sigpad and lp."))
        #expect(text.hasPrefix("# BuergerHAL") && text.hasSuffix("LABEL=\"buergerhal_end\"\n"))
    }
}
