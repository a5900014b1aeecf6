// Fuzz target: the YAML configuration (`/etc/buergerhal/bhal.yaml`) — `ConfigurationLoader.parse`:
// the alias-key pre-check, Yams/libyaml, the schema and every URI and profile parser behind it.
//
// Invariants: never traps; an error's line and column lie within the text (line 1 to one past the
// last line) and name the file given.
import FuzzSupport
import TerminalRuntime

let loader = ConfigurationLoader()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    do throws(ConfigurationError) {
        let configuration = try loader.parse(text, file: "fuzz.yaml")
        _ = configuration
    } catch {
        invariant(!error.message.isEmpty, "a configuration error without a message")
        if let location = error.location {
            // YAML breaks lines at LF, CR and CRLF (and NEL, LS, PS): count every Swift newline.
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            invariant(location.line >= 1 && location.line <= lines + 1, "error line \(location.line) outside \(lines) lines")
            invariant(location.column >= 1, "error column \(location.column)")
            invariant(location.file == "fuzz.yaml", "error names file \(String(describing: location.file))")
        }
    }
    return 0
}
