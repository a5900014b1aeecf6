import Foundation

/// Which payment terminal a journal entry belongs to, and the rule that decides whether an
/// unresolved entry blocks a new payment and which entries a recovery resolves.
///
/// **Rule.** A terminal is known by its endpoint keys and, once it has answered, its TID:
/// - The keys come from its URI (``ZVTEndpoint/key``): `zvt+tcp://HOST:PORT` with the host
///   lowercased (trailing dot dropped, IPv6 canonical) and the default port 20007 filled in;
///   `zvt+serial://PATH` with `.`/`..`/`//` removed. Speed and character set are not part of a
///   key. A serial path that is a symlink adds a second key: the path it resolves to
///   (`/dev/serial/by-id/…` and `/dev/ttyUSB0` are one terminal, and an entry made under either
///   name is still found after the adapter was renumbered). A URI that is not a ZVT URI is its
///   own key.
/// - The TID (BMP 29) is recorded from the terminal's Status Information and completions.
/// - Two identities are **the same terminal** when they share an endpoint key, or when both
///   know a TID and the TIDs are equal.
///
/// Host names are never resolved: `zvt+tcp://localhost` and `zvt+tcp://127.0.0.1` are different
/// keys, because a name's address can change between a crash and its recovery. Configure one
/// spelling per terminal; the TID still ties the two together once the terminal has answered.
public struct TerminalIdentity: Sendable, Hashable, Codable {
    /// The endpoint keys, sorted, without duplicates.
    public private(set) var endpoints: [String]
    /// The terminal's TID (BMP 29), once known.
    public var terminalID: String?

    /// An identity from endpoint keys as stored.
    public init(endpoints: [String], terminalID: String? = nil) {
        self.endpoints = Array(Set(endpoints.filter { !$0.isEmpty })).sorted()
        self.terminalID = terminalID.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The identity of a terminal URI by text alone (no file-system lookup): its normalized key.
    public init(uri: String, terminalID: String? = nil) {
        self.init(endpoints: [Self.key(ofURI: uri)], terminalID: terminalID)
    }

    /// The identity of an endpoint, with the key of its symlink-resolved form when given.
    public init(endpoint: ZVTEndpoint, resolved: ZVTEndpoint? = nil, terminalID: String? = nil) {
        self.init(endpoints: [endpoint.key] + (resolved.map { [$0.key] } ?? []), terminalID: terminalID)
    }

    /// The normalized key of a terminal URI; the trimmed text itself when it is not a ZVT URI.
    public static func key(ofURI uri: String) -> String {
        let text = uri.trimmingCharacters(in: .whitespaces)
        guard let configuration = try? ZVTTerminalConfiguration(uri: text) else { return text }
        return configuration.endpoint.key
    }

    /// Whether both name the same terminal: a shared endpoint key, or equal known TIDs.
    public func isSameTerminal(as other: TerminalIdentity) -> Bool {
        if sharesEndpoint(with: other) { return true }
        guard let mine = terminalID, let theirs = other.terminalID else { return false }
        return mine == theirs
    }

    /// Whether both share an endpoint key.
    public func sharesEndpoint(with other: TerminalIdentity) -> Bool {
        !Set(endpoints).isDisjoint(with: other.endpoints)
    }

    /// This identity with the keys of `other` added (and its TID when this one has none).
    public func merging(_ other: TerminalIdentity) -> TerminalIdentity {
        TerminalIdentity(endpoints: endpoints + other.endpoints, terminalID: terminalID ?? other.terminalID)
    }
}
