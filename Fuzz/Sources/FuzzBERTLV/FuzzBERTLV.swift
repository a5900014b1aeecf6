// Fuzz target: BER-TLV from cards (FCP templates, EF.DIR, part 10 data) — `BERTLV.parseAll` and
// `BERTLV.parse(_:at:)` in SmartCard, and DeviceCore's `BERTLVReader` walked into every
// constructed object (the reader the eID/ASN.1 parsers build on).
//
// Invariants: never traps; error offsets lie within the input; headers lie within their parent;
// nesting stops at `maxDepth`; parsed objects encode (DER lengths) to bytes that parse to the
// same objects.
import DeviceCore
import FuzzSupport
import SmartCard

/// Walks every object under `reader`, descending into constructed ones; returns how many it saw.
func walk(_ reader: inout BERTLVReader, count: Int) -> Int {
    var seen = 0
    while true {
        reader.skip(padding: [0x00, 0xFF])
        guard !reader.isAtEnd else { return seen }
        let start = reader.offset
        do throws(BERTLVError) {
            let header = try reader.readHeader()
            seen += 1
            invariant(header.objectOffset == start && header.lengthOffset > start && header.valueOffset >= header.lengthOffset,
                      "header offsets \(header) out of order from \(start)")
            invariant(header.length >= 0 && header.valueOffset + header.length <= count, "value of \(header.length) bytes at \(header.valueOffset) beyond \(count)")
            invariant(reader.value(of: header).count == header.length, "value(of:) length differs from the header")
            if header.isConstructed {
                do throws(BERTLVError) {
                    var inner = try reader.contents(of: header)
                    seen += walk(&inner, count: count)
                } catch {
                    invariant(offsetInInput(error.offset, count: count), "nesting error offset \(error.offset) outside \(count) bytes")
                }
            }
        } catch {
            invariant(offsetInInput(error.offset, count: count), "reader error offset \(error.offset) outside \(count) bytes")
            invariant(error.objectOffset == start, "error object offset \(error.objectOffset), object began at \(start)")
            return seen
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBERTLV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)

    var reader = BERTLVReader(bytes, maxDepth: 8)
    _ = walk(&reader, count: bytes.count)

    do throws(ByteFormatError) {
        let objects = try BERTLV.parseAll(bytes)
        let encoded = objects.flatMap(\.encoded)
        invariant((try? BERTLV.parseAll(encoded)) == objects, "\(objects.count) BER-TLV objects do not round-trip")
        for object in objects where object.isConstructed {
            _ = try? object.children()
        }
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count), "parseAll error offset \(error.offset) outside \(bytes.count) bytes")
    }

    let start = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    do throws(ByteFormatError) {
        let (object, end) = try BERTLV.parse(bytes, at: start)
        invariant(end > start && end <= bytes.count, "object at \(start) ends at \(end) of \(bytes.count)")
        _ = object.description
    } catch {
        invariant(offsetInInput(error.offset, count: bytes.count), "parse error offset \(error.offset) outside \(bytes.count) bytes")
    }
    return 0
}
