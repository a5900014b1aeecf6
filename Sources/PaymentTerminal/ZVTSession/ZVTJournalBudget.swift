import Foundation

/// Which messages of one command cycle the payment journal records one by one, so a terminal that
/// floods the ECR (intermediate status, unknown messages, repeated Status Information) cannot grow
/// an entry without bound.
///
/// Rule: the first ``firstMessages`` messages are recorded as they come. After them, only messages
/// recovery and a clerk need are recorded at once: Status Information (up to
/// ``laterStatusInformation`` more), the terminal's end of the cycle (completion `06 0F`, Abort
/// `06 1E`, a refusal `84 xx`) and what the ECR sends besides acknowledgements (its Abort `06 B0`),
/// up to ``laterEnds``. Everything else is counted per direction and message type (at most
/// ``countedTypes`` types, the rest as "other"); ``closingMessages()`` then gives the records that
/// end the cycle: the counts, the last Status Information that was not recorded and the last
/// message received that was not. An entry thus holds at most about 100 messages.
struct ZVTJournalBudget: Sendable {
    /// Messages recorded one by one from the start of the cycle.
    static let firstMessages = 50
    /// Status Information recorded at once after the first messages.
    static let laterStatusInformation = 10
    /// Ends of the cycle and ECR commands recorded at once after the first messages.
    static let laterEnds = 20
    /// Message types counted by name; further types count as "other".
    static let countedTypes = 16

    /// One message the budget held back instead of recording it.
    private struct Held: Sendable {
        var message: ZVTMessage
        var timestamp: Double
    }

    private struct Tally: Sendable {
        var order: [String] = []
        var counts: [String: Int] = [:]
        var total = 0
        var lastTimestamp = 0.0

        mutating func add(_ name: String, at timestamp: Double) {
            let key = counts[name] != nil || order.count < ZVTJournalBudget.countedTypes ? name : "other message types"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
            total += 1
            lastTimestamp = timestamp
        }

        var text: String { order.map { "\(counts[$0] ?? 0) × \($0)" }.joined(separator: ", ") }
    }

    private var recorded = 0
    private var laterStatusInformation = 0
    private var laterEnds = 0
    private var skipped: [JournalMessage.Direction: Tally] = [:]
    private var lastSkippedStatusInformation: Held?
    private var lastSkippedReceived: Held?

    /// How many messages were held back so far.
    var skippedCount: Int { skipped.values.reduce(0) { $0 + $1.total } }

    /// Whether to record a message of `type` now; when not, it is counted (and a received one kept
    /// as the last held back). `type` is `nil` for ECR commands outside the cycle's own flow.
    mutating func admits(_ direction: JournalMessage.Direction, _ type: ZVTMessageType?, message: ZVTMessage? = nil,
                         timestamp: Double) -> Bool {
        if recorded < Self.firstMessages {
            recorded += 1
            return true
        }
        switch Self.kind(direction, type) {
        case .statusInformation where laterStatusInformation < Self.laterStatusInformation:
            laterStatusInformation += 1
            return true
        case .end where laterEnds < Self.laterEnds:
            laterEnds += 1
            return true
        default:
            break
        }
        skipped[direction, default: Tally()].add(type?.description ?? "ECR command", at: timestamp)
        if direction == .received, let message {
            let held = Held(message: message, timestamp: timestamp)
            lastSkippedReceived = held
            if type == .statusInformation { lastSkippedStatusInformation = held }
        }
        return false
    }

    /// The records that close the cycle when messages were held back: per direction the counts,
    /// then the last Status Information and the last message received that were not recorded.
    /// Empty when everything was recorded. Resets the counts.
    mutating func closingMessages() -> [JournalMessage] {
        defer {
            skipped = [:]
            lastSkippedStatusInformation = nil
            lastSkippedReceived = nil
        }
        var messages: [JournalMessage] = []
        for direction in [JournalMessage.Direction.received, .sent] {
            guard let tally = skipped[direction], tally.total > 0 else { continue }
            messages.append(JournalMessage(direction: direction, summary: "\(tally.total) further messages \(direction.rawValue), "
                                           + "not recorded one by one: \(tally.text)", timestamp: tally.lastTimestamp))
        }
        if let held = lastSkippedStatusInformation {
            messages.append(JournalMessage(direction: .received, summary: "\(held.message.description) (the last Status Information)",
                                           timestamp: held.timestamp))
        }
        if let held = lastSkippedReceived, held.message.type != .statusInformation {
            messages.append(JournalMessage(direction: .received, summary: "\(held.message.description) (the last message received)",
                                           timestamp: held.timestamp))
        }
        return messages
    }

    private enum Kind { case statusInformation, end, other }

    private static func kind(_ direction: JournalMessage.Direction, _ type: ZVTMessageType?) -> Kind {
        guard let type else { return .end }
        switch direction {
        case .received:
            if type == .statusInformation { return .statusInformation }
            return type == .completion || type == .terminalAbort || type.isRefusal ? .end : .other
        case .sent:
            return type == .acknowledgement || type.isRefusal ? .other : .end
        }
    }
}
