import Foundation

/// The run-time control of a simulated printer: one command per line (as `bhal simulate printer`
/// reads them from standard input), each answered with the printer's new condition.
///
/// Pure: ``apply(_:to:)`` changes a ``PrinterStatus`` and returns the answer lines.
public enum PrinterSimulatorControl {
    /// A control command, spelled as its raw value.
    public enum Command: String, CaseIterable, Sendable {
        /// The paper runs out: status requests report paper end and prints fail.
        case paperOut = "paper-out"
        /// The roll is nearly used up: reported, but the printer still prints.
        case paperNearEnd = "paper-near-end"
        /// A full roll is loaded.
        case paperOK = "paper-ok"
        /// The cover is opened: prints fail.
        case coverOpen = "cover-open"
        /// The cover is closed.
        case coverClosed = "cover-closed"
        /// The printer goes offline: prints fail.
        case offline
        /// The printer is back online.
        case online
        /// Every fault is cleared: online, paper loaded, cover closed.
        case clear
        /// Only reports the condition.
        case status
        /// Lists the commands.
        case help

        /// One line on what the command does, for `help`.
        public var summary: String {
            switch self {
            case .paperOut: "the paper runs out; prints fail"
            case .paperNearEnd: "the roll is nearly used up; still prints"
            case .paperOK: "a full paper roll is loaded"
            case .coverOpen: "the cover is opened; prints fail"
            case .coverClosed: "the cover is closed"
            case .offline: "the printer goes offline; prints fail"
            case .online: "the printer is back online"
            case .clear: "every fault is cleared"
            case .status: "shows the current condition"
            case .help: "lists these commands"
            }
        }
    }

    /// The command names, comma-separated, as error messages list them.
    public static var commandList: String { Command.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Carries out one input line on `status` and returns the answer: the new condition, the
    /// command list for `help`, or one error line naming the valid commands. A blank line gets no
    /// answer. Case and surrounding spaces do not matter.
    public static func apply(_ line: String, to status: inout PrinterStatus) -> [String] {
        let word = line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !word.isEmpty else { return [] }
        guard let command = Command(rawValue: word) else {
            return ["error: unknown command \"\(word)\"; use one of: \(commandList)"]
        }
        switch command {
        case .paperOut: status.paperEnd = true
        case .paperNearEnd: (status.paperNearEnd, status.paperEnd) = (true, false)
        case .paperOK: (status.paperNearEnd, status.paperEnd) = (false, false)
        case .coverOpen: status.coverOpen = true
        case .coverClosed: status.coverOpen = false
        case .offline: status.online = false
        case .online: status.online = true
        case .clear: status = PrinterStatus(online: true)
        case .status: break
        case .help:
            let width = Command.allCases.map(\.rawValue.count).max() ?? 0
            return ["commands, one per line:"] + Command.allCases.map {
                "  " + $0.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.summary
            }
        }
        return ["condition: " + status.summary]
    }
}
