import DeviceCore
import ReceiptPrinter

/// The `profile` of a printer entry: checked against the built-in profiles, and the status dialect
/// it gives the TCP and USB backends.
enum PrinterProfileSetting {
    /// The ids a `profile` may name, comma-separated.
    static var knownIDs: String { PrinterProfile.builtIn.map(\.id).joined(separator: ", ") }

    /// The entry's profile: the named built-in one, or the default when none is named.
    static func profile(_ config: DeviceConfiguration) throws(ConfigurationError) -> PrinterProfile {
        guard let id = config.profile else { return .default }
        guard let profile = PrinterProfile.named(id) else {
            throw ConfigurationError(location: config.source, key: "devices.\(config.logicalName).profile",
                                     message: "unknown printer profile \"\(id)\"; use one of: \(knownIDs)")
        }
        return profile
    }

    /// How the entry's printer is asked for status: Star ASB for Star Line Mode profiles, else DLE EOT.
    static func statusDialect(_ config: DeviceConfiguration) throws(ConfigurationError) -> PrinterStatusDialect {
        PrinterStatusDialect(profile: try profile(config))
    }
}
