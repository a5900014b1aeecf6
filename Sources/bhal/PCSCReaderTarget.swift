import DeviceCore
import SmartCard
import TerminalRuntime

/// The PC/SC reader a `bhal card` or `bhal bench card` command names with `--reader`, reached
/// through the runtime's registry like every configured device.
enum PCSCReaderTarget {
    /// The reader whose name starts with `prefix`, as a registry's typed handle (not yet opened).
    static func reader(prefix: String, logicalName: String = "reader") throws -> any CardReader {
        let entry = DeviceConfiguration(logicalName: logicalName, family: .smartCardReader, backend: "pcsc", uri: "pcsc:" + prefix,
                                        endpoint: .pcscReader(prefix: prefix))
        return try DeviceRegistry(configuration: TerminalConfiguration(devices: [entry])).cardReader(logicalName)
    }
}
