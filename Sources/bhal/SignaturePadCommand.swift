import ArgumentParser
import DeviceCore
import Foundation
import SignaturePad
import TerminalRuntime

/// `bhal sigpad` (alias `bhal pad`): drive a signature pad.
struct SignaturePadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigpad", abstract: "Drive a signature pad.", subcommands: [Capture.self], aliases: ["pad"])

    /// `bhal sigpad capture [--pad URI | --simulate] [--timeout S] [--json]`
    struct Capture: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Capture one signature and print its stroke and sample counts, duration and bounding box.",
            discussion: """
                The samples themselves are biometric data and are never printed or logged. The capture ends \
                1.5 s after the last stroke. Exit codes: 0 a signature was captured, 1 none was (timed out or \
                cancelled) or the pad failed, 2 usage or configuration error.
                """)

        @OptionGroup var options: ConfigurationOptions

        @Option(name: .long, help: ArgumentHelp(
            "The pad: usb://VID:PID (e.g. usb://056A:00A8) or usb: for the first supported one (default: the configuration's signature pad).",
            valueName: "URI"))
        var pad: String?

        @Option(name: .long, help: ArgumentHelp("Seconds the signer has (1-600).", valueName: "S"))
        var timeout = 60

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be a whole number of seconds from 1 to 600") }
            if pad != nil && options.simulate { throw ValidationError("give either --pad or --simulate, not both") }
        }

        func run() async throws {
            let (registry, name) = try registry()
            let pad = try registry.signaturePad(name)
            let capture: CaptureResult
            do {
                capture = try await Self.capture(on: pad, timeout: .seconds(timeout))
            } catch {
                throw CommandFailure("\(name): \(error)")
            }
            print(json ? try JSONText.encode(capture) : capture.text)
            switch capture.ending {
            case .completed: break
            case .timedOut:
                throw CommandFailure("no signature within \(timeout) s: ask the signer to sign on the pad with its pen, then run the command again")
            case .cancelled:
                throw CommandFailure("the capture was cancelled: run the command again when the signer is ready")
            }
        }

        /// A registry holding the pad: --pad, else (with or without --simulate) the
        /// configuration's first signature pad, and the pad's logical name.
        private func registry() throws -> (DeviceRegistry, String) {
            if let pad {
                let entry = DeviceConfiguration(logicalName: "signature-pad", family: .signaturePad, backend: "usb", uri: pad)
                return (try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry])), entry.logicalName)
            }
            let configuration = try options.load()
            guard let entry = configuration.devices.first(where: { $0.family == .signaturePad }) else {
                throw ValidationError("the configuration names no signature pad; add one, or pass --pad URI or --simulate")
            }
            return (try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry])), entry.logicalName)
        }

        /// Opens the pad, runs one session that completes after the pen is lifted, closes the pad.
        private static func capture(on pad: any SignaturePad, timeout: Duration) async throws(DeviceError) -> CaptureResult {
            try await pad.open()
            do {
                let session = try await pad.startCapture(CaptureOptions(timeout: timeout, completeAfterPenUp: CaptureOptions.defaultPenUpCompletion))
                let outcome = try await session.outcome()
                await pad.close()
                return CaptureResult(outcome: outcome, capabilities: session.capabilities)
            } catch {
                await pad.close()
                throw error
            }
        }
    }
}

/// What `bhal sigpad capture` prints: counts, duration and bounding box, never samples.
struct CaptureResult: Encodable {
    /// ``SignatureCaptureOutcome/name``.
    var outcome: String
    /// The pad's model as it reports it.
    var model: String
    /// Pen-down runs.
    var strokes: Int
    /// Samples of the last attempt, hovering included.
    var samples: Int
    /// Seconds from the first to the last sample.
    var durationSeconds: Double
    /// The ink's bounding box in tablet units (absent without a stroke).
    var boundingBox: SignatureCapture.Bounds?
    /// The pad's coordinate ranges, to read the bounding box against.
    var maxX: Int
    /// The pad's largest y.
    var maxY: Int
    /// Not encoded: how the session ended.
    var ending: SignatureCaptureOutcome

    enum CodingKeys: String, CodingKey {
        case outcome, model, strokes, samples, durationSeconds, boundingBox, maxX, maxY
    }

    init(outcome: SignatureCaptureOutcome, capabilities: SignaturePadCapabilities) {
        let capture = outcome.capture
        self.outcome = outcome.name
        model = capabilities.model
        strokes = capture?.strokeCount ?? 0
        samples = capture?.samples.count ?? 0
        let duration = capture?.duration ?? .zero
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        durationSeconds = (seconds * 1000).rounded() / 1000
        boundingBox = capture?.inkBounds
        maxX = capabilities.maxX
        maxY = capabilities.maxY
        ending = outcome
    }

    /// One line for people.
    var text: String {
        guard outcome == "completed" else { return "\(outcome) on \(model): no signature" }
        let box = boundingBox.map { "x \($0.minX)–\($0.maxX), y \($0.minY)–\($0.maxY) of 0–\(maxX) × 0–\(maxY)" } ?? "none"
        return "\(outcome) on \(model): \(strokes) stroke(s), \(samples) samples in \(durationSeconds) s; bounding box \(box)"
    }
}
