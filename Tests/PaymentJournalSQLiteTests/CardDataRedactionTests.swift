import DeviceCore
import Foundation
import PaymentTerminal
import PaymentJournalSQLite
import Testing

@Suite("Card data never reaches the journal")
struct CardDataRedactionTests {
    @Test(arguments: [
        ("4111111111111111", "411111******1111"),
        ("PAN 5500005555555559 ok", "PAN 550000******5559 ok"),
        ("4111 1111 1111 1111", "4111 11** **** 1111"),
        ("4111-1111-1111-1111", "4111-11**-****-1111"),
        ("6725590000000000002", "672559*********0002"),                 // 19 digits
        ("2024123141111111111111111", "202412***************1111"),       // PAN inside a longer run
        (";4111111111111111=25121010000012300000?", "[track data removed]"),
        ("T2 ;4111111111111111=2512101? end", "T2 [track data removed] end"),
        ("4111111111111111=25121010000", "[track data removed]"),
        ("4111111111111111D25121010000", "[track data removed]"),
        ("%B4111111111111111^MUSTERMANN/ERIKA^2512101000000?", "[track data removed]"),
    ])
    func masksCardData(input: String, expected: String) {
        #expect(CardDataRedactor.redact(input) == expected)
        #expect(CardDataRedactor.containsCardData(input))
    }

    @Test(arguments: [
        "4111111111111112",                  // fails Luhn
        "672559******1234",                  // already masked
        "Trace 000123 Beleg 0042 Betrag 12,50 EUR",
        "TID 52500038 Datum 06.12. 10:15",
        "041111111111",                      // 12 digits: too short for a PAN
        "",
    ])
    func leavesOtherTextAlone(input: String) {
        #expect(CardDataRedactor.redact(input) == input)
    }

    @Test func luhn() {
        #expect(CardDataRedactor.passesLuhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!CardDataRedactor.passesLuhn([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
        #expect(CardDataRedactor.passesLuhn([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]))
    }

    @Test func journalStoresNoFullPANOrTrackData() async throws {
        let directory = try TemporaryJournalDirectory()
        defer { directory.remove() }
        let journal = try directory.open()
        let pan = "4111111111111111"
        _ = try await journal.begin(Sample.authorization("fee-1"))
        try await journal.record(requestID: "fee-1",
                                 message: JournalMessage(direction: .received, summary: "04 0F PAN \(pan) track ;\(pan)=2512101?", timestamp: 1))
        var result = Sample.approved()
        result.maskedPAN = pan
        result.cardName = "VISA \(pan)"
        result.customerReceipt = ["Karte: \(pan)", "%B\(pan)^DOE/JOHN^2512101?"]
        result.merchantReceipt = ["4111 1111 1111 1111"]
        result.message = "approved for \(pan)"
        try await journal.markInDoubt(requestID: "fee-1", reason: "lost after \(pan)")
        try await journal.complete(requestID: "fee-1", result: result)

        let entry = try #require(try await journal.entry(requestID: "fee-1"))
        let stored = try #require(entry.result)
        #expect(stored.maskedPAN == "411111******1111")
        #expect(stored.cardName == "VISA 411111******1111")
        #expect(stored.customerReceipt == ["Karte: 411111******1111", "[track data removed]"])
        #expect(stored.merchantReceipt == ["4111 11** **** 1111"])
        #expect(stored.message == "approved for 411111******1111")
        #expect(entry.doubtReason == "lost after 411111******1111")
        #expect(entry.messages.first?.summary == "04 0F PAN 411111******1111 track [track data removed]")

        // Nothing on disk either (database and WAL, UTF-8 as SQLite stores text).
        let bytes = try directory.allBytes()
        #expect(bytes.range(of: Data(pan.utf8)) == nil)
        #expect(bytes.range(of: Data("2512101".utf8)) == nil)
        #expect(bytes.range(of: Data("MUSTERMANN".utf8)) == nil && bytes.range(of: Data("DOE/JOHN".utf8)) == nil)
    }
}

/// 12-digit card numbers (Maestro lengths) and the text around them (issue 9, item 7).
@Suite("Card data redactor: 12-digit card numbers")
struct ShortCardNumberRedactionTests {
    @Test(arguments: [
        ("676100000006", "********0006"),
        ("Karte 676100000006 ok", "Karte ********0006 ok"),
        ("6761 0000 0006", "**** **** 0006"),
        ("MasterCard 676100000006\n", "MasterCard ********0006\n"),
    ])
    func masks(input: String, expected: String) {
        #expect(CardDataRedactor.redact(input) == expected)
    }

    @Test(arguments: [
        "67 61 00 00 00 06",        // hex bytes of an AID or a dump, not a card number
        "676100000007",             // fails Luhn
        "67610000006",              // 11 digits
        "2026-06-12 10:15:02",
        "Betrag 6761000000.06 EUR",
    ])
    func leaves(input: String) {
        #expect(CardDataRedactor.redact(input) == input)
    }
}
