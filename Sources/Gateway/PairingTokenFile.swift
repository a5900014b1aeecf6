import DeviceCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file holding the pairing token, read on a thread of its own (file I/O never runs on the
/// cooperative pool).
///
/// ``prepare()`` creates the file with mode 0600 and a new token when it is missing, and refuses
/// a file that others may read or write. ``current()`` reads it again on every call, so a token
/// rotated by replacing the file (or rewriting it) takes effect with the next request; SIGHUP
/// needs no special handling.
public actor PairingTokenFile {
    /// The file's path.
    public nonisolated let path: String
    private let executor: DedicatedThreadExecutor

    /// The file at `path`.
    public init(path: String) {
        self.path = path
        executor = DedicatedThreadExecutor(name: "bhal-gateway-token")
    }

    /// The token file's own thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Creates the file (mode 0600, parent directories 0700) with a new token if it does not
    /// exist; checks that an existing one is a regular file no one else may read or write and
    /// holds a token. Returns whether it was created.
    @discardableResult
    public func prepare() throws(GatewayError) -> Bool {
        var info = stat()
        if stat(path, &info) != 0 {
            guard errno == ENOENT else { throw GatewayError(.setup, "token file \(path): \(String(cString: strerror(errno)))") }
            try create()
            return true
        }
        guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else {
            throw GatewayError(.setup, "token file \(path) is not a regular file; remove it or pass another --token-file")
        }
        guard info.st_mode & 0o027 == 0 else {
            throw GatewayError(.setup, String(format: "token file %@ has mode %o: others may read or write the pairing token; run chmod 600 %@ (or 640 for a kiosk group) and rotate the token", path, info.st_mode & 0o777, path))
        }
        _ = try read()
        return false
    }

    /// The token in the file now. Throws when the file is missing, unreadable or empty.
    public func current() throws(GatewayError) -> PairingToken {
        try read()
    }

    private func read() throws(GatewayError) -> PairingToken {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatewayError(.setup, "the token file \(path) cannot be read; check that it exists and its owner and mode (600)")
        }
        guard data.count <= 4096, let token = PairingToken(text: String(decoding: data, as: UTF8.self)) else {
            throw GatewayError(.setup, "the token file \(path) holds no token; write one line of hex (or delete the file to get a new one)")
        }
        return token
    }

    private func create() throws(GatewayError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw GatewayError(.setup, "cannot create the directory of the token file \(path): \(error.localizedDescription)")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw GatewayError(.setup, "cannot create the token file \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array((PairingToken.generate().text + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw GatewayError(.setup, "cannot write the token file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
