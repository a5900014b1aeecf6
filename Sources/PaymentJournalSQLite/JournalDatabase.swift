import DeviceCore
internal import GRDB

/// The journal's one SQLite connection, reached only through calls that a cancelled task cannot
/// interrupt: a result that arrived must be written even when the caller's task is cancelled.
struct JournalDatabase: Sendable {
    /// The serialized connection (one writer thread, owned by GRDB).
    let queue: DatabaseQueue
    /// Maps failures.
    let errors: JournalErrors

    /// Runs `updates` in one IMMEDIATE transaction, committed (and fsync'd) before it returns.
    func write<T: Sendable>(_ operation: String, _ updates: @escaping @Sendable (Database) throws -> T) async throws(DeviceError) -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            queue.asyncWrite(updates) { _, result in continuation.resume(returning: result) }
        }
        return try unwrap(result, operation)
    }

    /// Runs `value` in a read transaction.
    func read<T: Sendable>(_ operation: String, _ value: @escaping @Sendable (Database) throws -> T) async throws(DeviceError) -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            queue.asyncRead { database in
                continuation.resume(returning: Result { try value(database.get()) })
            }
        }
        return try unwrap(result, operation)
    }

    private func unwrap<T>(_ result: Result<T, any Error>, _ operation: String) throws(DeviceError) -> T {
        switch result {
        case .success(let value): return value
        case .failure(let error): throw errors.map(error, operation: operation)
        }
    }
}
