public import ReceiptPrinter

extension DeviceRegistry {
    /// The print service of the receipt printer named `name`: its handle, its spool
    /// (``receiptSpool(_:)``: one per normalised endpoint) and the profile of its configuration
    /// entry (default `epson-tm-t20`). Prints through it follow `bhal print`'s rules: a job a fault
    /// stopped is spooled, one that may have printed is never sent again. The registry keeps
    /// owning the printer (open and close it there); each call returns a new service over it.
    public nonisolated func receiptPrintService(_ name: String) throws(DeviceRegistryError) -> ReceiptPrintService {
        let printer = try receiptPrinter(name)
        let spool = try receiptSpool(name)
        let profileID = configurations.first { $0.logicalName == name }?.profile
        let profile = profileID.flatMap(PrinterProfile.named) ?? .default
        return ReceiptPrintService(printer: printer, spool: spool, profile: profile)
    }
}
