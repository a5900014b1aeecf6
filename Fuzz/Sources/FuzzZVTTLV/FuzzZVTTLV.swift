// Fuzz target: ZVT TLV containers (BMP 06) — `ZVTTLV.decodeList(_:baseOffset:)`.
//
// Invariants: never traps (nesting is bounded); error offsets lie within the input, shifted by
// `baseOffset`; a decoded list encodes, and its encoding decodes to the same list.
import FuzzSupport
import PaymentTerminal

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZVTTLV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let base = 5
    let objects: [ZVTTLV]
    do throws(ZVTDecodingError) {
        objects = try ZVTTLV.decodeList(bytes, baseOffset: base)
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count, base: base), "error offset \(error.offset) outside base \(base) + \(bytes.count)")
        return 0
    }
    for object in objects {
        _ = object.bytes
        _ = object.children
    }
    do throws(ZVTEncodingError) {
        let encoded = try ZVTTLV.encodeList(objects)
        invariant((try? ZVTTLV.decodeList(encoded)) == objects, "\(objects.count) TLV objects do not round-trip")
    } catch {
        invariant(false, "decoded TLV objects do not encode: \(error)")
    }
    return 0
}
