/// Removes card data from free text before it is stored or logged: defence in depth behind the
/// codec, which already masks what it decodes.
///
/// Rules, applied left to right in one pass:
/// - **Track 1** (`%B` + 12–19 digits + `^` …): everything up to the end sentinel `?` (or the end of
///   the line) becomes ``trackDataPlaceholder``.
/// - **Track 2** with start sentinel (`;` + 1–19 digits + `=` …) or without it (12–19 digits + `=`
///   or `D` + at least 4 digits, the ZVT/ISO 7813 notations): everything up to `?`, whitespace or
///   the end becomes ``trackDataPlaceholder``.
/// - **PAN**: a run of 13–19 digits, contiguous or in groups separated by one space or `-`
///   (`4111 1111 1111 1111`), that passes the Luhn check keeps its first 6 and last 4 digits; the
///   others become `*`. A contiguous run longer than 19 digits is masked the same way when any
///   12–19-digit window of it passes Luhn.
/// - **Short PAN** (12 digits, a Maestro length, `676100000006`): a Luhn-valid run of exactly 12
///   digits, contiguous or grouped 4-4-4 as on a card, keeps only its last 4 digits (as
///   ``ZVTPAN/masked`` does below 13 digits). Twelve digits made of other groups (hex bytes
///   `00 00 00 04 10 10`, a date and time) are not taken for a card number.
///
/// Limits: about one in ten arbitrary 13–19-digit numbers passes Luhn, so a long numeric id in a
/// text (a 15-digit VU number, say) is sometimes masked too; that loses a little text, never card
/// data. Hex text such as an AID can be partly masked for the same reason. Already-masked numbers
/// (`476173******0010`) are left alone.
public enum CardDataRedactor {
    /// What replaces track data.
    public static let trackDataPlaceholder = "[track data removed]"

    /// The text with PANs masked to first 6 / last 4 and track data removed.
    public static func redact(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isDigit) else { return text }
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let end = trackEnd(scalars, at: index) {
                output.append(contentsOf: trackDataPlaceholder.unicodeScalars)
                index = end
            } else if isDigit(scalars[index]) {
                let end = numberEnd(scalars, from: index)
                output.append(contentsOf: maskedNumber(Array(scalars[index..<end])))
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// Whether the text holds something ``redact(_:)`` would change.
    public static func containsCardData(_ text: String) -> Bool { redact(text) != text }

    /// Whether the digits (`0`–`9` only) pass the Luhn check.
    public static func passesLuhn(_ digits: some Collection<UInt8>) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let value = Int(digit)
            sum += position % 2 == 1 ? (value * 2 > 9 ? value * 2 - 9 : value * 2) : value
        }
        return sum % 10 == 0
    }

    // MARK: - Scanning

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// The index after the digits starting at `index`.
    private static func digitsEnd(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var end = index
        while end < scalars.count, isDigit(scalars[end]) { end += 1 }
        return end
    }

    /// The index after track data starting at `index`, or `nil` when none starts there.
    private static func trackEnd(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        let scalar = scalars[index]
        let startsNumber = index == 0 || !isDigit(scalars[index - 1])
        if scalar == "%", index + 1 < scalars.count, scalars[index + 1] == "B" || scalars[index + 1] == "b" {
            let digitsStart = index + 2
            let end = digitsEnd(scalars, from: digitsStart)
            guard (12...19).contains(end - digitsStart), end < scalars.count, scalars[end] == "^" else { return nil }
            return sentinelEnd(scalars, from: end, stopAtWhitespace: false)
        }
        if scalar == ";" {
            let end = digitsEnd(scalars, from: index + 1)
            guard (1...19).contains(end - index - 1), end < scalars.count, scalars[end] == "=" else { return nil }
            return sentinelEnd(scalars, from: end, stopAtWhitespace: true)
        }
        if isDigit(scalar), startsNumber {
            let end = digitsEnd(scalars, from: index)
            guard (12...19).contains(end - index), end < scalars.count, scalars[end] == "=" || scalars[end] == "D" else { return nil }
            guard digitsEnd(scalars, from: end + 1) - (end + 1) >= 4 else { return nil }
            return sentinelEnd(scalars, from: end, stopAtWhitespace: true)
        }
        return nil
    }

    /// The index after the end sentinel `?`, or of the first line break (or whitespace) or the end.
    private static func sentinelEnd(_ scalars: [Unicode.Scalar], from index: Int, stopAtWhitespace: Bool) -> Int {
        var end = index
        while end < scalars.count {
            let scalar = scalars[end]
            if scalar == "?" { return end + 1 }
            if scalar == "\n" || scalar == "\r" || (stopAtWhitespace && scalar.properties.isWhitespace) { return end }
            end += 1
        }
        return end
    }

    /// The index after a number: digits, possibly in groups joined by one space or `-`.
    private static func numberEnd(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var end = digitsEnd(scalars, from: index)
        while end + 1 < scalars.count, scalars[end] == " " || scalars[end] == "-", isDigit(scalars[end + 1]),
              trackEnd(scalars, at: end + 1) == nil {
            end = digitsEnd(scalars, from: end + 1)
        }
        return end
    }

    // MARK: - Masking

    /// The number (digits and separators) with card numbers masked.
    private static func maskedNumber(_ number: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let digitValues = number.filter(isDigit).map { UInt8($0.value - 0x30) }
        if (13...19).contains(digitValues.count), passesLuhn(digitValues) { return mask(number) }
        if digitValues.count == 12, isCardGrouping(number), passesLuhn(digitValues) { return mask(number) }
        // Not one card number as a whole: check each contiguous group on its own.
        var output: [Unicode.Scalar] = []
        var groupStart = 0
        for position in 0...number.count where position == number.count || !isDigit(number[position]) {
            let group = Array(number[groupStart..<position])
            output.append(contentsOf: groupLooksLikePAN(group) ? mask(group) : group)
            if position < number.count { output.append(number[position]) }
            groupStart = position + 1
        }
        return output
    }

    /// Whether 12 digits are written as a card would show them: contiguous or as 4-4-4 groups.
    private static func isCardGrouping(_ number: [Unicode.Scalar]) -> Bool {
        var groups: [Int] = [0]
        for scalar in number {
            if isDigit(scalar) { groups[groups.count - 1] += 1 } else { groups.append(0) }
        }
        return groups == [12] || groups == [4, 4, 4]
    }

    /// Whether a contiguous digit group is, or for longer groups contains, a Luhn-valid 12–19-digit run.
    private static func groupLooksLikePAN(_ group: [Unicode.Scalar]) -> Bool {
        let values = group.map { UInt8($0.value - 0x30) }
        if (12...19).contains(values.count) { return passesLuhn(values) }
        guard values.count > 19 else { return false }
        for length in 12...19 {
            for start in 0...(values.count - length) where passesLuhn(values[start..<(start + length)]) { return true }
        }
        return false
    }

    /// Keeps the first 6 (from 13 digits on) and last 4 digits; other digits become `*`, separators stay.
    private static func mask(_ number: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let digitCount = number.filter(isDigit).count
        let prefix = digitCount >= 13 ? 6 : 0
        var seen = 0
        return number.map { scalar in
            guard isDigit(scalar) else { return scalar }
            defer { seen += 1 }
            return seen < prefix || seen >= digitCount - 4 ? scalar : "*"
        }
    }
}
