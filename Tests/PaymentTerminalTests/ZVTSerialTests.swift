import PaymentTerminal
import Testing

@Suite("ZVT serial framing")
struct ZVTSerialTests {
    @Test("CRC-16/KERMIT check value: \"123456789\" gives 0x2189 (not XMODEM's 0x31C3)")
    func checkValue() {
        #expect(ZVTCRC16.checksum(Array("123456789".utf8)) == 0x2189)
        #expect(ZVTCRC16.checksum([]) == 0)
        #expect(ZVTCRC16.checksum(Array("6789".utf8), initial: ZVTCRC16.checksum(Array("12345".utf8))) == 0x2189)
    }

    @Test("the acknowledgement APDU 80 00 00 framed: CRC over APDU and ETX, low byte first")
    func ackFrame() throws {
        let frame = try ZVTSerialFrame.encode(ZVTAPDU(class: 0x80, instruction: 0x00))
        let crc = ZVTCRC16.checksum(h("80 00 00 03"))
        #expect(frame == h("10 02 80 00 00 10 03") + [UInt8(crc & 0xFF), UInt8(crc >> 8)])
        #expect(frame == (try ZVTFixture.bytes("serial-ack-apdu.hex")))
    }

    @Test("a length byte equal to 10 is stuffed like any data byte")
    func stuffedLength() throws {
        let apdu = ZVTAPDU(class: 0x06, instruction: 0xD1, data: [0x00] + Array("Bitte warten...".utf8))
        #expect(apdu.data.count == 0x10)
        let frame = try ZVTSerialFrame.encode(apdu)
        #expect(Array(frame.prefix(6)) == h("10 02 06 D1 10 10"))
        #expect(frame == (try ZVTFixture.bytes("serial-length-10.hex")))
        var decoder = ZVTSerialDecoder()
        #expect(try decoder.decode(frame) == [.apdu(apdu)])
        #expect(decoder.isIdle)
    }

    @Test("CRC bytes 10 and 03 are read raw, never unstuffed or taken for ETX", arguments: ["serial-crc-byte-10.hex", "serial-crc-byte-03.hex"])
    func crcBytesNotStuffed(_ fixture: String) throws {
        let frame = try ZVTFixture.bytes(fixture)
        let tail = frame.suffix(2)
        #expect(tail.contains(0x10) || tail.contains(0x03))
        var decoder = ZVTSerialDecoder()
        let events = try decoder.decode(frame + [0x06])
        #expect(events.count == 2)
        #expect(events.last == .ack)
        guard case .apdu(let apdu)? = events.first else {
            Issue.record("expected a frame")
            return
        }
        #expect(apdu.type == .intermediateStatus)
        #expect(try ZVTSerialFrame.encode(apdu) == frame)
    }

    @Test("every split point of a session gives the same events")
    func everySplitPoint() throws {
        var stream = try ZVTFixture.bytes("serial-session.hex")
        stream += try ZVTFixture.bytes("serial-crc-byte-10.hex") + [0x06]
        stream += try ZVTFixture.bytes("serial-length-10.hex") + [0x15]
        var reference = ZVTSerialDecoder()
        let expected = try reference.decode(stream)
        #expect(expected.count == 7)
        for split in 0...stream.count {
            var decoder = ZVTSerialDecoder()
            var events = try decoder.decode(stream[..<split])
            events += try decoder.decode(stream[split...])
            try decoder.finish()
            #expect(events == expected, "split at \(split)")
        }
        var byteByByte = ZVTSerialDecoder()
        var events: [ZVTSerialEvent] = []
        for byte in stream { events += try byteByByte.decode([byte]) }
        #expect(events == expected)
    }

    @Test("a bad CRC throws with the CRC's offset; the next frame still decodes")
    func badCRC() throws {
        var frame = try ZVTFixture.bytes("serial-ack-apdu.hex")
        frame[frame.count - 1] ^= 0xFF
        var decoder = ZVTSerialDecoder()
        decoder.append(frame + (try ZVTFixture.bytes("serial-ack-apdu.hex")))
        let error = decodingError { _ = try decoder.next() }
        #expect(error?.reason == .badCRC)
        #expect(error?.offset == frame.count - 2)
        #expect(try decoder.next() == .apdu(ZVTAPDU(class: 0x80, instruction: 0x00)))
    }

    @Test("DLE followed by anything but DLE or ETX inside a frame is an invalid escape")
    func invalidEscape() throws {
        var decoder = ZVTSerialDecoder()
        decoder.append(h("10 02 80 00 10 41 00"))
        let error = decodingError { _ = try decoder.next() }
        #expect(error?.reason == .invalidEscape)
        #expect(error?.offset == 4)
        #expect(try decoder.next() == nil)
    }

    @Test("DLE STX inside a frame abandons it and starts a new one")
    func restartedFrame() throws {
        var decoder = ZVTSerialDecoder()
        decoder.append(h("10 02 80 00") + (try ZVTFixture.bytes("serial-ack-apdu.hex")))
        let error = decodingError { _ = try decoder.next() }
        #expect(error?.reason == .invalidEscape)
        #expect(try decoder.next() == .apdu(ZVTAPDU(class: 0x80, instruction: 0x00)))
    }

    @Test("a frame with a correct CRC but a malformed APDU names the stream offset")
    func malformedAPDUInFrame() throws {
        let payload = h("06 01 05 04 00")
        let frame = ZVTSerialFrame.encode(apduBytes: payload)
        var decoder = ZVTSerialDecoder()
        let error = decodingError { _ = try decoder.decode(frame) }
        #expect(error?.reason == .truncated)
        #expect(error?.offset == 7)  // where the data ended: the DLE of DLE ETX
    }

    @Test("stray bytes between frames are reported once per run, then skipped")
    func strayBytes() throws {
        var decoder = ZVTSerialDecoder()
        decoder.append(Array("HELLO".utf8) + (try ZVTFixture.bytes("serial-ack-apdu.hex")) + [0x06])
        let error = decodingError { _ = try decoder.next() }
        #expect(error?.reason == .unexpectedByte)
        #expect(error?.offset == 0)
        #expect(try decoder.next() == .apdu(ZVTAPDU(class: 0x80, instruction: 0x00)))
        #expect(try decoder.next() == .ack)
        #expect(try decoder.next() == nil)
    }

    @Test("ACK and NAK are recognised between frames")
    func ackNak() throws {
        var decoder = ZVTSerialDecoder()
        #expect(try decoder.decode([0x06, 0x15, 0x06]) == [.ack, .nak, .ack])
    }

    @Test("a frame cut off at end of stream is reported by finish()")
    func truncated() throws {
        var decoder = ZVTSerialDecoder()
        #expect(try decoder.decode(h("10 02 80 00 00 10 03 F5")) == [])
        let error = decodingError { try decoder.finish() }
        #expect(error?.reason == .truncated)
        var afterDLE = ZVTSerialDecoder()
        _ = try afterDLE.decode([0x10])
        #expect(throws: ZVTDecodingError.self) { try afterDLE.finish() }
    }

    @Test("frames longer than the limit are refused")
    func tooLong() throws {
        var decoder = ZVTSerialDecoder(maxAPDULength: 8)
        let frame = ZVTSerialFrame.encode(apduBytes: try ZVTAPDU(class: 6, instruction: 0xD1, data: [UInt8](repeating: 0x41, count: 20)).encoded())
        let error = decodingError { _ = try decoder.decode(frame) }
        #expect(error?.reason == .tooLong)
        #expect(error?.offset == 10)
    }
}
