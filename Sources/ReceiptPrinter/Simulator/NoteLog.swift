/// The notes of one parser or renderer, bounded: after ``limit`` notes the rest are only counted,
/// and ``notes`` ends with one note that says how many were left out, so a stream of garbage
/// cannot fill memory with notes.
struct NoteLog: Sendable {
    /// The most notes kept.
    let limit: Int
    private var kept: [ESCPOSNote] = []
    private var dropped = 0
    private var firstDroppedOffset = 0

    init(limit: Int = RenderLimits.default.maximumNotes) {
        self.limit = max(0, limit)
    }

    /// Whether the next note is kept (callers build its message only then).
    var hasRoom: Bool { kept.count < limit }

    /// Records a note, or only counts it when the log is full.
    mutating func add(_ offset: Int, _ message: String) {
        guard hasRoom else {
            countDropped(offset)
            return
        }
        kept.append(ESCPOSNote(offset: offset, message: message))
    }

    /// Counts a note that does not fit.
    mutating func countDropped(_ offset: Int) {
        if dropped == 0 { firstDroppedOffset = offset }
        dropped += 1
    }

    /// Records a note that matters more than the limit (the end of the stream, the end of the
    /// paper): kept even when the log is full.
    mutating func keep(_ note: ESCPOSNote) {
        kept.append(note)
    }

    /// The notes kept, then (when some were left out) one note counting them.
    var notes: [ESCPOSNote] {
        guard dropped > 0 else { return kept }
        let summary = ESCPOSNote(offset: firstDroppedOffset, message: "\(dropped) more notes from here on left out (at most \(limit) are kept)")
        return (kept + [summary]).sorted { $0.offset < $1.offset }
    }
}
