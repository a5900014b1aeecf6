import Foundation
import ReceiptPrinter
import TestSupport
import Testing

/// Runs Debian's `zbarimg` (package zbar-tools) on rendered PNGs.
enum ZBarTool {
    /// The zbarimg executable, or `nil` when it is not installed.
    static let path: String? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the zbar tests can run. Under the harness they must: `scripts/install-deps.sh` installs zbar-tools.
    static var available: Bool { path != nil || Harness.isActive }

    /// Why they are skipped.
    static let skipReason: Comment = "zbarimg is missing: install zbar-tools (scripts/install-deps.sh)"

    /// The symbols zbarimg finds in `png`, as `TYPE:data` lines (e.g. `QR-Code:https://…`).
    static func decode(_ png: [UInt8]) throws -> [String] {
        guard let path else { throw ZBarMissing() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bhal-zbar-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-q", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// `symbol` drawn with `module` dots per module and a 4-module quiet zone, as a PNG.
    static func png(_ symbol: QRCodeSymbol, module: Int = 4) -> [UInt8] {
        let side = (symbol.size + 8) * module
        var bitmap = MonochromeBitmap(width: side, height: side)
        for y in 0..<side {
            for x in 0..<side where symbol[x / module - 4, y / module - 4] { bitmap[x, y] = true }
        }
        return PNGEncoder.encode(bitmap)
    }
}

/// zbarimg is not installed.
struct ZBarMissing: Error, CustomStringConvertible {
    var description: String { "zbarimg is not installed (package zbar-tools; scripts/install-deps.sh)" }
}
