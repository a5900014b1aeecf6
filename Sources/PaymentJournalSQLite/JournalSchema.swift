import Foundation
import PaymentTerminal
internal import GRDB

/// The journal's tables, created and upgraded by GRDB's `DatabaseMigrator`. A migration, once
/// shipped, is never edited: changes go into a new one.
enum JournalSchema {
    /// The reason given to entries left pending by a process that ended.
    static let processEndedReason = "process ended before the result arrived"

    /// Every migration in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: requests and messages") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2: terminal identity and manual resolutions") { db in
            try db.execute(sql: version2)
            try backfillTerminalIdentity(db)
        }
        return migrator
    }

    /// Whether the database holds the journal's tables (for read-only opening, which cannot migrate).
    static func isJournal(_ db: Database) throws -> Bool {
        try migrator.hasCompletedMigrations(db)
    }

    /// Version 2. `endpoint_keys` (a JSON array) and `terminal_tid` identify an entry's terminal
    /// by ``TerminalIdentity``'s rule rather than by its URI text; a trigger backs up `begin`'s
    /// check that no two unresolved entries share an endpoint key (the v1 index on the URI text
    /// stays). `payment_manual_resolutions` holds the outcomes clerks set by hand, one per
    /// request, never changed or deleted.
    private static let version2 = """
        ALTER TABLE payment_requests ADD COLUMN endpoint_keys TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE payment_requests ADD COLUMN terminal_tid TEXT;

        CREATE TRIGGER payment_requests_one_unresolved_per_endpoint BEFORE INSERT ON payment_requests
        WHEN NEW.state IN ('pending', 'inDoubt') AND EXISTS (
            SELECT 1 FROM payment_requests AS open, json_each(open.endpoint_keys) AS key
            WHERE open.state IN ('pending', 'inDoubt') AND key.value IN (SELECT value FROM json_each(NEW.endpoint_keys)))
        BEGIN SELECT RAISE(ABORT, 'the terminal already has an unresolved payment'); END;

        CREATE TABLE payment_manual_resolutions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL UNIQUE REFERENCES payment_requests (request_id),
            outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'declined', 'aborted')),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            resolved_at REAL NOT NULL
        );
        CREATE TRIGGER payment_manual_resolutions_never_deleted BEFORE DELETE ON payment_manual_resolutions
        BEGIN SELECT RAISE(ABORT, 'manual resolutions are never deleted'); END;
        CREATE TRIGGER payment_manual_resolutions_never_changed BEFORE UPDATE ON payment_manual_resolutions
        BEGIN SELECT RAISE(ABORT, 'manual resolutions are never changed'); END;
        """

    /// Gives entries written before version 2 the endpoint key of their URI text and the TID of
    /// their result, if any (no file-system lookup: a symlink's target then is not a key).
    private static func backfillTerminalIdentity(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT request_id, terminal, terminal_id FROM payment_requests") {
            let identity = TerminalIdentity(uri: row["terminal"], terminalID: row["terminal_id"])
            try db.execute(sql: "UPDATE payment_requests SET endpoint_keys = ?, terminal_tid = ? WHERE request_id = ?",
                           arguments: [JournalRows.lines(identity.endpoints), identity.terminalID, row["request_id"]])
        }
    }

    /// Version 1. `payment_requests` holds one row per request id with its result columns;
    /// `payment_messages` the exchanged messages. Triggers keep entries from being deleted and
    /// completed outcomes from being changed; a partial unique index allows at most one
    /// unresolved entry per terminal.
    private static let version1 = """
        CREATE TABLE payment_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('pending', 'inDoubt', 'completed')),
            terminal TEXT NOT NULL,
            kind TEXT NOT NULL,
            amount_cents INTEGER,
            currency_code INTEGER NOT NULL,
            original_receipt_number INTEGER,
            owner TEXT,
            outcome TEXT CHECK (outcome IN ('approved', 'declined', 'aborted')),
            result_code INTEGER,
            result_amount_cents INTEGER,
            receipt_number INTEGER,
            trace INTEGER,
            terminal_id TEXT,
            vu_number TEXT,
            card_name TEXT,
            card_type INTEGER,
            masked_pan TEXT,
            aid TEXT,
            terminal_date_time TEXT,
            customer_receipt TEXT NOT NULL DEFAULT '[]',
            merchant_receipt TEXT NOT NULL DEFAULT '[]',
            result_message TEXT,
            doubt_reason TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            completed_at REAL,
            CHECK ((state = 'completed') = (outcome IS NOT NULL))
        );
        CREATE UNIQUE INDEX payment_requests_one_unresolved_per_terminal
            ON payment_requests (terminal) WHERE state IN ('pending', 'inDoubt');
        CREATE INDEX payment_requests_by_state ON payment_requests (state, created_at);

        CREATE TABLE payment_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL REFERENCES payment_requests (request_id),
            direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
            summary TEXT NOT NULL,
            timestamp REAL NOT NULL
        );
        CREATE INDEX payment_messages_by_request ON payment_messages (request_id, id);

        CREATE TRIGGER payment_requests_never_deleted BEFORE DELETE ON payment_requests
        BEGIN SELECT RAISE(ABORT, 'payment journal entries are never deleted'); END;
        CREATE TRIGGER payment_messages_never_deleted BEFORE DELETE ON payment_messages
        BEGIN SELECT RAISE(ABORT, 'payment journal messages are never deleted'); END;
        CREATE TRIGGER payment_requests_outcome_is_final BEFORE UPDATE ON payment_requests
        WHEN OLD.state = 'completed' AND (NEW.state IS NOT 'completed' OR NEW.outcome IS NOT OLD.outcome
            OR NEW.result_code IS NOT OLD.result_code OR NEW.result_amount_cents IS NOT OLD.result_amount_cents
            OR NEW.receipt_number IS NOT OLD.receipt_number OR NEW.trace IS NOT OLD.trace)
        BEGIN SELECT RAISE(ABORT, 'a completed payment outcome is never changed'); END;
        """
}
