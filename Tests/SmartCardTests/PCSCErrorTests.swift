import DeviceCore
import SmartCardPCSC
import Testing

@Suite("PC/SC error mapping")
struct PCSCErrorTests {
    @Test("no service maps to offline with a remedy naming pcscd and invalidates the context")
    func noService() {
        let error = PCSCError.noService.deviceError("list readers")
        #expect(error.kind == .offline)
        #expect(error.remedy.contains("pcscd"))
        #expect(error.backendCode == DeviceError.BackendCode(domain: "PC/SC", value: 0x8010_001D, name: "SCARD_E_NO_SERVICE"))
        #expect(PCSCError.noService.invalidatesContext)
    }

    /// When pcscd stops, a call in flight can get E_INVALID_HANDLE instead of E_NO_SERVICE
    /// (seen in `pcscdRestart` on a fresh machine): both mean the daemon link is gone.
    @Test("daemon-link codes are offline and invalidate the context",
          arguments: [PCSCError.noService, .serviceStopped, .communicationError, .internalError, .invalidHandle])
    func daemonLink(_ code: PCSCError) {
        #expect(code.kind == .offline)
        #expect(code.invalidatesContext)
    }

    @Test("card-level codes map to the shared kinds",
          arguments: [(PCSCError.removedCard, DeviceError.Kind.removed), (.resetCard, .removed), (.sharingViolation, .busy),
                      (.noSmartCard, .noHardware), (.unknownReader, .noHardware), (.timeout, .timeout),
                      (.unresponsiveCard, .protocol), (PCSCError(rawValue: 0x8010_0099), .other)])
    func kinds(_ code: PCSCError, _ kind: DeviceError.Kind) {
        #expect(code.kind == kind)
        #expect(!code.remedy.isEmpty)
        #expect(!code.invalidatesContext)
    }

    @Test("unknown codes print in hex")
    func unknownDescription() {
        #expect(PCSCError(rawValue: 0x8010_0099).description == "0x80100099")
        #expect(PCSCError.removedCard.description == "SCARD_W_REMOVED_CARD (0x80100069)")
    }
}
