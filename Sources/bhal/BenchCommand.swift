import ArgumentParser
import DeviceCore
import SmartCard

/// `bhal bench`: throughput measurements a technician or `make bench` can run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure device throughput (used by `make bench`).",
        subcommands: [Card.self, ReceiptBench.self, ZVT.self])

    /// `bhal bench card`
    struct Card: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "APDU round trips per second through BuergerHAL's PC/SC backend (SELECT MF in a loop).")

        @Option(name: .long, help: "Reader name or name prefix.")
        var reader: String

        @Option(name: .long, help: "Number of APDUs.")
        var count = 2000

        @Flag(name: .long, help: "Send all APDUs in one card transaction, isolated to the reader (no thread hop per APDU).")
        var isolated = false

        func validate() throws {
            guard count > 0 else { throw ValidationError("--count must be positive") }
        }

        func run() async throws {
            let device = try PCSCReaderTarget.reader(prefix: reader, logicalName: "bench")
            try await device.open()
            let command = CardReaderHealthSteps.selectMasterFile
            _ = try await device.transmit(command)  // connect outside the timed loop, as the C peer does
            let clock = ContinuousClock()
            let start = clock.now
            if isolated {
                let count = count
                let failures = try await device.transaction { (card: inout CardTransaction) throws(DeviceError) -> Int in
                    var failures = 0
                    for _ in 0..<count where try card.transmit(command).suffix(2) != [0x90, 0x00] { failures += 1 }
                    return failures
                }
                guard failures == 0 else { throw ValidationError("the card answered \(failures) of \(count) APDUs without 9000") }
            } else {
                for _ in 0..<count { try Self.check(try await device.transmit(command)) }
            }
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            await device.close()
            print("apdus=\(count) seconds=\(String(format4: seconds)) rate=\(String(format4: Double(count) / seconds))")
        }

        private static func check(_ response: [UInt8]) throws {
            guard response.suffix(2) == [0x90, 0x00] else {
                throw ValidationError("the card answered \(Hex.string(response.suffix(2))), expected 9000")
            }
        }
    }
}

extension String {
    /// A number with four decimals, locale-independent.
    init(format4 value: Double) {
        let scaled = Int((value * 10_000).rounded())
        let fraction = String(abs(scaled % 10_000))
        self = "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
