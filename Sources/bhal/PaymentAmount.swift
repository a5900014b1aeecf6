import ArgumentParser

/// Amounts on the command line: euros with an optional decimal comma or point and at most two
/// decimals (`12`, `12.5`, `12,50`). No currency sign, no thousands separators, no cents suffix:
/// one unambiguous form, so a typo can never charge a hundred times too much.
enum PaymentAmount {
    /// The largest amount ZVT can carry (6 BCD bytes), in cents.
    static let maximumCents = 999_999_999_999

    /// Cents for `text`, or `nil` when it is not a positive amount in the accepted form.
    static func cents(_ text: String) -> Int? {
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let euroText = parts.first, !euroText.isEmpty, euroText.count <= 10,
              euroText.allSatisfy(\.isASCII), euroText.allSatisfy(\.isNumber), let euros = Int(euroText) else { return nil }
        var cents = euros * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber),
                  let value = Int(fraction) else { return nil }
            cents += fraction.count == 1 ? value * 10 : value
        }
        guard cents > 0, cents <= maximumCents else { return nil }
        return cents
    }

    /// Parses an AMOUNT argument or fails with a usage error naming the accepted form.
    static func parse(_ text: String) throws -> Int {
        guard let cents = cents(text) else {
            throw ValidationError("AMOUNT \"\(text)\" is not an amount in euros such as 12.50 or 12,50 (greater than 0, at most two decimals)")
        }
        return cents
    }

    /// `1250` → `12.50`.
    static func format(_ cents: Int) -> String {
        let rest = cents % 100
        return "\(cents / 100).\(rest < 10 ? "0" : "")\(rest)"
    }
}
