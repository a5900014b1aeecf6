/// The streaming part both dialect parsers share: bytes wait until a whole command has arrived,
/// and offsets count from the start of the stream, however it was split.
struct CommandStream: Sendable {
    private var pending: [UInt8] = []
    /// Stream offset of the first waiting byte.
    private(set) var base = 0

    /// Appends `bytes` and parses every command they complete. `parse` reads one command at the
    /// reader (it may amount to several commands) or throws ``ByteShortage`` when the command
    /// needs bytes that have not arrived; those bytes wait for the next call.
    mutating func feed(_ bytes: some Sequence<UInt8>,
                       parse: (inout ByteReader) throws(ByteShortage) -> [ESCPOSCommand]) -> [ParsedESCPOSCommand] {
        pending.append(contentsOf: bytes)
        var commands: [ParsedESCPOSCommand] = []
        var start = 0
        while start < pending.count {
            var reader = ByteReader(bytes: pending, index: start)
            do {
                let parsed = try parse(&reader)
                commands += parsed.map { ParsedESCPOSCommand(offset: base + start, command: $0) }
                start = reader.index
            } catch {
                break
            }
        }
        pending.removeFirst(start)
        base += start
        return commands
    }

    /// Ends the stream: a command still waiting for bytes becomes an ``ESCPOSCommand/unknown(_:)``
    /// with the note that says so, or `nil` when nothing waits.
    mutating func finish() -> (dropped: ParsedESCPOSCommand, note: ESCPOSNote)? {
        guard !pending.isEmpty else { return nil }
        let note = ESCPOSNote(offset: base, message: "the stream ends inside a command (\(pending.count) bytes from 0x\(hex(pending.prefix(8)))); dropped")
        let dropped = ParsedESCPOSCommand(offset: base, command: .unknown(pending))
        base += pending.count
        pending = []
        return (dropped, note)
    }
}
