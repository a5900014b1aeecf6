/// Any string key: used to list and reject unknown keys.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Formats coding paths as `elements[3].data`.
enum CodingPathFormatter {
    /// The path of `codingPath`, with `key` appended when given.
    static func string(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
        var result = ""
        for component in codingPath + (key.map { [$0] } ?? []) {
            if let index = component.intValue {
                result += "[\(index)]"
            } else {
                result += (result.isEmpty ? "" : ".") + component.stringValue
            }
        }
        return result
    }
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// Throws for the first key that is not in `allowed`, so a typo (`"bodl": true`) is an error
    /// instead of being ignored.
    func rejectUnknownKeys(_ allowed: [String], in what: String) throws(ReceiptError) {
        for key in allKeys where !allowed.contains(key.stringValue) {
            throw ReceiptError(path: CodingPathFormatter.string(codingPath, key), message: "unknown key \"\(key.stringValue)\" in \(what)",
                               remedy: "Allowed keys are \(allowed.joined(separator: ", ")); see docs/receipt-format.md.")
        }
    }

    /// A required value.
    func required<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
        try decode(T.self, forKey: AnyCodingKey(key))
    }

    /// An optional value (`null` counts as missing).
    func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        try decodeIfPresent(T.self, forKey: AnyCodingKey(key))
    }

    /// An optional string-valued enum, with an error that lists the allowed values.
    func optionalEnum<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: String) throws -> T?
    where T.RawValue == String {
        guard let raw = try decodeIfPresent(String.self, forKey: AnyCodingKey(key)) else { return nil }
        if let value = T(rawValue: raw) { return value }
        throw ReceiptError(path: CodingPathFormatter.string(codingPath, AnyCodingKey(key)), message: "\"\(raw)\" is not a valid \(key)",
                           remedy: "Use one of " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + ".")
    }

    /// Runs a model initialiser and places its errors (paths relative to the element) under this
    /// container's path.
    func checked<T>(_ make: () throws(ReceiptError) -> T) throws(ReceiptError) -> T {
        do {
            return try make()
        } catch {
            throw error.within(CodingPathFormatter.string(codingPath))
        }
    }
}
