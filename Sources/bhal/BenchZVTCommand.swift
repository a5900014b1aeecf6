import ArgumentParser
import DeviceCore
import Foundation
import PaymentTerminal
import SystemIO

extension BenchCommand {
    /// `bhal bench zvt`: ZVT codec throughput, and a whole simulated authorization over loopback TCP
    /// measured against the simulator's scripted delays and against a raw socket loop that sends
    /// the same bytes without codec or session (the peer in the same run).
    struct ZVT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "zvt",
            abstract: "ZVT codec throughput and the overhead of a simulated authorization (used by `make bench`).",
            discussion: """
                Prints one `name key=value ...` line per figure: zvt-decode-*/zvt-encode-* (msgs_per_s, mb_per_s), \
                zvt-stream-split (the TCP stream decoder), zvt-authorization/zvt-raw-roundtrip (ms per authorization \
                against ZVTTerminalSimulator with a scripted delay before each terminal message), the same with no \
                delay (*-nodelay), and zvt-ratio lines. Times are medians over all authorizations.
                """)

        @Option(name: .long, help: "Codec operations per message kind (decode and encode each).")
        var iterations = 20_000

        @Option(name: .long, help: "Simulated authorizations per variant (BuergerHAL session and raw loop, with and without delay).")
        var authorizations = 30

        @Option(name: .customLong("delay-ms"), help: "The simulator's scripted pause before each message it sends, in ms.")
        var delayMilliseconds = 5

        func validate() throws {
            guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
            guard authorizations > 0 else { throw ValidationError("--authorizations must be positive") }
            guard delayMilliseconds >= 0 else { throw ValidationError("--delay-ms must not be negative") }
        }

        func run() async throws {
            try benchCodec()
            let delayed = try await benchAuthorization(delay: delayMilliseconds, suffix: "")
            let immediate = try await benchAuthorization(delay: 0, suffix: "-nodelay")
            Console.line("zvt-ratio session_over_raw=\(String(format4: delayed.session / delayed.raw)) "
                + "session_over_raw_nodelay=\(String(format4: immediate.session / immediate.raw)) "
                + "session_minus_raw_ms=\(String(format4: delayed.session - delayed.raw)) "
                + "session_minus_raw_nodelay_ms=\(String(format4: immediate.session - immediate.raw))")
        }

        // MARK: Codec

        private func benchCodec() throws {
            let statusInformation = try ZVTBenchMessages.statusInformation()
            let statusBytes = try statusInformation.apdu().encoded()
            let receiptLines = ZVTBenchMessages.receiptLines
            let blockBytes = try ZVTBenchMessages.printTextBlock(receiptLines, charset: .cp437).apdu(charset: .cp437).encoded()

            try measure("zvt-decode-status-info", bytes: statusBytes.count, extra: "fields=\(statusInformation.fields.count)") {
                let message = try ZVTMessage.decode(bytes: statusBytes)
                guard message.fields.count == statusInformation.fields.count, message.amountCents == 1250 else {
                    throw ZVTBenchFailure("the Status Information did not decode to its \(statusInformation.fields.count) fields")
                }
            }
            try measure("zvt-encode-status-info", bytes: statusBytes.count, extra: "fields=\(statusInformation.fields.count)") {
                let bytes = try statusInformation.apdu().encoded()
                guard bytes.count == statusBytes.count else { throw ZVTBenchFailure("the Status Information encoded to \(bytes.count) bytes") }
            }
            try measure("zvt-decode-print-text-block", bytes: blockBytes.count, extra: "lines=\(receiptLines.count) charset=cp437") {
                let message = try ZVTMessage.decode(bytes: blockBytes)
                // The receipt as text, as the session collects it.
                let lines = message.tlv.first { $0.tag == .printTexts }?.children.compactMap { $0.bytes.map { ZVTCharset.cp437.decode($0).string } } ?? []
                guard lines.count == receiptLines.count, lines.first == receiptLines.first else {
                    throw ZVTBenchFailure("the Print Text Block did not decode to its \(receiptLines.count) lines")
                }
            }
            try measure("zvt-encode-print-text-block", bytes: blockBytes.count, extra: "lines=\(receiptLines.count) charset=cp437") {
                // From the receipt's text, as the simulator builds it.
                let bytes = try ZVTBenchMessages.printTextBlock(receiptLines, charset: .cp437).apdu(charset: .cp437).encoded()
                guard bytes.count == blockBytes.count else { throw ZVTBenchFailure("the Print Text Block encoded to \(bytes.count) bytes") }
            }

            // The TCP receive path: both messages alternating in one stream, read in 1448-byte segments.
            let perRound = 64
            var stream: [UInt8] = []
            for _ in 0..<perRound { stream += statusBytes + blockBytes }
            let rounds = max(iterations / perRound, 1)
            let chunks = stride(from: 0, to: stream.count, by: 1448).map { Array(stream[$0..<min($0 + 1448, stream.count)]) }
            try measure("zvt-stream-split", bytes: stream.count, per: 2 * perRound, count: rounds,
                        extra: "segment=1448 apdus_per_run=\(2 * perRound)") {
                var decoder = ZVTAPDUStreamDecoder()
                var apdus = 0
                for chunk in chunks { apdus += try decoder.decode(chunk).count }
                guard apdus == 2 * perRound else { throw ZVTBenchFailure("the stream decoder returned \(apdus) APDUs, expected \(2 * perRound)") }
            }
        }

        /// Times `count` runs of `body` (after a warm-up) and prints messages/s and MB/s.
        private func measure(_ name: String, bytes: Int, per messages: Int = 1, count: Int? = nil, extra: String,
                             _ body: () throws -> Void) throws {
            let runs = count ?? iterations
            for _ in 0..<max(runs / 10, 1) { try body() }
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<runs { try body() }
            let seconds = Self.seconds(start.duration(to: clock.now))
            let perSecond = Double(runs * messages) / seconds
            let megabytes = Double(runs) * Double(bytes) / seconds / 1e6
            Console.line("\(name) msgs_per_s=\(String(format4: perSecond)) mb_per_s=\(String(format4: megabytes)) "
                + "bytes_per_msg=\(bytes / messages) runs=\(runs) \(extra)")
        }

        // MARK: Authorization

        /// Runs the session and the raw loop alternately against one simulator; returns their medians in ms.
        private func benchAuthorization(delay: Int, suffix: String) async throws -> (session: Double, raw: Double) {
            let scenario = ZVTSimulatorScenario(outcome: .approve, receipts: .textBlocks, charset: .cp437, delay: .milliseconds(delay))
            // The simulator pauses before every message it sends unasked (not before its 80 00 acknowledgements):
            // the intermediate statuses, the Status Information, one text block per receipt, the Completion.
            let scriptedMessages = scenario.displays.count + 1 + 2 + 1
            let scripted = Double(scriptedMessages * delay)
            let simulator = ZVTTerminalSimulator(scenario: scenario)
            defer { simulator.stop() }
            let port = try simulator.listen(host: "127.0.0.1", port: 0)
            let request = try ZVTRequest.authorization(amountCents: 1250).apdu().encoded()

            let terminal = ZVTPaymentTerminal(logicalName: "bench", configuration: ZVTTerminalConfiguration(endpoint: .tcp(host: "127.0.0.1", port: port)))
            try await terminal.open()
            try await terminal.claim()
            let raw = RawZVTLoop(port: port)
            var sessionTimes: [Double] = []
            var rawTimes: [Double] = []
            var rawMessages = 0
            let clock = ContinuousClock()
            for index in -2..<authorizations {  // two warm-up rounds
                let start = clock.now
                let result = try await terminal.authorize(amountCents: 1250, requestID: "bench-\(delay)-\(index)")
                let session = Self.seconds(start.duration(to: clock.now)) * 1000
                guard result.outcome == .approved, result.customerReceipt.count > 0 else {
                    throw ZVTBenchFailure("the simulated authorization ended \(result.outcome.rawValue), expected approved with receipts")
                }
                let rawStart = clock.now
                rawMessages = try raw.authorization(request)
                let rawElapsed = Self.seconds(rawStart.duration(to: clock.now)) * 1000
                if index >= 0 {
                    sessionTimes.append(session)
                    rawTimes.append(rawElapsed)
                }
            }
            await terminal.close()
            guard rawMessages == scriptedMessages else {
                throw ZVTBenchFailure("the simulator sent \(rawMessages) messages per authorization, expected \(scriptedMessages)")
            }
            let session = Self.median(sessionTimes)
            let rawMedian = Self.median(rawTimes)
            let overhead = session - scripted
            let percent = scripted > 0 ? String(format4: overhead / scripted * 100) : "n/a"
            Console.line("zvt-authorization\(suffix) ms=\(String(format4: session)) mean_ms=\(String(format4: Self.mean(sessionTimes))) "
                + "scripted_ms=\(String(format4: scripted)) overhead_ms=\(String(format4: overhead)) overhead_pct=\(percent) "
                + "messages=\(scriptedMessages) delay_ms=\(delay) runs=\(authorizations)")
            let rawOverhead = rawMedian - scripted
            let rawPercent = scripted > 0 ? String(format4: rawOverhead / scripted * 100) : "n/a"
            Console.line("zvt-raw-roundtrip\(suffix) ms=\(String(format4: rawMedian)) mean_ms=\(String(format4: Self.mean(rawTimes))) "
                + "scripted_ms=\(String(format4: scripted)) overhead_ms=\(String(format4: rawOverhead)) overhead_pct=\(rawPercent) "
                + "messages=\(rawMessages) delay_ms=\(delay) runs=\(authorizations)")
            return (session, rawMedian)
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        static func mean(_ values: [Double]) -> Double {
            values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
    }
}

/// The messages the codec benchmark encodes and decodes, built with the codec's own types after
/// `Fixtures/zvt/status-information-approved.hex` (the Visa test number, already masked by the
/// "terminal") and a 30-line customer receipt.
enum ZVTBenchMessages {
    /// Status Information `04 0F` of an approved payment of 12.50 EUR with every field a terminal sends.
    static func statusInformation() throws -> ZVTMessage {
        guard let pan = ZVTPAN(digits: "476173******0010") else { throw ZVTBenchFailure("the masked PAN is invalid") }
        let tlv: [ZVTTLV] = [.primitive(.cardholderAuthentication, [0x02]), .primitive(.cardTechnology, [0x02])]
        return ZVTMessage(type: .statusInformation, fields: [
            ZVTField(.bmp(.resultCode), value: .resultCode(ZVTResultCode(rawValue: 0x00))),
            ZVTField(.bmp(.amount), value: .amount(1250)),
            ZVTField(.bmp(.traceNumber), value: .number(123)),
            ZVTField(.bmp(.time), value: .time(hour: 14, minute: 30, second: 15)),
            ZVTField(.bmp(.date), value: .date(month: 11, day: 24)),
            ZVTField(.bmp(.expiryDate), value: .expiryDate(year: 27, month: 12)),
            ZVTField(.bmp(.cardSequenceNumber), value: .number(1)),
            ZVTField(.bmp(.paymentType), value: .byte(0x40)),
            ZVTField(.bmp(.pan), value: .pan(pan)),
            ZVTField(.bmp(.terminalID), value: .digits("52500001")),
            ZVTField(.bmp(.vuNumber), value: .text("123456789012345")),
            ZVTField(.bmp(.aid), value: .binary(Array("AB123400".utf8))),
            ZVTField(.bmp(.currencyCode), value: .currency(978)),
            ZVTField(.bmp(.receiptNumber), value: .number(42)),
            ZVTField(.bmp(.turnoverNumber), value: .number(42)),
            ZVTField(.bmp(.cardType), value: .cardType(ZVTCardType(rawValue: 0x0A))),
            ZVTField(.bmp(.cardName), value: .text("Visa")),
            ZVTField(.bmp(ZVTBMP(rawValue: 0xAA)), value: .fullDate(year: 24, month: 11, day: 24)),
            ZVTField(.bmp(.tlv), value: .tlv(tlv)),
        ])
    }

    /// A 30-line customer receipt with umlauts and ß (CP437 has them all).
    static let receiptLines: [String] = {
        var lines = [
            "Bürgeramt Musterstadt", "Rathausplatz 1, 12345 Musterstadt", "Kundenbeleg", "Zahlung",
            "Gebühr Personalausweis", "Betrag:          EUR 37,00", "Kartenzahlung girocard", "476173******0010",
            "Karte 1  gültig bis 12/27", "Terminal-ID 52500001", "TA-Nr. 000123  Beleg-Nr. 0042", "VU-Nr. 123456789012345",
            "AID AB123400", "Datum 24.11.2024  Uhrzeit 14:30:15", "Zahlung erfolgt", "Bitte Beleg aufbewahren",
        ]
        var index = 1
        while lines.count < 29 {
            lines.append("Position \(index): Straßenverzeichnis Ä Ö Ü ä ö ü")
            index += 1
        }
        lines.append("Vielen Dank für Ihren Besuch!")
        return lines
    }()

    /// Print Text Block `06 D3`: receipt type 02 (customer) and the lines in TLV 25/07, encoded in `charset`.
    static func printTextBlock(_ lines: [String], charset: ZVTCharset) -> ZVTMessage {
        let texts = lines.map { ZVTTLV.primitive(.textLine, charset.encode($0).bytes) }
        let tlv: [ZVTTLV] = [.primitive(.receiptType, [0x02]), .constructed(.printTexts, texts)]
        return ZVTMessage(type: .printTextBlock, fields: [ZVTField(.bmp(.tlv), value: .tlv(tlv))])
    }
}

/// The raw peer of the session: one authorization as a minimal blocking socket loop, no codec and no
/// session. It sends the request bytes, acknowledges each terminal message with `80 00 00` and
/// stops after the Completion `06 0F` (or an Abort `06 1E`), cutting messages by their length byte.
struct RawZVTLoop {
    let port: UInt16

    init(port: UInt16) { self.port = port }

    /// Runs one authorization on a new connection; returns how many messages the terminal sent
    /// (its acknowledgement not counted).
    func authorization(_ request: [UInt8]) throws -> Int {
        let stream: ByteStream
        do throws(SystemCallError) {
            stream = try TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
        } catch {
            throw ZVTBenchFailure("raw loop: \(error)")
        }
        defer { stream.close() }
        try Self.writeAll(stream, request)
        let acknowledgement: [UInt8] = [0x80, 0x00, 0x00]
        var messages = 0
        while true {
            let header = try Self.read(stream, count: 3)
            var length = Int(header[2])
            if length == 0xFF {
                let extended = try Self.read(stream, count: 2)
                length = Int(extended[0]) | Int(extended[1]) << 8
            }
            _ = try Self.read(stream, count: length)
            let (classByte, instruction) = (header[0], header[1])
            if classByte == 0x80 || classByte == 0x84 { continue }
            messages += 1
            try Self.writeAll(stream, acknowledgement)
            if classByte == 0x06 && (instruction == 0x0F || instruction == 0x1E) { return messages }
        }
    }

    private static func read(_ stream: ByteStream, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        let bytes: [UInt8]?
        do throws(SystemCallError) { bytes = try stream.read(exactly: count) } catch {
            throw ZVTBenchFailure("raw loop: \(error)")
        }
        guard let bytes else { throw ZVTBenchFailure("raw loop: the simulator closed the connection") }
        return bytes
    }

    private static func writeAll(_ stream: ByteStream, _ bytes: [UInt8]) throws {
        do throws(SystemCallError) { try stream.writeAll(bytes) } catch {
            throw ZVTBenchFailure("raw loop: \(error)")
        }
    }
}

/// A benchmark run that went wrong (not a usage error, so it exits 1).
struct ZVTBenchFailure: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    init(_ description: String) { self.description = description }
}
