/// Scalar → byte for the upper half of one code page: a flat array for Latin-1 scalars (the
/// umlauts, ß and most of every page) and a dictionary for the rest (€, box drawing, Greek).
struct CodePageReverseTable: Sendable {
    /// Byte for scalars U+0000...U+00FF; 0 where the page has none (0 is never a text byte).
    private let latin1: [UInt8]
    /// Byte for scalars above U+00FF.
    private let others: [UInt32: UInt8]

    /// Builds the table; the first byte wins if a chart lists a character twice.
    init(upperHalf: [UInt16]) {
        var latin1 = [UInt8](repeating: 0, count: 0x100)
        var others: [UInt32: UInt8] = [:]
        for (offset, value) in upperHalf.enumerated() where value != 0 {
            let byte = UInt8(0x80 + offset)
            if value < 0x100 {
                if latin1[Int(value)] == 0 { latin1[Int(value)] = byte }
            } else if others[UInt32(value)] == nil {
                others[UInt32(value)] = byte
            }
        }
        self.latin1 = latin1
        self.others = others
    }

    /// The byte for `value`, or `nil`.
    func byte(for value: UInt32) -> UInt8? {
        if value < 0x100 {
            let byte = latin1[Int(value)]
            return byte == 0 ? nil : byte
        }
        return others[value]
    }
}
