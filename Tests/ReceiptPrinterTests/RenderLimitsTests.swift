import Foundation
@testable import ReceiptPrinter
import Testing

/// Tiny streams that ask for kilometres of paper: the renderer draws up to the end of the paper
/// (``RenderLimits``), notes where it cut the job off, and its memory stays bounded by the limit.
@Suite("Render limits: the paper ends, memory stays bounded")
struct RenderLimitsTests {
    /// `ESC 3 255`, then `ESC d 255` a hundred times: 303 bytes asking for 6.5 million dots (813 m).
    static let feeds: [UInt8] = [0x1B, 0x33, 255] + Array(repeating: [0x1B, 0x64, 255] as [UInt8], count: 100).flatMap { $0 }

    /// The packed bytes of a receipt of at most `rows` rows at `profile`'s width: the bound on the
    /// image whatever the stream.
    static func bound(rows: Int, profile: PrinterProfile = .epsonTMT20) -> Int { (profile.printWidthDots + 7) / 8 * rows }

    @Test("303 bytes of feeds: 5 m of paper at most, cut off at the first feed past the end, with a note naming its offset")
    func feedsOf303Bytes() {
        #expect(Self.feeds.count == 303)
        let rendered = ESCPOSInterpreter.render(Self.feeds, profile: .epsonTMT20)
        #expect(rendered.image.height <= RenderLimits.default.maximumLengthDots)
        #expect(rendered.image.height == 40_000, "the default is 5 m at 8 dots per mm")
        #expect(rendered.image.bytes.count <= Self.bound(rows: 40_000))
        #expect(rendered.cutOffOffset == 3, "the first ESC d 255 (65 025 dots) runs past the end")
        let note = rendered.notes.first { $0.offset == 3 }
        #expect(note?.message.contains("render limit of 5000 mm") == true, "\(rendered.notes)")
        #expect(rendered.text.hasSuffix("[cut off at byte 3: render limit reached]\n"))
        #expect(rendered.text.split(separator: "\n", omittingEmptySubsequences: false).count < 300)
    }

    @Test("the limit is configurable: 100 mm are 800 dots")
    func configurable() {
        let rendered = ESCPOSInterpreter.render(Self.feeds, profile: .epsonTMT20, limits: RenderLimits(maximumLengthMillimetres: 100))
        #expect(rendered.image.height == 800)
        #expect(rendered.cutOffOffset == 3)
        #expect(rendered.notes.contains { $0.message.contains("render limit of 100 mm (800 dots)") }, "\(rendered.notes)")
    }

    @Test("200 000 line feeds: cut off after 5 m (1334 lines of 30 dots)")
    func lineFeeds() {
        let rendered = ESCPOSInterpreter.render([UInt8](repeating: 0x0A, count: 200_000), profile: .epsonTMT20)
        #expect(rendered.image.height == 40_000)
        #expect(rendered.cutOffOffset == 1333, "LF number 1334 crosses 40 000 dots")
        #expect(rendered.notes.count == 1, "\(rendered.notes)")
    }

    @Test("a million Star ESC J: cut off after 5 m as well")
    func starFeeds() {
        let bytes = Array(repeating: [0x1B, 0x4A, 4] as [UInt8], count: 1_000_000).flatMap { $0 }
        let rendered = ESCPOSInterpreter.render(bytes, profile: .starTSP650)
        #expect(rendered.image.height == 40_000)
        #expect(rendered.image.bytes.count <= Self.bound(rows: 40_000, profile: .starTSP650))
        #expect(rendered.cutOffOffset == 15_000, "each ESC J 4 feeds 8 dots: command 5001 crosses 40 000")
    }

    @Test("line feeds that do not move the paper (ESC 3 0) are bounded by the transcript's line limit")
    func linesWithoutPaper() {
        let bytes: [UInt8] = [0x1B, 0x33, 0] + [UInt8](repeating: 0x0A, count: 100_000)
        let rendered = ESCPOSInterpreter.render(bytes, profile: .epsonTMT20, limits: RenderLimits(maximumTextLines: 500))
        #expect(rendered.cutOffOffset == 3 + 500)
        #expect(rendered.text.split(separator: "\n", omittingEmptySubsequences: false).count <= 502)
        #expect(rendered.notes.contains { $0.message.contains("more than the render limit of 500 lines") }, "\(rendered.notes)")
    }

    @Test("garbage keeps at most the note limit, then one note counting the rest")
    func notesBounded() {
        let rendered = ESCPOSInterpreter.render([UInt8](repeating: 0x01, count: 100_000), profile: .epsonTMT20,
                                                limits: RenderLimits(maximumNotes: 50))
        #expect(rendered.notes.count == 51)
        #expect(rendered.notes.last?.message == "99950 more notes from here on left out (at most 50 are kept)")
        #expect(rendered.notes.last?.offset == 50)
        var parser = ESCPOSParser(maximumNotes: 10)
        _ = parser.feed([UInt8](repeating: 0x01, count: 1000))
        #expect(parser.notes.count == 11)
    }

    @Test("after the cut-off the stream is still parsed: a network printer answers the status requests in it")
    func parsingGoesOn() {
        var interpreter = ESCPOSInterpreter(profile: .epsonTMT20, limits: RenderLimits(maximumLengthMillimetres: 10))
        _ = interpreter.feed(Self.feeds)
        #expect(interpreter.isCutOff)
        let commands = interpreter.feed(RealTimeStatus.request(1) + Array("more text\n".utf8))
        #expect(commands.map(\.command).contains(.realTimeStatus(1)))
        let rendered = interpreter.finish()
        #expect(!rendered.text.contains("more text"))
        #expect(rendered.image.height == 80)
    }

    @Test("one text command as long as the stream stops at the paper's end inside the command")
    func longTextCommand() {
        var interpreter = ESCPOSInterpreter(profile: .epsonTMT20, limits: RenderLimits(maximumLengthMillimetres: 100))
        let commands = interpreter.feed([UInt8](repeating: 0x41, count: 2_000_000))
        #expect(commands.count == 1, "one text command of 2 MB")
        let rendered = interpreter.finish()
        #expect(rendered.cutOffOffset == 0)
        #expect(rendered.image.height == 800)
        // 800 dots are 27 lines of 30 dots; line 27 crosses the end.
        #expect(rendered.text.split(separator: "\n").count == 28, "27 lines and the cut-off marker")
    }

    @Test("a receipt within the limit is drawn whole, with no cut-off")
    func withinLimit() throws {
        let encoded = try ESCPOSEncoder(profile: .epsonTMT20).encode(Receipt(elements: [.text("Straße"), .feed(lines: 10), .cut(.full)]))
        let rendered = ESCPOSInterpreter.render(encoded.bytes, profile: .epsonTMT20, limits: RenderLimits(maximumLengthMillimetres: 100))
        #expect(rendered.cutOffOffset == nil)
        #expect(rendered.text.hasPrefix("Straße\n"))
        #expect(rendered.notes.isEmpty, "\(rendered.notes)")
    }

    @Test("an image taller than the paper is clipped at its end, not drawn beyond it")
    func tallImage() {
        // GS v 0: 72 bytes × 2000 rows of black, at double height: 4000 rows asked, 800 drawn.
        let raster: [UInt8] = [0x1D, 0x76, 0x30, 0x02, 72, 0, 0xD0, 0x07] + [UInt8](repeating: 0xFF, count: 72 * 2000)
        let rendered = ESCPOSInterpreter.render(raster, profile: .epsonTMT20, limits: RenderLimits(maximumLengthMillimetres: 100))
        #expect(rendered.image.height == 800)
        #expect(rendered.image[0, 799] && rendered.image[575, 799])
        #expect(rendered.cutOffOffset == 0)
    }
}
