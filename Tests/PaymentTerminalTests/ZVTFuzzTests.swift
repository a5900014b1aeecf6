import PaymentTerminal
import TestSupport
import Testing

/// Robustness: pseudo-random and mutated inputs must give values or typed errors, never a trap.
@Suite("ZVT decoders never trap")
struct ZVTFuzzTests {
    /// Random bytes biased towards the values ZVT parsers branch on.
    static func randomBytes(_ generator: inout SplitMix64, maxCount: Int) -> [UInt8] {
        let interesting: [UInt8] = [0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x0F, 0x10, 0x15, 0x1F, 0x20, 0x22, 0x27, 0x3C, 0x49, 0x6F,
                                    0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0x8B, 0xF0, 0xF1, 0xF9, 0xFA, 0xFE, 0xFF]
        let count = Int.random(in: 0...maxCount, using: &generator)
        return (0..<count).map { _ in
            Bool.random(using: &generator) ? interesting.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
        }
    }

    /// Feeds one input to every decoder; any result or typed error is fine.
    static func exercise(_ bytes: [UInt8], generator: inout SplitMix64) {
        let formatter = ZVTMessageFormatter(charset: ZVTCharset.allCases.randomElement(using: &generator) ?? .cp437)
        _ = try? ZVTAPDU.decode(bytes)
        for charset in [ZVTCharset.cp437, .utf8, .zvt7] {
            if let message = try? ZVTMessage.decode(bytes: bytes, charset: charset) {
                _ = formatter.text(message)
                _ = formatter.json([message])
                _ = try? message.apdu(charset: charset)
            }
            _ = charset.decode(bytes)
        }
        _ = try? ZVTBMPCodec.decodeFields(bytes)
        _ = try? ZVTTLV.decodeList(bytes)
        if bytes.count >= 2 {
            _ = try? ZVTMessage.decode(ZVTAPDU(class: bytes[0], instruction: bytes[1], data: Array(bytes.dropFirst(2))))
        }

        var stream = ZVTAPDUStreamDecoder(maxDataLength: 512)
        var serial = ZVTSerialDecoder(maxAPDULength: 512)
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + Int.random(in: 1...17, using: &generator))
            _ = try? stream.decode(bytes[index..<end])
            serial.append(bytes[index..<end])
            var guardCount = 0
            while guardCount <= bytes.count {
                guardCount += 1
                do {
                    guard try serial.next() != nil else { break }
                } catch {
                    continue
                }
            }
            index = end
        }
        _ = try? stream.finish()
        _ = try? serial.finish()
    }

    @Test("a few thousand random byte strings")
    func randomInputs() {
        var generator = SplitMix64(seed: 0x5A56_5442_4841_4C01)
        for _ in 0..<3000 {
            let bytes = Self.randomBytes(&generator, maxCount: 96)
            Self.exercise(bytes, generator: &generator)
        }
    }

    @Test("random data behind valid headers")
    func validHeaders() {
        var generator = SplitMix64(seed: 42)
        let headers: [[UInt8]] = [[0x04, 0x0F], [0x04, 0xFF], [0x06, 0x00], [0x06, 0x0F], [0x06, 0x1E], [0x06, 0xD1], [0x06, 0xD3],
                                  [0x84, 0x1E], [0x80, 0x00], [0x05, 0x01], [0x06, 0xE0]]
        for _ in 0..<3000 {
            let data = Self.randomBytes(&generator, maxCount: 120)
            let header = headers.randomElement(using: &generator) ?? [0x04, 0x0F]
            let apdu = header + [UInt8(data.count)] + data
            Self.exercise(apdu, generator: &generator)
            Self.exercise(ZVTSerialFrame.encode(apduBytes: apdu), generator: &generator)
            Self.exercise([0x06] + ((try? ZVTTLV.berLength(data.count)) ?? []) + data, generator: &generator)
        }
    }

    @Test("every fixture with random byte flips, insertions and cuts")
    func mutatedFixtures() throws {
        var generator = SplitMix64(seed: 7)
        let fixtures = try (ZVTFixture.apduFixtures + ZVTFixture.serialFixtures).map(ZVTFixture.bytes)
        for _ in 0..<2000 {
            var bytes = fixtures.randomElement(using: &generator) ?? []
            for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0...3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                case 2: bytes.remove(at: position)
                default: bytes = Array(bytes.prefix(position))
                }
            }
            Self.exercise(bytes, generator: &generator)
        }
    }

    @Test("random hex text never traps the hex parser")
    func hexText() {
        var generator = SplitMix64(seed: 99)
        let alphabet = Array("0123456789abcdefABCDEF #\n\tzG-")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? " " })
            _ = try? ZVTHex.parse(text)
        }
    }
}
