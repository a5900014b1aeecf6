// Fuzz target: a reader's CM_IOCTL_GET_FEATURE_REQUEST answer (PC/SC part 10 TLV list of
// feature tag, length 4, control code) — `PCSCFeatureList.parse`.
//
// Invariants: never traps; at most one feature per 6 input bytes; the classification of what it
// found never traps either.
import FuzzSupport
import SmartCardPCSC

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPCSCFeatureList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let features = PCSCFeatureList.parse(bytes)
    invariant(features.count <= bytes.count / 6, "\(features.count) features from \(bytes.count) bytes")
    let known = Set(features.keys.compactMap(PCSCFeatureList.Feature.init(rawValue:)))
    _ = ReaderCategory.classify(known)
    return 0
}
