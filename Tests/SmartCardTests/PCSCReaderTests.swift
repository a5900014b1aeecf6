import DeviceCore
import SmartCard
import SmartCardPCSC
import TestSupport
import Testing

/// The PC/SC backend against the harness: a real pcscd with the vsmartcard vpcd reader driver and
/// Debian's vicc as an ISO 7816 card in the first virtual reader.
@Suite("PC/SC reader on pcscd + vpcd", .serialized, Harness.services)
struct PCSCReaderTests {
    @Test("pcscd lists both vpcd readers")
    func listsReaders() async throws {
        let reader = PCSCCardReader(logicalName: "reader", readerPrefix: try Harness.required("BHAL_TEST_PCSC_READER"))
        try await reader.open()
        let names = try await reader.readerNames()
        #expect(names.contains(try Harness.required("BHAL_TEST_PCSC_READER")))
        #expect(names.contains(try Harness.required("BHAL_TEST_PCSC_EMPTY_READER")))
        await reader.close()
    }

    @Test("the card in the first reader has an ATR and answers SELECT MF with 9000")
    func selectMasterFile() async throws {
        let reader = PCSCCardReader(logicalName: "reader", readerPrefix: try Harness.required("BHAL_TEST_PCSC_READER"))
        try await reader.open()
        let slot = try await reader.slotStatus()
        #expect(slot.cardPresent)
        #expect((slot.atr?.count ?? 0) >= 2)
        #expect(slot.atr?.first == 0x3B || slot.atr?.first == 0x3F, "an ATR starts with TS 3B or 3F")
        let response = try await reader.transmit(CardReaderHealthSteps.selectMasterFile)
        #expect(response.suffix(2) == [0x90, 0x00])
        #expect(await reader.statistics.bytesSent == CardReaderHealthSteps.selectMasterFile.count)
        let report = try await reader.checkHealth(.external)
        #expect(report.passed, "\(report.text)")
        await reader.close()
    }

    @Test("an empty reader reports no card, and transmit fails as noHardware with a remedy")
    func emptyReader() async throws {
        let reader = PCSCCardReader(logicalName: "empty", readerPrefix: try Harness.required("BHAL_TEST_PCSC_EMPTY_READER"))
        try await reader.open()
        #expect(try await reader.slotStatus().cardPresent == false)
        let error = await #expect(throws: DeviceError.self) { try await reader.transmit(CardReaderHealthSteps.selectMasterFile) }
        #expect(error?.kind == .noHardware)
        #expect(error?.backendCode?.name == "SCARD_E_NO_SMARTCARD")
        let report = try await reader.checkHealth(.external)
        #expect(!report.passed)
        #expect(report.steps.map(\.outcome.name) == ["passed", "passed", "failed", "skipped"])
        await reader.close()
    }

    @Test("a reader name that matches nothing fails the internal check, naming the attached readers")
    func unknownReader() async throws {
        let reader = PCSCCardReader(logicalName: "missing", readerPrefix: "REINER SCT cyberJack")
        try await reader.open()
        let report = try await reader.checkHealth(.internal)
        #expect(!report.passed)
        guard case .failed(let error) = report.steps.last?.outcome else {
            Issue.record("reader enumerated should fail")
            return
        }
        #expect(error.kind == .noHardware)
        #expect(error.message.contains("Virtual PCD 00 00"))
        #expect(error.remedy.contains("pcsc_scan"))
    }
}
