import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// Byte streams made in this run by python-escpos 3.1 installed from PyPI (the venv that
/// scripts/test.sh prepares; its python is `BHAL_TEST_PYTHON_ESCPOS`), rendered by the simulator.
/// The committed streams in Fixtures/escpos/python-escpos are checked by ``ESCPOSInteropTests``.
@Suite("python-escpos from PyPI, live", Harness.pythonEscpos)
struct PythonEscposLiveTests {
    static let qrData = "https://termine.example.de/vorgang/2024-000123"

    /// Runs `scripts/python_escpos_streams.py` with the venv's python and returns its streams by name.
    static func streams() throws -> [String: [UInt8]] {
        guard let python = Harness.value("BHAL_TEST_PYTHON_ESCPOS"), FileManager.default.isExecutableFile(atPath: python) else {
            throw HarnessError(message: "BHAL_TEST_PYTHON_ESCPOS does not name a python: scripts/test.sh (`make test`) installs python-escpos 3.1 "
                + "from PyPI into ${BHAL_CACHE_DIR:-/var/cache/buergerhal}/venv-escpos and exports it; its output says why it could not")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-python-escpos-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Harness.repositoryRoot.appendingPathComponent("scripts/python_escpos_streams.py").path, directory.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, printed.contains("python-escpos 3.1") else {
            throw HarnessError(message: "python_escpos_streams.py failed (status \(process.terminationStatus)); is python-escpos 3.1 in that venv?\n\(printed)")
        }
        var streams: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".bin") {
            streams[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return streams
    }

    static func render(_ name: String) throws -> RenderedReceipt {
        let bytes = try #require(try streams()[name], "python_escpos_streams.py wrote no \(name)")
        return ESCPOSInterpreter.render(bytes, profile: .epsonTMT88)
    }

    @Test("German text through python-escpos's magic encoder (it switches code pages itself) comes back exactly")
    func germanText() throws {
        let rendered = try Self.render("german-text.bin")
        for expected in ["Bürgeramt Musterstadt", "Gebühr für Führungszeugnis: 13,00 €", "Straße", "ÄÖÜäöüß", "Summe: 13,00 €",
                         "--- cut ---"] {
            #expect(rendered.text.contains(expected), "missing \(expected) in:\n\(rendered.text)")
        }
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
    }

    @Test("barcodes and the native QR code (GS ( k) scan", .enabled(if: ZBarTool.available, ZBarTool.skipReason))
    func codes() throws {
        let rendered = try Self.render("codes.bin")
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        #expect(rendered.text.contains("[EAN-13: 4006381333931]"))
        #expect(rendered.text.contains("[CODE128: BHAL-2024-000123]"))
        #expect(rendered.text.contains("[QR L: \(Self.qrData)]"))
        let symbols = Set(try ZBarTool.decode(rendered.png()))
        #expect(symbols == ["EAN-13:4006381333931", "CODE-128:BHAL-2024-000123", "QR-Code:" + Self.qrData])
    }

    @Test("the QR code python-escpos draws itself and sends as an image scans", .enabled(if: ZBarTool.available, ZBarTool.skipReason))
    func qrImage() throws {
        let rendered = try Self.render("qr-image.bin")
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        #expect(rendered.text.contains("[image "), "\(rendered.text)")
        #expect(try ZBarTool.decode(rendered.png()) == ["QR-Code:" + Self.qrData])
    }

    @Test("a GS v 0 raster image prints its centred frame")
    func rasterImage() throws {
        let rendered = try Self.render("image-raster.bin")
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
        // The picture has a 4-dot frame 81 dots wide: its top edge is a run of black dots, centred.
        let image = rendered.image
        let rows = (0..<image.height).map { y in (0..<image.width).filter { image[$0, y] }.count }
        #expect(rows.contains { $0 >= 80 }, "no frame edge found")
        let black = (0..<image.width).filter { x in (0..<image.height).contains { image[x, $0] } }
        #expect(abs(((black.first ?? 0) + (black.last ?? 0)) / 2 - image.width / 2) <= 8)
    }
}
