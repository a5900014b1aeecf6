/// Line layout for fixed-pitch receipt text: word wrap and label/amount rows.
///
/// Every character takes one column, which holds for the single-byte code pages the encoder uses.
/// The functions are generic so the encoder lays out encoded cells and callers can lay out strings.
public enum ReceiptLayout {
    /// `text` wrapped to `width` columns: breaks at spaces, splits words longer than a line, keeps
    /// leading spaces of the first line and drops spaces at a break.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap(Array(text), width: width, isSpace: { $0 == " " }).map { String($0) }
    }

    /// A label on the left and an amount flush right, `width` columns wide. A long label wraps in
    /// the space left of the amount, and the amount stands on the label's last line; an amount too
    /// wide to share a line gets a line of its own.
    public static func row(label: String, amount: String, width: Int) -> [String] {
        row(label: Array(label), amount: Array(amount), width: width, space: " ", isSpace: { $0 == " " }).map { String($0) }
    }

    /// The narrowest label column worth sharing a line with the amount.
    static func minimumLabelWidth(for width: Int) -> Int { min(8, max(1, width / 2)) }

    /// Generic word wrap; see ``wrap(_:width:)``.
    static func wrap<Cell>(_ cells: [Cell], width: Int, isSpace: (Cell) -> Bool) -> [[Cell]] {
        let width = max(1, width)
        var lines: [[Cell]] = []
        var current: [Cell] = []
        var index = 0
        func finishLine() {
            while let last = current.last, isSpace(last) { current.removeLast() }
            lines.append(current)
            current = []
        }
        while index < cells.count {
            // One token: a run of spaces or a run of non-spaces.
            let spaces = isSpace(cells[index])
            var end = index
            while end < cells.count, isSpace(cells[end]) == spaces { end += 1 }
            let token = cells[index..<end]
            index = end
            if spaces {
                if current.isEmpty && !lines.isEmpty { continue }  // no leading spaces after a break
                let room = width - current.count
                if token.count <= room { current += token } else { finishLine() }
                continue
            }
            if current.count + token.count <= width {
                current += token
                continue
            }
            if token.count <= width {
                finishLine()
                current += token
                continue
            }
            // A word longer than a line starts on a fresh line and is split into whole lines.
            if !current.isEmpty { finishLine() }
            var rest = token[...]
            while rest.count > width {
                lines.append(Array(rest.prefix(width)))
                rest = rest.dropFirst(width)
            }
            current += rest
        }
        if !current.isEmpty || lines.isEmpty { finishLine() }
        return lines
    }

    /// Generic label/amount row; see ``row(label:amount:width:)``.
    static func row<Cell>(label: [Cell], amount: [Cell], width: Int, space: Cell, isSpace: (Cell) -> Bool) -> [[Cell]] {
        let width = max(1, width)
        let labelWidth = width - amount.count - 1
        if labelWidth < minimumLabelWidth(for: width) {
            var lines = label.isEmpty ? [] : wrap(label, width: width, isSpace: isSpace)
            for amountLine in wrap(amount, width: width, isSpace: isSpace) {
                lines.append([Cell](repeating: space, count: width - amountLine.count) + amountLine)
            }
            return lines
        }
        var lines = wrap(label, width: labelWidth, isSpace: isSpace)
        let last = lines.removeLast()
        lines.append(last + [Cell](repeating: space, count: width - last.count - amount.count) + amount)
        return lines
    }
}
