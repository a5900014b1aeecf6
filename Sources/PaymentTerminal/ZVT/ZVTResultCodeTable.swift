import DeviceCore

extension ZVTResultCode {
    /// One row of the result-code table.
    struct Entry: Sendable {
        /// English text.
        var english: String
        /// German text.
        var german: String
        /// Transaction outcome.
        var outcome: Outcome
        /// Device-error kind for technical codes.
        var kind: DeviceError.Kind?
    }

    /// PA00P015 §10 (rev 13.08) without the host codes 01–63; zvt.md §8 has the same rows in short form.
    /// The German texts are ours where the specification gives English only.
    static let table: [UInt8: Entry] = [
        0x00: Entry(english: "no error", german: "kein Fehler", outcome: .success, kind: nil),
        0x64: Entry(english: "card not readable (LRC/parity error)", german: "Karte nicht lesbar (LRC-/Paritätsfehler)", outcome: .declined, kind: nil),
        0x65: Entry(english: "card data not present (no track, no chip)", german: "Kartendaten nicht vorhanden (keine Spur, kein Chip)", outcome: .declined, kind: nil),
        0x66: Entry(english: "processing error (also card reader)", german: "Bearbeitungsfehler (auch Kartenleser)", outcome: .technical, kind: .hardwareFault),
        0x67: Entry(english: "function not permitted for ec and Maestro cards", german: "Funktion für ec- und Maestro-Karten nicht zulässig", outcome: .declined, kind: nil),
        0x68: Entry(english: "function not permitted for credit and fuel cards", german: "Funktion für Kredit- und Tankkarten nicht zulässig", outcome: .declined, kind: nil),
        0x6A: Entry(english: "turnover file full", german: "Umsatzdatei voll", outcome: .technical, kind: .hardwareFault),
        0x6B: Entry(english: "function deactivated (PT not registered)", german: "Funktion deaktiviert (Terminal nicht angemeldet)", outcome: .technical, kind: .`protocol`),
        0x6C: Entry(english: "abort via timeout or abort key", german: "Abbruch durch Zeitüberschreitung oder Abbruch-Taste", outcome: .aborted, kind: nil),
        0x6E: Entry(english: "card in blocked list (response to 06 E4)", german: "Karte in Sperrliste (Antwort auf 06 E4)", outcome: .declined, kind: nil),
        0x6F: Entry(english: "wrong currency", german: "Falsche Währung", outcome: .technical, kind: .`protocol`),
        0x71: Entry(english: "credit not sufficient (chip card)", german: "Guthaben nicht ausreichend (Chipkarte)", outcome: .declined, kind: nil),
        0x72: Entry(english: "chip error", german: "Chipfehler", outcome: .declined, kind: nil),
        0x73: Entry(english: "card data incorrect (country code, checksum)", german: "Kartendaten fehlerhaft (Länderkennung, Prüfsumme)", outcome: .declined, kind: nil),
        0x74: Entry(english: "DUKPT engine exhausted", german: "DUKPT-Engine erschöpft", outcome: .technical, kind: .hardwareFault),
        0x75: Entry(english: "text not authentic", german: "Text nicht authentisch", outcome: .technical, kind: .`protocol`),
        0x76: Entry(english: "PAN not in white list", german: "PAN nicht in Positivliste", outcome: .declined, kind: nil),
        0x77: Entry(english: "end-of-day batch not possible", german: "Kassenschnitt nicht möglich", outcome: .technical, kind: .other),
        0x78: Entry(english: "card expired", german: "Karte verfallen", outcome: .declined, kind: nil),
        0x79: Entry(english: "card not yet valid", german: "Karte noch nicht gültig", outcome: .declined, kind: nil),
        0x7A: Entry(english: "card unknown", german: "Karte unbekannt", outcome: .declined, kind: nil),
        0x7B: Entry(english: "fallback to magnetic stripe not possible (girocard)", german: "Kein Rückfall auf Magnetstreifen möglich (girocard)", outcome: .declined, kind: nil),
        0x7C: Entry(english: "fallback to magnetic stripe not possible (non-girocard)", german: "Kein Rückfall auf Magnetstreifen möglich (andere Karten)", outcome: .declined, kind: nil),
        0x7D: Entry(english: "communication error (communication module)", german: "Kommunikationsfehler (Kommunikationsmodul)", outcome: .technical, kind: .offline),
        0x7E: Entry(english: "fallback to magnetic stripe not possible, debit advice possible", german: "Kein Rückfall auf Magnetstreifen möglich, Lastschrift möglich", outcome: .declined, kind: nil),
        0x83: Entry(english: "function not possible", german: "Funktion nicht möglich", outcome: .technical, kind: .other),
        0x85: Entry(english: "key missing", german: "Schlüssel fehlt", outcome: .technical, kind: .hardwareFault),
        0x89: Entry(english: "PIN pad defective", german: "PIN-Pad defekt", outcome: .technical, kind: .hardwareFault),
        0x9A: Entry(english: "ZVT protocol error (parse error, missing element)", german: "ZVT-Protokollfehler (Formatfehler, fehlendes Element)", outcome: .technical, kind: .`protocol`),
        0x9B: Entry(english: "error from dial-up/communication fault", german: "Fehler bei Einwahl/Kommunikation", outcome: .technical, kind: .offline),
        0x9C: Entry(english: "please wait", german: "Bitte warten", outcome: .technical, kind: .busy),
        0xA0: Entry(english: "receiver not ready", german: "Empfänger nicht bereit", outcome: .technical, kind: .offline),
        0xA1: Entry(english: "remote station does not respond", german: "Gegenstelle antwortet nicht", outcome: .technical, kind: .offline),
        0xA3: Entry(english: "no connection", german: "Keine Verbindung", outcome: .technical, kind: .offline),
        0xA4: Entry(english: "submission of GeldKarte not possible", german: "Einreichung der GeldKarte nicht möglich", outcome: .technical, kind: .other),
        0xA5: Entry(english: "function not allowed due to PCI-DSS/P2PE rules", german: "Funktion nach PCI-DSS-/P2PE-Regeln nicht zulässig", outcome: .technical, kind: .other),
        0xB1: Entry(english: "memory full", german: "Speicher voll", outcome: .technical, kind: .hardwareFault),
        0xB2: Entry(english: "merchant journal full", german: "Händlerjournal voll", outcome: .technical, kind: .hardwareFault),
        0xB4: Entry(english: "already reversed", german: "Bereits storniert", outcome: .declined, kind: nil),
        0xB5: Entry(english: "reversal not possible", german: "Storno nicht möglich", outcome: .declined, kind: nil),
        0xB7: Entry(english: "pre-authorisation incorrect (amount too high) or amount wrong", german: "Vorautorisierung fehlerhaft (Betrag zu hoch) oder Betrag falsch", outcome: .declined, kind: nil),
        0xB8: Entry(english: "error pre-authorisation", german: "Fehler bei der Vorautorisierung", outcome: .declined, kind: nil),
        0xBF: Entry(english: "voltage supply too low", german: "Versorgungsspannung zu niedrig", outcome: .technical, kind: .hardwareFault),
        0xC0: Entry(english: "card locking mechanism defective", german: "Kartenverriegelung defekt", outcome: .technical, kind: .hardwareFault),
        0xC1: Entry(english: "merchant card locked", german: "Händlerkarte gesperrt", outcome: .technical, kind: .hardwareFault),
        0xC2: Entry(english: "diagnosis required", german: "Diagnose erforderlich", outcome: .technical, kind: .other),
        0xC3: Entry(english: "maximum amount exceeded", german: "Maximalbetrag überschritten", outcome: .declined, kind: nil),
        0xC4: Entry(english: "card profile invalid, new card profiles must be loaded", german: "Kartenprofil ungültig, Kartenprofile müssen neu geladen werden", outcome: .technical, kind: .other),
        0xC5: Entry(english: "payment method not supported", german: "Zahlungsart nicht unterstützt", outcome: .declined, kind: nil),
        0xC6: Entry(english: "currency not applicable", german: "Währung nicht anwendbar", outcome: .declined, kind: nil),
        0xC8: Entry(english: "amount too small", german: "Betrag zu klein", outcome: .declined, kind: nil),
        0xC9: Entry(english: "max. transaction amount too small", german: "Maximaler Transaktionsbetrag zu klein", outcome: .declined, kind: nil),
        0xCB: Entry(english: "function only allowed in EURO", german: "Funktion nur in EURO zulässig", outcome: .declined, kind: nil),
        0xCC: Entry(english: "printer not ready", german: "Drucker nicht bereit", outcome: .technical, kind: .hardwareFault),
        0xCD: Entry(english: "cashback not possible", german: "Cashback nicht möglich", outcome: .declined, kind: nil),
        0xD2: Entry(english: "function not permitted for service cards/bank customer cards", german: "Funktion für Service-/Bankkundenkarten nicht zulässig", outcome: .declined, kind: nil),
        0xDC: Entry(english: "card inserted", german: "Karte eingesteckt", outcome: .technical, kind: .busy),
        0xDD: Entry(english: "error during card eject (motor card reader)", german: "Fehler beim Kartenauswurf (Motorleser)", outcome: .technical, kind: .hardwareFault),
        0xDE: Entry(english: "error during card insertion (motor card reader)", german: "Fehler beim Karteneinzug (Motorleser)", outcome: .technical, kind: .hardwareFault),
        0xE0: Entry(english: "remote maintenance activated", german: "Fernwartung aktiv", outcome: .technical, kind: .busy),
        0xE2: Entry(english: "card reader does not answer / card reader defective", german: "Kartenleser antwortet nicht / Kartenleser defekt", outcome: .technical, kind: .hardwareFault),
        0xE3: Entry(english: "shutter closed", german: "Shutter geschlossen", outcome: .technical, kind: .hardwareFault),
        0xE4: Entry(english: "terminal activation required", german: "Terminal-Aktivierung erforderlich", outcome: .technical, kind: .other),
        0xE7: Entry(english: "min. one goods group not found", german: "Mindestens eine Warengruppe nicht gefunden", outcome: .declined, kind: nil),
        0xE8: Entry(english: "no goods groups table loaded", german: "Keine Warengruppentabelle geladen", outcome: .declined, kind: nil),
        0xE9: Entry(english: "restriction code not permitted", german: "Restriktionscode nicht zulässig", outcome: .declined, kind: nil),
        0xEA: Entry(english: "card code not permitted", german: "Kartencode nicht zulässig", outcome: .declined, kind: nil),
        0xEB: Entry(english: "function not executable (PIN algorithm unknown)", german: "Funktion nicht ausführbar (PIN-Algorithmus unbekannt)", outcome: .technical, kind: .other),
        0xEC: Entry(english: "PIN processing not possible", german: "PIN-Verarbeitung nicht möglich", outcome: .technical, kind: .hardwareFault),
        0xED: Entry(english: "PIN pad defective", german: "PIN-Pad defekt", outcome: .technical, kind: .hardwareFault),
        0xF0: Entry(english: "open end-of-day batch present", german: "Offener Kassenschnitt vorhanden", outcome: .technical, kind: .other),
        0xF1: Entry(english: "ec-cash/Maestro offline error", german: "ec-Cash/Maestro Offline-Fehler", outcome: .technical, kind: .offline),
        0xF5: Entry(english: "OPT error", german: "OPT-Fehler", outcome: .technical, kind: .other),
        0xF6: Entry(english: "OPT data not available (OPT personalisation required)", german: "OPT-Daten nicht vorhanden (OPT-Personalisierung erforderlich)", outcome: .technical, kind: .other),
        0xFA: Entry(english: "error transmitting offline transactions (clearing error)", german: "Fehler bei der Übertragung von Offline-Umsätzen (Clearing-Fehler)", outcome: .technical, kind: .offline),
        0xFB: Entry(english: "turnover data record defective", german: "Umsatzdatensatz fehlerhaft", outcome: .technical, kind: .hardwareFault),
        0xFC: Entry(english: "necessary device not present or defective", german: "Benötigtes Gerät nicht vorhanden oder defekt", outcome: .technical, kind: .noHardware),
        0xFD: Entry(english: "baud rate not supported", german: "Baudrate nicht unterstützt", outcome: .technical, kind: .`protocol`),
        0xFE: Entry(english: "register unknown", german: "Register unbekannt", outcome: .technical, kind: .other),
        0xFF: Entry(english: "system error (see TLV tags 1F16 and 1F17)", german: "Systemfehler (siehe TLV-Tags 1F16 und 1F17)", outcome: .technical, kind: .other),
    ]
}
