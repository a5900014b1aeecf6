import DeviceCore
import PaymentTerminal
internal import GRDB

/// Turns SQLite and journal-rule failures into ``DeviceError``s a technician can act on.
struct JournalErrors {
    /// The journal file, named in every remedy.
    var path: String

    /// Any error thrown while working on the database, as a `DeviceError`.
    func map(_ error: any Error, operation: String) -> DeviceError {
        switch error {
        case let error as DeviceError: return error
        case let error as DatabaseError:
            return sqlite(code: error.extendedResultCode.rawValue, detail: error.message ?? "\(error.resultCode)", operation: operation)
        default:
            return DeviceError(.other, operation: operation, message: "the payment journal failed: \(error)",
                               remedy: "Retry; if it persists, keep \(path) for support and check the disk.")
        }
    }

    /// The error for an SQLite (extended) result code.
    func sqlite(code: Int32, detail: String, operation: String) -> DeviceError {
        let primary = code & 0xFF
        let backend = DeviceError.BackendCode(domain: "SQLite", value: Int64(code), name: Self.names[primary])
        let keep = "do not delete it: it may hold unresolved payments"
        let (kind, message, remedy): (DeviceError.Kind, String, String) = switch primary {
        case 13: // SQLITE_FULL
            (.hardwareFault, "the disk holding the payment journal is full",
             "Free space on the file system of \(path) (check with `df -h`), then retry; \(keep).")
        case 8: // SQLITE_READONLY
            (.permissionDenied, "the payment journal is read-only (\(detail))",
             "Make \(path) and its directory writable by the bhal service user and the file system writable (mount -o remount,rw), then retry.")
        case 3, 23: // SQLITE_PERM, SQLITE_AUTH
            (.permissionDenied, "access to the payment journal was refused (\(detail))",
             "Give the bhal service user read and write access to \(path) and its directory.")
        case 14: // SQLITE_CANTOPEN
            (.permissionDenied, "the payment journal cannot be opened (\(detail))",
             "Check that \(path) exists (or its directory, for a new journal) and is accessible to the bhal service user, or point $BHAL_PAYMENT_JOURNAL or --db at the right file.")
        case 19: // SQLITE_CONSTRAINT: a second entry for a request id or a busy terminal slipped past the checks
            (.busy, "the payment journal refused the change (\(detail))",
             "Report the existing entry instead of paying again; run `bhal payment recover` if one is in doubt.")
        case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
            (.busy, "another process holds the payment journal's lock",
             "Retry; if it persists, look for a hung bhal process with `fuser \(path)`.")
        case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
            (.hardwareFault, "the payment journal file is damaged or not a journal (\(detail))",
             "Stop the kiosk, copy \(path) for support and restore it from backup; \(keep).")
        case 10: // SQLITE_IOERR
            (.hardwareFault, "a disk I/O error hit the payment journal (\(detail))",
             "Check the disk (dmesg, smartctl) and free space, then retry; \(keep).")
        default:
            (.other, "the payment journal failed (\(detail))",
             "Retry; if it persists, keep \(path) for support.")
        }
        return DeviceError(kind, operation: operation, message: message, remedy: remedy, backendCode: backend)
    }

    /// Symbolic names of the primary result codes the journal maps.
    private static let names: [Int32: String] = [
        3: "SQLITE_PERM", 5: "SQLITE_BUSY", 6: "SQLITE_LOCKED", 8: "SQLITE_READONLY", 10: "SQLITE_IOERR",
        11: "SQLITE_CORRUPT", 13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN", 19: "SQLITE_CONSTRAINT",
        23: "SQLITE_AUTH", 26: "SQLITE_NOTADB",
    ]

    // MARK: - Journal rules

    /// The request id is already journaled.
    func duplicate(_ requestID: String, state: String) -> DeviceError {
        DeviceError(.busy, operation: "begin payment", message: "request \(requestID) is already in the journal (\(state)) and is never sent twice",
                    remedy: "Report the existing entry's outcome instead (`bhal payment journal`); if it is in doubt, run `bhal payment recover`.")
    }

    /// The terminal has an unresolved entry.
    func terminalBusy(_ terminal: String, blocking requestID: String, state: String) -> DeviceError {
        if state != JournalState.inDoubt.rawValue {
            return DeviceError(.busy, operation: "begin payment", message: "payment \(requestID) on \(terminal) is still pending (a session runs it)",
                               remedy: "Wait until it has finished (or abort it with `bhal payment abort`), then retry; if the process that "
                                   + "ran it has ended, `bhal payment recover` marks it in doubt and resolves it with the terminal.")
        }
        return DeviceError(.busy, operation: "begin payment", message: "payment \(requestID) on \(terminal) is still in doubt",
                           remedy: "Run `bhal payment recover` to resolve it with the terminal. If recover leaves it in doubt (the terminal "
                               + "cannot tell, e.g. it was replaced), check the merchant receipt, the terminal's journal or the acquirer's "
                               + "portal, then record what you found: `bhal payment recover --mark \(requestID) approved|declined|aborted "
                               + "--reason TEXT`.")
    }

    /// A manual resolution for an entry that is not in doubt.
    func notInDoubt(_ requestID: String, state: String) -> DeviceError {
        let remedy = state == JournalState.pending.rawValue
            ? "A running payment session owns it; wait for it to finish. If its process is gone, any writable open of the journal "
                + "(e.g. `bhal payment recover`) marks it in doubt first."
            : "Its outcome is final and is never changed; see `bhal payment journal`."
        return DeviceError(.other, operation: "resolve payment by hand",
                           message: "request \(requestID) is \(state == JournalState.pending.rawValue ? "pending" : "already completed"), not in doubt",
                           remedy: remedy)
    }

    /// No entry has this request id.
    func unknown(_ requestID: String, operation: String) -> DeviceError {
        DeviceError(.other, operation: operation, message: "no journal entry for request \(requestID)",
                    remedy: "Call begin() before sending the command; this is a bug in the caller.")
    }

    /// The entry already has its final outcome.
    func alreadyCompleted(_ requestID: String, outcome: String, operation: String) -> DeviceError {
        DeviceError(.other, operation: operation, message: "request \(requestID) is already completed (\(outcome)); a final outcome is never changed",
                    remedy: "Report the journaled outcome (`bhal payment journal`); this is a bug in the caller.")
    }

    /// A mutating call on a journal opened read-only.
    func readOnly(_ operation: String) -> DeviceError {
        DeviceError(.permissionDenied, operation: operation, message: "the payment journal \(path) was opened read-only",
                    remedy: "Open it writable; read-only journals are for listing (`bhal payment journal`).")
    }

    /// An argument the journal refuses.
    func invalid(_ message: String, operation: String) -> DeviceError {
        DeviceError(.other, operation: operation, message: message, remedy: "Fix the caller; this is a bug in the payment session.")
    }

    /// A row that cannot be read back.
    func unreadable(_ requestID: String, column: String) -> DeviceError {
        DeviceError(.hardwareFault, operation: "read payment journal",
                    message: "entry \(requestID) has an unreadable \(column)",
                    remedy: "Keep \(path) for support; the entry was written by another program or the file is damaged.")
    }
}
