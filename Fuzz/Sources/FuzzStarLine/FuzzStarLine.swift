// Fuzz target: Star Line Mode jobs as the printer simulator reads them — `StarLineParser.parse/feed` and
// `ESCPOSInterpreter` (parser + renderer) with a Star profile.
//
// Invariants: never traps; fed in pieces the parser yields the commands and notes it yields fed
// at once; command and note offsets lie within the job and do not go backwards; rendering stays
// within the limits it is given.
import FuzzSupport
import ReceiptPrinter

/// Small limits, so one input renders in well under a millisecond and a long job is cut off.
let limits = RenderLimits(maximumLengthMillimetres: 120, maximumTextLines: 200, maximumNotes: 64)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStarLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let whole = StarLineParser.parse(bytes)
    var parser = StarLineParser()
    var commands: [ParsedESCPOSCommand] = []
    for piece in pieces(of: bytes) { commands += parser.feed(piece) }
    commands += parser.finish()
    invariant(commands == whole.commands, "split job gave \(commands.count) commands, whole \(whole.commands.count)")
    invariant(parser.notes == whole.notes, "split job gave \(parser.notes.count) notes, whole \(whole.notes.count)")
    var previous = 0
    for command in whole.commands {
        invariant(command.offset >= previous && command.offset <= bytes.count, "command offset \(command.offset) after \(previous) in \(bytes.count) bytes")
        previous = command.offset
    }
    for note in whole.notes {
        invariant(offsetInInput(note.offset, count: bytes.count), "note offset \(note.offset) outside \(bytes.count) bytes")
    }

    let receipt = ESCPOSInterpreter.render(bytes, profile: .starTSP650, limits: limits)
    invariant(receipt.image.height <= limits.maximumLengthDots + 4096, "image of \(receipt.image.height) dots exceeds the limit")
    if let cut = receipt.cutOffOffset {
        invariant(offsetInInput(cut, count: bytes.count), "cut-off offset \(cut) outside \(bytes.count) bytes")
    }
    return 0
}
