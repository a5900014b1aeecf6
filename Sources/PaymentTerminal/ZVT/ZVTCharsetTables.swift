import DeviceCore

/// Code tables for ``ZVTCharset``: CP437's upper half and the differences of ISO 8859-15 and the
/// German 7-bit ZVT set (PA00P015 §15) from their base sets.
enum ZVTCharsetTables {
    /// Unicode scalars of CP437 bytes 0x80–0xFF (IBM PC code page 437, as the ZVT default 8-bit set).
    static let cp437Upper: [UInt32] = CodePage437.upperHalf.map(UInt32.init)

    /// ISO 8859-15 positions that differ from ISO 8859-1 (€ at A4).
    static let latin9Differences: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
    ]

    /// German 7-bit ZVT set (PA00P015 §15.1): ASCII with these replacements.
    static let zvt7Differences: [UInt8: UInt32] = [
        0x5B: 0x00C4, 0x5C: 0x00D6, 0x5D: 0x00DC, 0x7B: 0x00E4, 0x7C: 0x00F6, 0x7D: 0x00FC, 0x7E: 0x00DF,
    ]
}
