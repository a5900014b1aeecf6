// Each C shim's module map compiles and links: one harmless call per library.
import CCUPS
import CLibUSB
import COpenSSL
import CPCSCLite
import Testing

@Suite("C shims link")
struct CShimLinkTests {
    @Test("libpcsclite: pcsc_stringify_error knows SCARD_E_NO_SERVICE")
    func pcscLite() {
        #expect(String(cString: pcsc_stringify_error(Int(bitPattern: 0x8010_001D))) == "Service not available.")
    }

    @Test("libusb-1.0: version 1.x")
    func libusb() {
        #expect(libusb_get_version().pointee.major == 1)
    }

    @Test("libcups: the default IPP port is 631")
    func cups() {
        #expect(ippPort() > 0)
    }

    @Test("libcrypto: OpenSSL 3")
    func openssl() {
        #expect(OpenSSL_version_num() >= 0x3000_0000)
    }
}
