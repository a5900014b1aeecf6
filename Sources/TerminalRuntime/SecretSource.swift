import Foundation

/// Where the runtime reads secrets from: a file or the environment, never a URI, a configuration
/// value or the command line (those end up in logs and process lists).
///
/// The ZVT password is, in this order: the first line of ``zvtPasswordFile`` (6 digits), else
/// `BHAL_ZVT_PASSWORD` from ``environment``, else the terminal's default (`000000`).
public struct SecretSource: Sendable, Hashable {
    /// The environment variables to read (`BHAL_ZVT_PASSWORD`).
    public var environment: [String: String]
    /// A file holding the ZVT password (readable by the kiosk's user only), if any.
    public var zvtPasswordFile: String?

    /// Creates a source.
    public init(environment: [String: String] = [:], zvtPasswordFile: String? = nil) {
        self.environment = environment
        self.zvtPasswordFile = zvtPasswordFile
    }

    /// This process's environment; the password file is `$BHAL_ZVT_PASSWORD_FILE` unless `zvtPasswordFile` names one.
    public static func environment(zvtPasswordFile: String? = nil) -> SecretSource {
        let environment = ProcessInfo.processInfo.environment
        let named = environment["BHAL_ZVT_PASSWORD_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        return SecretSource(environment: environment, zvtPasswordFile: zvtPasswordFile ?? named)
    }

    /// The ZVT password, or `nil` for the terminal's default. Throws when the named file cannot be
    /// read or holds no 6-digit password; the message never shows the file's content.
    public func zvtPassword() throws(ConfigurationError) -> String? {
        if let path = zvtPasswordFile {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ConfigurationError(location: nil, key: "zvt password file",
                                         message: "cannot read \(path): \((error as NSError).localizedDescription); "
                                             + "check the path and that the kiosk's user may read it")
            }
            let password = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard password.count == 6, password.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ConfigurationError(location: nil, key: "zvt password file",
                                         message: "\(path) does not hold a 6-digit ZVT password on its first line; write the terminal's password there")
            }
            return password
        }
        if let password = environment["BHAL_ZVT_PASSWORD"], !password.isEmpty { return password }
        return nil
    }
}
