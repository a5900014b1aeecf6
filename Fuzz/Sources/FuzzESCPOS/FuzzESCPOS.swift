// Fuzz target: ESC/POS jobs as the printer simulator reads them — `ESCPOSParser.parse/feed` and
// `ESCPOSInterpreter` (parser + renderer) with an Epson profile.
//
// Invariants: never traps; command and note offsets lie within the job and do not go backwards;
// fed in pieces the job renders the text, image and cuts it renders fed at once; rendering stays
// within the limits it is given.
import FuzzSupport
import ReceiptPrinter

/// Small limits, so one input renders in well under a millisecond and a long job is cut off.
let limits = RenderLimits(maximumLengthMillimetres: 120, maximumTextLines: 200, maximumNotes: 64)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzESCPOS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let whole = ESCPOSParser.parse(bytes)
    var previous = 0
    for command in whole.commands {
        invariant(command.offset >= previous && command.offset <= bytes.count, "command offset \(command.offset) after \(previous) in \(bytes.count) bytes")
        previous = command.offset
    }
    for note in whole.notes {
        invariant(offsetInInput(note.offset, count: bytes.count), "note offset \(note.offset) outside \(bytes.count) bytes")
    }

    // Fed in pieces, as a network printer reads it, the job prints what it prints fed at once.
    // (The commands themselves may differ: a text run split by a read comes out as two runs.)
    let receipt = ESCPOSInterpreter.render(bytes, profile: .epsonTMT20, limits: limits)
    var interpreter = ESCPOSInterpreter(profile: .epsonTMT20, limits: limits)
    for piece in pieces(of: bytes) { _ = interpreter.feed(piece) }
    let split = interpreter.finish()
    invariant(split.text == receipt.text, "split job printed other text")
    invariant(split.image == receipt.image, "split job drew another image")
    invariant(split.cutCount == receipt.cutCount && split.cutOffOffset == receipt.cutOffOffset, "split job cut elsewhere")
    invariant(receipt.image.height <= limits.maximumLengthDots + 4096, "image of \(receipt.image.height) dots exceeds the limit")
    if let cut = receipt.cutOffOffset {
        invariant(offsetInInput(cut, count: bytes.count), "cut-off offset \(cut) outside \(bytes.count) bytes")
    }
    return 0
}
