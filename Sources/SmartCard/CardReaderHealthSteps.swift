public import DeviceCore

/// The health-check steps every card reader shares, whatever its backend.
public enum CardReaderHealthSteps {
    /// SELECT the master file (MF, FID 3F00) without asking for FCI; every ISO 7816-4 card answers it.
    public static let selectMasterFile: [UInt8] = [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]

    /// Adds the external-level steps: a card is present, and it answers SELECT MF with 9000.
    public static func recordExternalSteps(of reader: some CardReader, into recorder: inout HealthCheckRecorder) async {
        await recorder.step("card present") {
            let slot = try await reader.slotStatus()
            guard slot.cardPresent else {
                throw DeviceError(.noHardware, operation: "card present", message: "no card in \(slot.readerName)",
                                  remedy: "Insert a test card into the reader and run the check again.")
            }
            return "ATR " + Hex.string(slot.atr ?? [])
        }
        await recorder.step("SELECT MF answers") {
            let response = try await reader.transmit(selectMasterFile)
            guard response.count >= 2 else {
                throw DeviceError(.protocol, operation: "SELECT MF", message: "the card answered \(response.count) bytes, fewer than a status word",
                                  remedy: "Reinsert the card; if it persists, the card or reader is faulty.")
            }
            let sw = Hex.string(response.suffix(2))
            guard response.suffix(2) == [0x90, 0x00] else {
                throw DeviceError(.protocol, operation: "SELECT MF", message: "the card answered status word \(sw), expected 9000",
                                  remedy: "Use an ISO 7816-4 test card with a master file.")
            }
            return "SW " + sw
        }
    }

}
