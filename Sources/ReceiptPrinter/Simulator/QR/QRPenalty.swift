/// The mask penalty score of ISO/IEC 18004 §7.8.3: runs, 2×2 blocks, finder-like patterns and
/// dark/light balance. The mask with the lowest score is used.
enum QRPenalty {
    private static let run = 3, block = 3, finderLike = 40, balance = 10

    /// The penalty of a finished grid.
    static func score(_ matrix: QRMatrix) -> Int {
        let size = matrix.size
        var result = 0
        for horizontal in [true, false] {
            for line in 0..<size {
                var runDark = false
                var runLength = 0
                var history = [Int](repeating: 0, count: 7)
                for position in 0..<size {
                    let dark = horizontal ? matrix[position, line] : matrix[line, position]
                    if dark == runDark {
                        runLength += 1
                        if runLength == 5 { result += run } else if runLength > 5 { result += 1 }
                    } else {
                        addHistory(runLength, &history, size: size)
                        if !runDark { result += countFinderLike(history) * finderLike }
                        runDark = dark
                        runLength = 1
                    }
                }
                if runDark {
                    addHistory(runLength, &history, size: size)
                    runLength = 0
                }
                addHistory(runLength + size, &history, size: size)
                result += countFinderLike(history) * finderLike
            }
        }
        var dark = 0
        for y in 0..<size {
            for x in 0..<size {
                if matrix[x, y] { dark += 1 }
                if x < size - 1, y < size - 1 {
                    let colour = matrix[x, y]
                    if colour == matrix[x + 1, y], colour == matrix[x, y + 1], colour == matrix[x + 1, y + 1] { result += block }
                }
            }
        }
        let total = size * size
        let steps = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        return result + steps * balance
    }

    /// Pushes a run length; the first run of a line counts the light border as well.
    private static func addHistory(_ length: Int, _ history: inout [Int], size: Int) {
        let length = history[0] == 0 ? length + size : length
        history.removeLast()
        history.insert(length, at: 0)
    }

    /// Finder-like patterns (1:1:3:1:1 with 4 light modules on one side) ending at the newest run.
    private static func countFinderLike(_ history: [Int]) -> Int {
        let n = history[1]
        let core = n > 0 && history[2] == n && history[3] == n * 3 && history[4] == n && history[5] == n
        return (core && history[0] >= n * 4 && history[6] >= n ? 1 : 0) + (core && history[6] >= n * 4 && history[0] >= n ? 1 : 0)
    }
}
