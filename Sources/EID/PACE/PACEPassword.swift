/// A PACE password (ICAO 9303-11 §4.4.1, TR-03110-2 §3.2): the MRZ, the CAN, the PIN (6 digits, or
/// the 5-digit transport PIN) or the PUK. It keeps the key K the password key Kπ is derived from
/// (SHA-1 of the MRZ information, or the ASCII digits) and never prints it: ``description``
/// names only the kind.
public struct PACEPassword: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Which password, with its key reference in MSE:Set AT (tag 83).
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The machine readable zone (reference 01).
        case mrz = 1
        /// The card access number printed on the card (reference 02).
        case can = 2
        /// The PIN, or the transport PIN (reference 03).
        case pin = 3
        /// The PIN unblock key (reference 04).
        case puk = 4

        /// `MRZ`, `CAN`, `PIN`, `PUK`.
        public var description: String {
            switch self {
            case .mrz: "MRZ"
            case .can: "CAN"
            case .pin: "PIN"
            case .puk: "PUK"
            }
        }
    }

    /// Which password this is.
    public let kind: Kind
    /// K: the SHA-1 of the MRZ information or the password's ASCII digits.
    private var secret: [UInt8]

    /// A password from its kind and key K, unchecked (the simulator's literal test identity).
    init(kind: Kind, secret: [UInt8]) {
        self.kind = kind
        self.secret = secret
    }

    /// The MRZ password from the MRZ information: document number with check digit, date of birth
    /// with check digit, date of expiry with check digit (as printed, `<` filler included; a
    /// document number longer than 9 characters with the rest taken from the optional data).
    public static func mrz(information: String) throws(PACEPasswordError) -> PACEPassword {
        let bytes = Array(information.utf8)
        guard bytes.count >= 20, bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x3C }) else {
            throw .invalidMRZ
        }
        do throws(EIDCryptoError) {
            return PACEPassword(kind: .mrz, secret: try DigestAlgorithm.sha1.hash(bytes))
        } catch {
            throw .invalidMRZ
        }
    }

    /// The MRZ password from its fields; the check digits are computed (weights 7, 3, 1).
    public static func mrz(documentNumber: String, dateOfBirth: String, dateOfExpiry: String) throws(PACEPasswordError) -> PACEPassword {
        let fields = [documentNumber.uppercased(), dateOfBirth, dateOfExpiry]
        guard fields[1].count == 6, fields[2].count == 6 else { throw .invalidMRZ }
        var information = ""
        for field in fields {
            guard let digit = MRZCheckDigit.compute(field) else { throw .invalidMRZ }
            information += field + String(digit)
        }
        return try mrz(information: information)
    }

    /// The 6-digit card access number.
    public static func can(_ digits: String) throws(PACEPasswordError) -> PACEPassword {
        try numeric(.can, digits, lengths: [6])
    }

    /// The citizen's 6-digit PIN, or the 5-digit transport PIN of a new card.
    public static func pin(_ digits: String) throws(PACEPasswordError) -> PACEPassword {
        try numeric(.pin, digits, lengths: [5, 6])
    }

    /// The 10-digit PUK.
    public static func puk(_ digits: String) throws(PACEPasswordError) -> PACEPassword {
        try numeric(.puk, digits, lengths: [10])
    }

    private static func numeric(_ kind: Kind, _ digits: String, lengths: Set<Int>) throws(PACEPasswordError) -> PACEPassword {
        let bytes = Array(digits.utf8)
        guard lengths.contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidDigits(kind, lengths: lengths.sorted())
        }
        return PACEPassword(kind: kind, secret: bytes)
    }

    /// Whether this is a 5-digit (transport) PIN.
    public var isTransportPIN: Bool { kind == .pin && secret.count == 5 }

    /// Kπ = KDF(K, 3) for `cipher`.
    func passwordKey(_ cipher: SessionCipher) throws(EIDCryptoError) -> [UInt8] {
        try KeyDerivation.derive(secret, purpose: .password, cipher: cipher)
    }

    /// Whether two passwords are the same kind and value (constant time over the value): a new
    /// PIN typed twice.
    public func hasSameValue(as other: PACEPassword) -> Bool {
        guard kind == other.kind, secret.count == other.secret.count else { return false }
        return zip(secret, other.secret).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The digits as bytes, for RESET RETRY COUNTER (new PIN) only.
    var digits: [UInt8] { secret }

    /// Overwrites the kept value with zeros; the password is unusable afterwards.
    public mutating func wipe() {
        EID.wipe(&secret)
    }

    /// `PIN (redacted)`: never the value.
    public var description: String { "\(kind) (redacted)" }
    /// As ``description``.
    public var debugDescription: String { description }
    /// Only the kind, so `dump` and debuggers show no value.
    public var customMirror: Mirror { Mirror(self, children: ["kind": kind]) }
}

/// Why text is not a valid PACE password. Never contains the text.
public enum PACEPasswordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A CAN, PIN or PUK with other characters than digits or the wrong number of them.
    case invalidDigits(PACEPassword.Kind, lengths: [Int])
    /// MRZ information that is too short or has characters outside 0-9, A-Z and `<`.
    case invalidMRZ

    /// What is wrong and what to enter instead.
    public var description: String {
        switch self {
        case .invalidDigits(let kind, let lengths):
            "the \(kind) must have \(lengths.map(String.init).joined(separator: " or ")) digits and nothing else; enter it again"
        case .invalidMRZ:
            "the MRZ information must be document number, date of birth and date of expiry (YYMMDD) with check digits, in 0-9, A-Z and <"
        }
    }
}

/// The MRZ check digit (ICAO 9303-3 §4.9): weights 7, 3, 1; digits as their value, A–Z as 10–35,
/// `<` as 0; the sum modulo 10.
enum MRZCheckDigit {
    /// The check digit of `field`, or `nil` for a character outside 0-9, A-Z and `<`.
    static func compute(_ field: String) -> Int? {
        let weights = [7, 3, 1]
        var sum = 0
        for (index, byte) in field.utf8.enumerated() {
            let value: Int
            switch byte {
            case 0x30...0x39: value = Int(byte - 0x30)
            case 0x41...0x5A: value = Int(byte - 0x41) + 10
            case 0x3C: value = 0
            default: return nil
            }
            sum = (sum + value * weights[index % 3]) % 10
        }
        return sum
    }
}
