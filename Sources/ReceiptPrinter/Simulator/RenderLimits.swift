/// How much of one job a simulated printer prints. A real paper roll ends; a stream of a few
/// hundred bytes can ask for kilometres of feed. The renderer draws at most
/// ``maximumLengthDots`` of paper and ``maximumTextLines`` lines of transcript, cuts the rest off
/// with a note naming the byte offset (``RenderedReceipt/cutOffOffset``), and keeps at most
/// ``maximumNotes`` notes, so its memory stays bounded whatever the stream says.
public struct RenderLimits: Sendable, Hashable {
    /// Dots per millimetre of every built-in profile (203 dpi).
    public static let dotsPerMillimetre = 8

    /// The paper length drawn, in millimetres (default 5000: 5 m; at most 100 000, a whole roll).
    public var maximumLengthMillimetres: Int
    /// The most lines in the transcript, lines that do not move the paper (`LF` after `ESC 3 0`)
    /// included (default 20 000).
    public var maximumTextLines: Int
    /// The most notes kept from the parser and from the renderer each; the rest are counted in
    /// one note (default 1000).
    public var maximumNotes: Int

    /// The paper length drawn, in dots.
    public var maximumLengthDots: Int { maximumLengthMillimetres * Self.dotsPerMillimetre }

    /// Limits; each at least 1, the length at most 100 000 mm.
    public init(maximumLengthMillimetres: Int = 5000, maximumTextLines: Int = 20_000, maximumNotes: Int = 1000) {
        self.maximumLengthMillimetres = min(max(1, maximumLengthMillimetres), 100_000)
        self.maximumTextLines = max(1, maximumTextLines)
        self.maximumNotes = max(1, maximumNotes)
    }

    /// 5 m of paper, 20 000 transcript lines, 1000 notes.
    public static let `default` = RenderLimits()
}
