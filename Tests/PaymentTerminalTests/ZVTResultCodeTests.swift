import DeviceCore
import PaymentTerminal
import Testing

@Suite("ZVT result codes and intermediate statuses")
struct ZVTResultCodeTests {
    /// Every code of zvt.md §8's table.
    static let documentedCodes: [UInt8] = [
        0x00, 0x64, 0x65, 0x66, 0x67, 0x68, 0x6A, 0x6B, 0x6C, 0x6E, 0x6F, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79,
        0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x83, 0x85, 0x89, 0x9A, 0x9B, 0x9C, 0xA0, 0xA1, 0xA3, 0xA4, 0xA5, 0xB1, 0xB2, 0xB4, 0xB5,
        0xB7, 0xB8, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC8, 0xC9, 0xCB, 0xCC, 0xCD, 0xD2, 0xDC, 0xDD, 0xDE, 0xE0,
        0xE2, 0xE3, 0xE4, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xF0, 0xF1, 0xF5, 0xF6, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF,
    ]

    @Test("every documented result code has English and German text and an outcome")
    func documentedTable() {
        for raw in Self.documentedCodes {
            let code = ZVTResultCode(rawValue: raw)
            #expect(code.isKnown, "\(raw)")
            #expect(!code.englishText.hasPrefix("unknown"), "\(raw)")
            #expect(!code.germanText.hasPrefix("Unbekannt"), "\(raw)")
            #expect((code.outcome == .technical) == (code.deviceErrorKind != nil), "\(raw)")
        }
    }

    @Test("outcomes and device-error kinds", arguments: [
        (0x00, ZVTResultCode.Outcome.success, nil), (0x05, .declined, nil), (0x63, .declined, nil), (0x64, .declined, nil),
        (0x78, .declined, nil), (0x6C, .aborted, nil), (0x9A, .technical, DeviceError.Kind.protocol), (0x6F, .technical, .protocol),
        (0xA3, .technical, .offline), (0x7D, .technical, .offline), (0xCC, .technical, .hardwareFault), (0x9C, .technical, .busy),
        (0xFC, .technical, .noHardware), (0xFF, .technical, .other), (0x6D, .technical, .other), (0xA2, .technical, .other),
    ] as [(UInt8, ZVTResultCode.Outcome, DeviceError.Kind?)])
    func outcomes(_ raw: UInt8, _ outcome: ZVTResultCode.Outcome, _ kind: DeviceError.Kind?) {
        let code = ZVTResultCode(rawValue: raw)
        #expect(code.outcome == outcome)
        #expect(code.deviceErrorKind == kind)
    }

    @Test("texts in both languages; host codes and unknown codes are kept")
    func texts() {
        #expect(ZVTResultCode.aborted.englishText == "abort via timeout or abort key")
        #expect(ZVTResultCode.aborted.germanText == "Abbruch durch Zeitüberschreitung oder Abbruch-Taste")
        #expect(ZVTResultCode(rawValue: 0x05).englishText.contains("host code 5"))
        #expect(ZVTResultCode(rawValue: 0x6D).englishText == "unknown result code 6D")
        #expect(!ZVTResultCode(rawValue: 0x6D).isKnown)
        #expect(ZVTResultCode.printerNotReady.description == "CC printer not ready")
    }

    @Test("a technical code becomes a device error with the ZVT backend code; declines do not")
    func deviceErrors() throws {
        let error = try #require(ZVTResultCode.protocolError.deviceError(operation: "authorize"))
        #expect(error.kind == .protocol)
        #expect(error.backendCode?.domain == "ZVT")
        #expect(error.backendCode?.value == 0x9A)
        #expect(!error.remedy.isEmpty)
        #expect(ZVTResultCode.cardExpired.deviceError(operation: "authorize") == nil)
        #expect(ZVTResultCode.aborted.deviceError(operation: "authorize") == nil)
    }

    @Test("intermediate statuses: German texts word for word where certification demands it")
    func intermediateVerbatim() {
        #expect(ZVTIntermediateStatus.insertCard.germanText == "Karte einstecken")
        #expect(ZVTIntermediateStatus.insertCard.mustDisplayVerbatim)
        #expect(ZVTIntermediateStatus(rawValue: 0x0E).germanText == "Vorgang wird bearbeitet bitte warten...")
        #expect(ZVTIntermediateStatus(rawValue: 0x1C).germanText == "Zahlung erfolgt. Bitte Ware entnehmen")
        #expect(!ZVTIntermediateStatus(rawValue: 0x04).mustDisplayVerbatim)
        #expect(ZVTIntermediateStatus(rawValue: 0x04).englishText == "waiting for FEP response")
        let starred: Set<UInt8> = [0x01, 0x02, 0x03, 0x07, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x0E, 0x10, 0x12, 0x13, 0x14, 0x15, 0x17,
                                   0x18, 0x19, 0x1B, 0x1C, 0x1D, 0x43, 0x47, 0x48, 0x49, 0x4C, 0x4D, 0x4E, 0x50, 0x52, 0x53, 0x55,
                                   0x57, 0x58, 0x59, 0x5B, 0x5C, 0x5D]
        for raw in UInt8.min...UInt8.max {
            #expect(ZVTIntermediateStatus(rawValue: raw).mustDisplayVerbatim == starred.contains(raw), "\(raw)")
        }
    }

    @Test("41–5D are the base text plus \"Bitte Karte entnehmen!\"")
    func removeCardVariants() {
        #expect(ZVTIntermediateStatus(rawValue: 0x49).germanText == "Karte verfallen – Bitte Karte entnehmen!")
        #expect(ZVTIntermediateStatus(rawValue: 0x4B).germanText == "Bitte Karte entnehmen!")
        #expect(ZVTIntermediateStatus(rawValue: 0x66).englishText.hasSuffix("please remove card"))
        for raw in UInt8(0x41)...0x5D where raw != 0x4A && ZVTIntermediateStatus(rawValue: raw - 0x40).isKnown {
            #expect(ZVTIntermediateStatus(rawValue: raw).germanText.hasSuffix("Bitte Karte entnehmen!"), "\(raw)")
        }
    }

    @Test("every code zvt.md lists is known; newer codes are tolerated")
    func intermediateTable() {
        let listed: [UInt8] = Array(0x00...0x1D) + Array(0x26...0x2C) + [0x4A, 0x66, 0x67, 0x68, 0x69, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
                                                                         0xCC, 0xD2, 0xD3, 0xE0, 0xE1, 0xE2, 0xF1, 0xF2, 0xF3, 0xFF]
        for raw in listed { #expect(ZVTIntermediateStatus(rawValue: raw).isKnown, "\(raw)") }
        let newer = ZVTIntermediateStatus(rawValue: 0x6A)
        #expect(!newer.isKnown)
        #expect(newer.description == "6A Unbekannter Zwischenstatus 6A")
    }

    @Test("terminal status and card types")
    func smallTables() {
        #expect(ZVTTerminalStatus.ready.isReady)
        #expect(ZVTTerminalStatus(rawValue: 0xCC).description == "CC printer not ready")
        #expect(ZVTCardType(rawValue: 0x05).name == "girocard")
        #expect(ZVTCardType(rawValue: 0x99).name == nil)
    }
}
