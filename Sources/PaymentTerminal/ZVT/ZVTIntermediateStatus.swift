/// An intermediate status from `04 FF` (PA00P015 §3.7 table 17): what the terminal's display shows
/// while a transaction runs, for the kiosk's screen.
///
/// Extensible: revisions and vendors add codes (rev 13.13: 5E, 6A–6D; Ingenico A0–A5), which are kept
/// and shown by number.
public struct ZVTIntermediateStatus: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The status byte.
    public var rawValue: UInt8

    /// Creates a status.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `0A` Karte einstecken.
    public static let insertCard = ZVTIntermediateStatus(rawValue: 0x0A)
    /// `0B` please remove card.
    public static let removeCard = ZVTIntermediateStatus(rawValue: 0x0B)
    /// `0E` Vorgang wird bearbeitet bitte warten...
    public static let processing = ZVTIntermediateStatus(rawValue: 0x0E)
    /// `17` Bitte warten...
    public static let pleaseWait = ZVTIntermediateStatus(rawValue: 0x17)
    /// `FF` no code fits: the text is in TLV 24/07.
    public static let textInTLV = ZVTIntermediateStatus(rawValue: 0xFF)

    /// Whether the code is in the table.
    public var isKnown: Bool { Self.table[rawValue] != nil }

    /// The English text.
    public var englishText: String {
        Self.table[rawValue]?.english ?? "unknown intermediate status \(ZVTBCD.hex(rawValue))"
    }

    /// The German text; for ``mustDisplayVerbatim`` codes exactly what the customer display must show.
    public var germanText: String {
        Self.table[rawValue]?.german ?? "Unbekannter Zwischenstatus \(ZVTBCD.hex(rawValue))"
    }

    /// Whether certification requires the German text word for word on an unattended terminal's
    /// customer display (the starred codes of table 17).
    public var mustDisplayVerbatim: Bool { Self.table[rawValue]?.verbatim ?? false }

    /// `0A Karte einstecken` (German, since that is what the customer sees).
    public var description: String { "\(ZVTBCD.hex(rawValue)) \(germanText)" }

    /// Orders by code.
    public static func < (lhs: ZVTIntermediateStatus, rhs: ZVTIntermediateStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
