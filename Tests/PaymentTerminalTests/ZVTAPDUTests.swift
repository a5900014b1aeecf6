import PaymentTerminal
import Testing

@Suite("ZVT APDU codec")
struct ZVTAPDUTests {
    @Test("short APDUs round-trip with a one-byte length")
    func shortRoundTrip() throws {
        let apdu = ZVTAPDU(class: 0x06, instruction: 0x01, data: h("04 00 00 00 00 12 50"))
        let bytes = try apdu.encoded()
        #expect(bytes == h("06 01 07 04 00 00 00 00 12 50"))
        #expect(try ZVTAPDU.decode(bytes) == apdu)
        #expect(try ZVTAPDU.decode(h("80 00 00")) == ZVTAPDU(class: 0x80, instruction: 0x00))
    }

    @Test("254 data bytes use the short form; 255 and more use FF lo hi, little-endian", arguments: [254, 255, 256, 0x1234, 0xFFFF])
    func extendedLength(_ count: Int) throws {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0) }
        let bytes = try ZVTAPDU(class: 0x06, instruction: 0xD3, data: data).encoded()
        if count <= 254 {
            #expect(Array(bytes.prefix(3)) == [0x06, 0xD3, UInt8(count)])
        } else {
            #expect(Array(bytes.prefix(5)) == [0x06, 0xD3, 0xFF, UInt8(count & 0xFF), UInt8(count >> 8)])
        }
        #expect(try ZVTAPDU.decode(bytes).data == data)
    }

    @Test("the extended form is accepted for short data too")
    func extendedFormForShortData() throws {
        #expect(try ZVTAPDU.decode(h("06 01 FF 02 00 AA BB")).data == [0xAA, 0xBB])
    }

    @Test("data over 65535 bytes cannot be encoded")
    func tooLongToEncode() {
        #expect(throws: ZVTEncodingError.self) { try ZVTAPDU(class: 6, instruction: 1, data: [UInt8](repeating: 0, count: 65536)).encoded() }
    }

    @Test("malformed APDUs name the offset",
          arguments: [
              ("", 0, ZVTDecodingError.Reason.truncated), ("06 01", 2, .truncated), ("06 01 FF 01", 4, .truncated),
              ("06 01 03 04 00", 5, .truncated), ("06 01 FF 03 00 AA", 6, .truncated), ("06 01 01 00 99", 4, .trailingBytes),
          ] as [(String, Int, ZVTDecodingError.Reason)])
    func malformed(_ hex: String, _ offset: Int, _ reason: ZVTDecodingError.Reason) {
        let error = decodingError { _ = try ZVTAPDU.decode(h(hex)) }
        #expect(error?.offset == offset)
        #expect(error?.reason == reason)
    }

    @Test("the description never shows the data")
    func descriptionHidesData() {
        let apdu = ZVTAPDU(class: 0x04, instruction: 0x0F, data: h("22 F0 F8 47 61 73 90 01 01 00 10"))
        #expect(apdu.description == "04 0F (11 data bytes)")
    }
}

@Suite("ZVT APDU stream decoder")
struct ZVTAPDUStreamDecoderTests {
    /// Three APDUs including an extended-length one and an empty one.
    static let apdus: [ZVTAPDU] = [
        ZVTAPDU(class: 0x80, instruction: 0x00),
        ZVTAPDU(class: 0x04, instruction: 0xFF, data: h("0A 05")),
        ZVTAPDU(class: 0x06, instruction: 0xD3, data: (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }),
        ZVTAPDU(class: 0x06, instruction: 0x0F),
    ]

    static func stream() throws -> [UInt8] {
        try apdus.flatMap { try $0.encoded() }
    }

    @Test("every split point of a multi-APDU stream gives the same APDUs")
    func everySplitPoint() throws {
        let stream = try Self.stream()
        for split in 0...stream.count {
            var decoder = ZVTAPDUStreamDecoder()
            var decoded = try decoder.decode(stream[..<split])
            decoded += try decoder.decode(stream[split...])
            try decoder.finish()
            #expect(decoded == Self.apdus, "split at \(split)")
        }
    }

    @Test("every pair of split points (three reads) gives the same APDUs")
    func everyPairOfSplitPoints() throws {
        let stream = try Self.stream()
        for first in stride(from: 0, through: stream.count, by: 3) {
            for second in stride(from: first, through: stream.count, by: 5) {
                var decoder = ZVTAPDUStreamDecoder()
                var decoded = try decoder.decode(stream[..<first])
                decoded += try decoder.decode(stream[first..<second])
                decoded += try decoder.decode(stream[second...])
                #expect(decoded == Self.apdus)
                #expect(decoder.bufferedByteCount == 0)
            }
        }
    }

    @Test("byte-by-byte feeding yields each APDU exactly when its last byte arrives")
    func byteByByte() throws {
        let stream = try Self.stream()
        var decoder = ZVTAPDUStreamDecoder()
        var decoded: [ZVTAPDU] = []
        var ends: [Int] = []
        for (index, byte) in stream.enumerated() {
            let new = try decoder.decode([byte])
            if !new.isEmpty { ends.append(index + 1) }
            decoded += new
        }
        #expect(decoded == Self.apdus)
        #expect(ends == [3, 8, 313, 316])
    }

    @Test("a length above the guard throws at the length byte and poisons the decoder")
    func maxLengthGuard() throws {
        var decoder = ZVTAPDUStreamDecoder(maxDataLength: 100)
        let error = decodingError { _ = try decoder.decode(h("80 00 00 06 D3 FF 00 01")) }
        #expect(error?.reason == .tooLong)
        #expect(error?.offset == 5)
        let again = decodingError { _ = try decoder.next() }
        #expect(again == error)
        #expect(throws: ZVTDecodingError.self) { try decoder.finish() }
    }

    @Test("a partial APDU at end of stream is reported with its start")
    func truncatedAtEnd() throws {
        var decoder = ZVTAPDUStreamDecoder()
        #expect(try decoder.decode(h("80 00 00 04 FF 02 0A")).count == 1)
        let error = decodingError { try decoder.finish() }
        #expect(error?.reason == .truncated)
        #expect(error?.offset == 7)
        #expect(error?.message.contains("starting at offset 3") == true)
    }

    @Test("offsets keep counting across a long stream (buffer compaction)")
    func longStream() throws {
        var decoder = ZVTAPDUStreamDecoder()
        let apdu = try ZVTAPDU(class: 0x06, instruction: 0xD1, data: [UInt8](repeating: 0x41, count: 200)).encoded()
        for _ in 0..<100 { #expect(try decoder.decode(apdu).count == 1) }
        #expect(decoder.offset == 100 * apdu.count)
        var small = ZVTAPDUStreamDecoder(maxDataLength: 10)
        let error = decodingError { _ = try small.decode(apdu + apdu) }
        #expect(error?.offset == 2)
    }
}
