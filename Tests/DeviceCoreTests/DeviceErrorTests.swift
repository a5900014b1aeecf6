import DeviceCore
import Foundation
import Testing

@Suite("Device errors")
struct DeviceErrorTests {
    @Test("the description names the operation, the backend code in hex, and the remedy")
    func description() {
        let error = DeviceError(.offline, operation: "list readers", message: "PC/SC returned SCARD_E_NO_SERVICE",
                                remedy: "Start pcscd.",
                                backendCode: .init(domain: "PC/SC", value: 0x8010_001D, name: "SCARD_E_NO_SERVICE"))
        #expect(error.description == "list readers failed: PC/SC returned SCARD_E_NO_SERVICE [PC/SC 0x8010001D SCARD_E_NO_SERVICE]. Start pcscd.")
    }

    @Test("small codes print in decimal")
    func smallCodes() {
        #expect(DeviceError.BackendCode(domain: "libusb", value: -3, name: "LIBUSB_ERROR_ACCESS").description.contains("0xFFFFFFFD"))
        #expect(DeviceError.BackendCode(domain: "IPP", value: 1030).description == "IPP 1030")
    }

    @Test("kinds round-trip through JSON by name, including backend-defined ones")
    func kindCoding() throws {
        let custom = DeviceError.Kind(rawValue: "paperJam")
        let error = DeviceError(custom, operation: "print", message: "jam", remedy: "Open the cover and remove the paper.")
        let decoded = try JSONDecoder().decode(DeviceError.self, from: JSONEncoder().encode(error))
        #expect(decoded == error)
        #expect(DeviceError.Kind.protocol.rawValue == "protocol")
    }
}
