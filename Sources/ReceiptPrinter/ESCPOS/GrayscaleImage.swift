/// An 8-bit grayscale picture: one byte per pixel, row by row, 0 black … 255 white (as in PGM).
public struct GrayscaleImage: Sendable, Hashable {
    /// Width in pixels (one pixel prints as one dot).
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height` bytes, top row first.
    public let pixels: [UInt8]

    /// The tallest image a receipt takes: 10 000 dots is about 1.25 m of paper at 203 dpi.
    public static let maximumHeight = 10_000

    /// Creates an image; throws unless `pixels` holds exactly `width × height` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(ReceiptError) {
        guard width > 0, height > 0 else {
            throw ReceiptError(path: width > 0 ? "height" : "width", message: "image size \(width)×\(height) is empty",
                               remedy: "Give the width and height in pixels, both at least 1.")
        }
        guard height <= Self.maximumHeight else {
            throw ReceiptError(path: "height", message: "image height \(height) exceeds \(Self.maximumHeight) dots",
                               remedy: "Scale the image down before putting it on a receipt.")
        }
        guard width <= 4096 else {
            throw ReceiptError(path: "width", message: "image width \(width) exceeds 4096 dots",
                               remedy: "Scale the image to the printer's print width (576 dots on 80 mm paper).")
        }
        guard pixels.count == width * height else {
            throw ReceiptError(path: "pixels", message: "image data has \(pixels.count) bytes; \(width)×\(height) needs \(width * height)",
                               remedy: "Give exactly one byte (0 black … 255 white) per pixel, row by row.")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }
}

/// How grayscale becomes black and white dots.
public enum DitherMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Error diffusion (Floyd–Steinberg): best for photos and gradients (the default).
    case floydSteinberg
    /// A 4×4 Bayer matrix: a regular pattern, good for flat tints.
    case ordered
    /// A fixed threshold at 50 %: best for line art and logos that are already black and white.
    case threshold
}

/// An image element: a grayscale picture, how to dither it, and where to place it.
public struct ReceiptImage: Sendable, Hashable {
    /// The picture.
    public var image: GrayscaleImage
    /// The dithering used to reach 1 bit per dot.
    public var dither: DitherMethod
    /// Placement on the line.
    public var alignment: TextAlignment

    /// Creates an image element.
    public init(_ image: GrayscaleImage, dither: DitherMethod = .floydSteinberg, alignment: TextAlignment = .center) {
        self.image = image
        self.dither = dither
        self.alignment = alignment
    }
}
