public import SmartCard
internal import DeviceCore

/// The command APDUs of PACE (TR-03110-3 B.1, B.11), built without Le where German documents
/// reject one.
public enum PACECommands {
    /// MSE:Set AT for PACE: `00 22 C1 A4 Lc 80 <OID> 83 01 <ref> [84 01 <ID>] [7F4C CHAT]`, no Le.
    /// `parameterID` is sent when the card lists several PACEInfos; `chat` is the whole `7F4C` object.
    public static func setAuthenticationTemplate(protocolOID: ASN1OID, password: PACEPassword.Kind, parameterID: Int? = nil,
                                                 chat: [UInt8]? = nil) -> CommandAPDU {
        var data = BERTLVEncoding.object(tag: 0x80, value: protocolOID.bytes) + BERTLVEncoding.object(tag: 0x83, value: [password.rawValue])
        if let parameterID { data += BERTLVEncoding.object(tag: 0x84, value: [UInt8(truncatingIfNeeded: parameterID)]) }
        if let chat { data += chat }
        return CommandAPDU(ins: 0x22, p1: 0xC1, p2: 0xA4, data: data)
    }

    /// General Authenticate with dynamic authentication data `7C { objects }` and Le 00; CLA 10
    /// (command chaining) unless it is the `last` step.
    public static func generalAuthenticate(_ objects: [UInt8], last: Bool) -> CommandAPDU {
        CommandAPDU(cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0x00, p2: 0x00, data: BERTLVEncoding.object(tag: 0x7C, value: objects),
                    expectedLength: 256)
    }
}

/// The data objects inside `7C` of a General Authenticate response, read once with the offsets of
/// the response data; malformed bytes give ``PACEError/malformedResponse(_:offset:reason:)``.
struct DynamicAuthenticationData {
    /// Each object's tag and value, in order.
    let objects: [(tag: UInt32, value: [UInt8], offset: Int)]

    /// Parses `7C L { TLV… }` filling `data` exactly.
    init(_ data: [UInt8], step: PACEStep) throws(PACEError) {
        var reader = BERTLVReader(data)
        let outer: BERTLVReader.Header
        do throws(BERTLVError) { outer = try reader.readHeader() } catch { throw Self.malformed(error, step) }
        guard outer.tag == 0x7C else {
            throw .malformedResponse(step, offset: 0, reason: "tag \(Hex.string(BERTLVEncoding.tagBytes(outer.tag))) where 7C was expected")
        }
        guard reader.isAtEnd else { throw .malformedResponse(step, offset: reader.offset, reason: "bytes after the 7C object") }
        var inner: BERTLVReader
        do throws(BERTLVError) { inner = try reader.contents(of: outer) } catch { throw Self.malformed(error, step) }
        var objects: [(tag: UInt32, value: [UInt8], offset: Int)] = []
        while !inner.isAtEnd {
            let header: BERTLVReader.Header
            do throws(BERTLVError) { header = try inner.readHeader() } catch { throw Self.malformed(error, step) }
            objects.append((header.tag, inner.value(of: header), header.objectOffset))
        }
        self.objects = objects
    }

    private static func malformed(_ error: BERTLVError, _ step: PACEStep) -> PACEError {
        .malformedResponse(step, offset: error.offset, reason: error.reasonText)
    }

    /// The value of the required object `tag`, which must come first; `length` checks its size.
    func required(_ tag: UInt32, step: PACEStep, validLength: (Int) -> Bool = { $0 > 0 }) throws(PACEError) -> [UInt8] {
        guard let first = objects.first else { throw .malformedResponse(step, offset: 2, reason: "object \(Hex.string(BERTLVEncoding.tagBytes(tag))) is missing") }
        guard first.tag == tag else {
            throw .malformedResponse(step, offset: first.offset, reason: "tag \(Hex.string(BERTLVEncoding.tagBytes(first.tag))) where \(Hex.string(BERTLVEncoding.tagBytes(tag))) was expected")
        }
        guard validLength(first.value.count) else {
            throw .malformedResponse(step, offset: first.offset, reason: "\(first.value.count) value bytes in \(Hex.string(BERTLVEncoding.tagBytes(tag)))")
        }
        return first.value
    }

    /// The value of the optional object `tag`, anywhere after the first.
    func optional(_ tag: UInt32) -> [UInt8]? {
        objects.dropFirst().first { $0.tag == tag }?.value
    }
}
