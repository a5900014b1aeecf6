/// An ASN.1 object identifier as its DER content bytes (what goes into `06 L …` and into PACE
/// tokens), with the arcs decoded once.
public struct ASN1OID: Sendable, Hashable, CustomStringConvertible {
    /// The DER content bytes.
    public let bytes: [UInt8]
    /// The arcs (`0.4.0.127.0.7.2.2.4.2.2` → `[0, 4, 0, 127, 0, 7, 2, 2, 4, 2, 2]`).
    public let arcs: [UInt64]

    /// Decodes DER content bytes; `nil` for an empty value, a truncated arc, a non-minimal arc
    /// (leading `80`) or an arc beyond 64 bits.
    public init?(bytes: [UInt8]) {
        guard !bytes.isEmpty else { return nil }
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        var started = false
        for byte in bytes {
            if !started, byte == 0x80 { return nil }
            started = true
            guard value >> 57 == 0 else { return nil }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first: UInt64 = value < 40 ? 0 : (value < 80 ? 1 : 2)
                    arcs = [first, value - first * 40]
                } else {
                    arcs.append(value)
                }
                value = 0
                started = false
            }
        }
        guard !started else { return nil }
        self.bytes = bytes
        self.arcs = arcs
    }

    /// An OID from arcs known to be valid (the constants of this module).
    init(known arcs: [UInt64]) {
        var bytes: [UInt8] = []
        let all = arcs.count >= 2 ? [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) : arcs
        for arc in all {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest != 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            bytes += chunk
        }
        self.bytes = bytes
        self.arcs = arcs
    }

    /// Whether this OID lies under `prefix` with exactly `extraArcs` more arcs.
    func isUnder(_ prefix: [UInt64], extraArcs: Int) -> Bool {
        arcs.count == prefix.count + extraArcs && Array(arcs.prefix(prefix.count)) == prefix
    }

    /// Dotted notation.
    public var description: String { arcs.map(String.init).joined(separator: ".") }

    /// bsi-de protocols: 0.4.0.127.0.7.2.2.
    static let bsiProtocols: [UInt64] = [0, 4, 0, 127, 0, 7, 2, 2]
}
