/// Overwrites `bytes` with zeros before they are dropped (key material, nonces, passwords).
/// Swift may have copied the array before; this wipes the copy the caller holds.
func wipe(_ bytes: inout [UInt8]) {
    for index in bytes.indices { bytes[index] = 0 }
    bytes.removeAll()
}
