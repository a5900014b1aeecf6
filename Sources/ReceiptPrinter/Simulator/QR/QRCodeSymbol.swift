/// A QR code (model 2) as a module grid: what a printer draws for `GS ( k` print.
///
/// Built in byte mode at the smallest version 1...40 that holds the data, with Reed–Solomon error
/// correction, block interleaving and the mask of lowest penalty (ISO/IEC 18004).
public struct QRCodeSymbol: Sendable, Hashable {
    /// The version, 1...40 (size = 4 × version + 17 modules).
    public let version: Int
    /// The error-correction level.
    public let errorCorrection: QRCode.ErrorCorrection
    /// The mask pattern, 0...7.
    public let mask: Int
    /// Modules per side (without quiet zone).
    public let size: Int
    private let modules: [Bool]

    /// Encodes `data` in byte mode; `mask` forces a mask pattern (tests), `nil` chooses by penalty.
    public init(encoding data: [UInt8], errorCorrection: QRCode.ErrorCorrection, mask forcedMask: Int? = nil) throws(QRCodeSymbolError) {
        guard let version = (1...40).first(where: { Self.dataBits(data.count, version: $0) <= QRCodeTables.dataCodewords($0, errorCorrection) * 8 }) else {
            throw QRCodeSymbolError(message: "\(data.count) bytes do not fit a QR code at level \(errorCorrection.rawValue) (at most \(errorCorrection.byteCapacity))")
        }
        if let forcedMask, !(0...7).contains(forcedMask) {
            throw QRCodeSymbolError(message: "mask \(forcedMask) is outside 0...7")
        }
        let codewords = Self.interleaved(Self.dataCodewords(data, version: version, level: errorCorrection), version: version, level: errorCorrection)
        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(codewords)
        var chosen = forcedMask ?? 0
        if forcedMask == nil {
            var best = Int.max
            for candidate in 0..<8 {
                matrix.applyMask(candidate)
                matrix.drawFormatBits(level: errorCorrection, mask: candidate)
                let penalty = QRPenalty.score(matrix)
                if penalty < best {
                    best = penalty
                    chosen = candidate
                }
                matrix.applyMask(candidate)
            }
        }
        matrix.applyMask(chosen)
        matrix.drawFormatBits(level: errorCorrection, mask: chosen)
        self.version = version
        self.errorCorrection = errorCorrection
        mask = chosen
        size = matrix.size
        modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` is dark; outside the symbol (the quiet zone) is light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Bits of a byte-mode segment: mode (4), count (8 bits up to version 9, else 16), data.
    private static func dataBits(_ count: Int, version: Int) -> Int {
        4 + (version < 10 ? 8 : 16) + count * 8
    }

    /// The data codewords: segment, terminator, padding to a byte, then 0xEC 0x11 … to capacity.
    private static func dataCodewords(_ data: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(data.count, count: version < 10 ? 8 : 16)
        for byte in data { bits.append(Int(byte), count: 8) }
        let capacity = QRCodeTables.dataCodewords(version, level) * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            bits.append(pad, count: 8)
            pad ^= 0xEC ^ 0x11
        }
        return bits.bytes
    }

    /// Splits the data into blocks, adds each block's error correction, and interleaves them.
    private static func interleaved(_ data: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let row = QRCodeTables.row(level)
        let blockCount = QRCodeTables.eccBlocks[row][version]
        let eccLength = QRCodeTables.eccCodewordsPerBlock[row][version]
        let rawCodewords = QRCodeTables.rawDataModules(version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortLength = rawCodewords / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            var block = Array(data[start..<(start + length)])
            start += length
            let ecc = ReedSolomon.remainder(block, divisor: divisor)
            if index < shortBlocks { block.append(0) }
            blocks.append(block + ecc)
        }
        var result: [UInt8] = []
        for column in 0..<blocks[0].count {
            for (index, block) in blocks.enumerated() where column != shortLength - eccLength || index >= shortBlocks {
                result.append(block[column])
            }
        }
        return result
    }
}

/// Data that cannot be drawn as a QR code.
public struct QRCodeSymbolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// Bits appended most significant first.
private struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count width: Int) {
        guard width > 0 else { return }
        for shift in (0..<width).reversed() {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 != 0 { bytes[bytes.count - 1] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}
