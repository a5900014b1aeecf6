public import DeviceCore
public import SmartCard

extension CardReader {
    /// Runs `body` — PACE, secure messaging, PIN management — as ONE card transaction of this
    /// reader and returns its result; the body's typed error comes back as thrown, a transport
    /// failure of the transaction itself as `wrap(error)`.
    public func eidTransaction<T: Sendable, Failure: Error>(
        _ body: sending @escaping (inout CardTransaction) throws(Failure) -> T,
        transportError wrap: @escaping @Sendable (DeviceError) -> Failure
    ) async throws(Failure) -> T {
        let result: Result<T, Failure>
        do throws(DeviceError) {
            result = try await transaction { (card: inout CardTransaction) throws(DeviceError) -> Result<T, Failure> in
                do throws(Failure) { return .success(try body(&card)) } catch { return .failure(error) }
            }
        } catch {
            throw wrap(error)
        }
        return try result.get()
    }
}
