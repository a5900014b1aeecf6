import Yams

/// Finds a YAML alias that is a mapping key, or part of one, before Yams composes the document.
///
/// Yams checks every mapping for duplicate keys by hashing its keys, and an alias key is hashed
/// through everything it expands to: about ten levels of nested aliases (500 bytes) take minutes.
/// An alias used as a value costs nothing (Yams shares the node), so only keys are refused.
///
/// The check composes a copy of the text in which every `*` is replaced by U+E000. The copy has
/// no aliases, so composing it takes linear time, and its nodes keep the lines and columns of the
/// original (one character for one). No YAML token other than an alias starts with `*`, so a
/// plain scalar of the copy that starts where the original has a `*` is an alias of the original.
enum YAMLAliasKeyCheck {
    /// An alias in a key: where it is (libyaml's 1-based line and column) and its anchor name.
    struct Finding: Equatable {
        /// 1-based line.
        var line: Int
        /// 1-based column, counted in Unicode scalars as libyaml counts.
        var column: Int
        /// The anchor the alias names (without the `*`).
        var name: String
    }

    /// The stand-in for `*` in the copy: a private-use character that may start a plain scalar.
    private static let standIn: Unicode.Scalar = "\u{E000}"

    /// The first alias used in a mapping key, in document order, or `nil`. Throws the YAML error of
    /// the copy when it is not valid YAML (its syntax errors are those of the original).
    static func firstAliasInKey(of text: String) throws(YamlError) -> Finding? {
        var copy = String.UnicodeScalarView()
        var stars = Set<Position>()
        var position = Position(line: 1, column: 1)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "*" {
                stars.insert(position)
                copy.append(standIn)
            } else {
                copy.append(scalar)
            }
            // libyaml's line breaks: LF, CR, CR LF (one break), NEL, LS and PS.
            switch scalar {
            case "\n":
                if !previousWasCR { position.line += 1 }
                position.column = 1
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                position.line += 1
                position.column = 1
            default:
                position.column += 1
            }
            previousWasCR = scalar == "\r"
        }
        guard !stars.isEmpty else { return nil }
        let root: Node?
        do {
            root = try Yams.compose(yaml: String(copy))
        } catch let error as YamlError {
            if case let .duplicatedKeysInMapping(duplicates, context) = error {
                throw .duplicatedKeysInMapping(duplicates: duplicates.map(original), context: context)
            }
            throw error
        } catch {
            return nil  // Yams throws only YamlError; the real compose reports anything else.
        }
        guard let root else { return nil }
        return search(root, inKey: false, stars: stars)
    }

    private struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// Depth-first in document order; the copy has no aliases, so every node is visited once.
    /// libyaml limits nesting to 1000 levels, which bounds the recursion.
    private static func search(_ node: Node, inKey: Bool, stars: Set<Position>) -> Finding? {
        switch node {
        case .scalar(let scalar):
            guard inKey, scalar.style == .plain, scalar.string.unicodeScalars.first == standIn,
                  let mark = scalar.mark, stars.contains(Position(line: mark.line, column: mark.column))
            else { return nil }
            let name = scalar.string.unicodeScalars.dropFirst().prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
            return Finding(line: mark.line, column: mark.column, name: String(String.UnicodeScalarView(name)))
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = search(key, inKey: true, stars: stars) ?? search(value, inKey: inKey, stars: stars) { return found }
            }
            return nil
        case .sequence(let sequence):
            for element in sequence {
                if let found = search(element, inKey: inKey, stars: stars) { return found }
            }
            return nil
        case .alias:
            return nil  // Yams's composer resolves aliases; it never returns alias nodes.
        }
    }

    /// A key of the copy as the original spells it.
    private static func original(_ key: String) -> String {
        String(String.UnicodeScalarView(key.unicodeScalars.map { $0 == standIn ? "*" : $0 }))
    }
}
