import ArgumentParser
import Foundation
import PaymentTerminal

/// `bhal zvt`: tools for ZVT payment-terminal traffic that need no terminal.
struct ZVTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zvt",
        abstract: "Work with ZVT payment-terminal traffic without a terminal.",
        subcommands: [ZVTDecodeCommand.self])
}

/// `bhal zvt decode HEX [--serial] [--charset cp437|latin1|zvt7] [--json]`.
struct ZVTDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode ZVT APDUs or serial frames from hex into named fields.",
        discussion: """
            HEX may contain spaces and may be split over several arguments; several APDUs in a row are decoded one \
            after another. With --serial the input is the serial byte stream: DLE STX frames (CRC checked) and ACK/NAK. \
            Card numbers are masked to first 6 / last 4 digits, passwords print as ******, track data is never shown. \
            Exit codes: 0 decoded, 2 the input is not hex or not valid ZVT (the message names the byte offset).
            """)

    @Argument(help: ArgumentHelp("The bytes in hex, e.g. \"06 01 07 04 00 00 00 00 12 50\".", valueName: "HEX"))
    var hex: [String]

    @Flag(name: .long, help: "The input is a serial stream: DLE STX <APDU> DLE ETX CRC-lo CRC-hi frames, ACK 06, NAK 15.")
    var serial = false

    @Option(name: .long, help: "Character set of text fields: cp437 (ZVT default), latin1, latin9, utf8, zvt7, ascii.")
    var charset: String = ZVTCharset.default.rawValue

    @Flag(name: .long, help: "Print JSON instead of the field list.")
    var json = false

    func validate() throws {
        guard ZVTCharset(rawValue: charset) != nil else {
            throw ValidationError("unknown character set \"\(charset)\"; use one of \(ZVTCharset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let set = ZVTCharset(rawValue: charset) ?? .default
        let bytes: [UInt8]
        do {
            bytes = try ZVTHex.parse(hex.joined(separator: " "))
        } catch {
            throw ValidationError("HEX is not hex text: character \(error.offset): \(error.message)")
        }
        guard !bytes.isEmpty else { throw ValidationError("HEX is empty: give the bytes to decode") }
        let formatter = ZVTMessageFormatter(charset: set)
        do {
            if serial {
                let events = try decodeSerial(bytes, charset: set)
                print(json ? formatter.json(events: events)
                           : events.map { formatter.text($0.0, message: $0.1) }.joined(separator: "\n\n"))
            } else {
                let messages = try decodeAPDUs(bytes, charset: set)
                print(json ? formatter.json(messages.map(\.message))
                           : messages.map { item in
                               (messages.count > 1 ? "APDU at offset \(item.start):\n" : "") + formatter.text(item.message)
                           }.joined(separator: "\n\n"))
            }
        } catch {
            FileHandle.standardError.write(Data("bhal: zvt decode: \(error)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Every APDU in the bytes; field offsets count from each APDU's first byte, error offsets from the input's.
    private func decodeAPDUs(_ bytes: [UInt8], charset: ZVTCharset) throws(ZVTDecodingError) -> [(start: Int, message: ZVTMessage)] {
        var decoder = ZVTAPDUStreamDecoder(maxDataLength: ZVTAPDU.maxDataLength)
        decoder.append(bytes)
        var messages: [(start: Int, message: ZVTMessage)] = []
        while true {
            let start = decoder.offset
            guard try decoder.next() != nil else { break }
            let end = decoder.offset
            do {
                messages.append((start, try ZVTMessage.decode(bytes: Array(bytes[start..<end]), charset: charset)))
            } catch {
                throw ZVTDecodingError(error.reason, offset: start + error.offset, error.message)
            }
        }
        try decoder.finish()
        return messages
    }

    /// Every event of a serial stream; the first bad frame or stray byte stops decoding.
    private func decodeSerial(_ bytes: [UInt8], charset: ZVTCharset) throws(ZVTDecodingError) -> [(ZVTSerialEvent, ZVTMessage?)] {
        var decoder = ZVTSerialDecoder()
        var events: [(ZVTSerialEvent, ZVTMessage?)] = []
        for event in try decoder.decode(bytes) {
            if case .apdu(let apdu) = event {
                events.append((event, try ZVTMessage.decode(apdu, charset: charset)))
            } else {
                events.append((event, nil))
            }
        }
        try decoder.finish()
        return events
    }
}
