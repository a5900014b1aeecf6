/// A receipt that cannot be read or cannot be printed on the chosen printer: where, what, and
/// what to do about it.
///
/// Decoding external input (the receipt JSON, image data) and encoding for a profile never trap:
/// they throw this error.
public struct ReceiptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the receipt: a JSON coding path such as `elements[3].data`, or `""` for the whole
    /// document.
    public var path: String
    /// One sentence: what is wrong.
    public var message: String
    /// One sentence: what to do.
    public var remedy: String

    /// Creates an error.
    public init(path: String = "", message: String, remedy: String) {
        self.path = path
        self.message = message
        self.remedy = remedy
    }

    /// `path: message. remedy` (the path is left out for whole-document errors).
    public var description: String {
        (path.isEmpty ? "" : "\(path): ") + "\(message). \(remedy)"
    }

    /// The same error inside `prefix`: a value's own check (path `data`) failing in element 3
    /// becomes `elements[3].data`.
    func within(_ prefix: String) -> ReceiptError {
        let joined = prefix.isEmpty ? path : path.isEmpty ? prefix : path.hasPrefix("[") ? prefix + path : prefix + "." + path
        return ReceiptError(path: joined, message: message, remedy: remedy)
    }
}
