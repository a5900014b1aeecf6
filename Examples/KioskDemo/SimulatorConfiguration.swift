/// The configuration KioskDemo uses without a file: one simulator per family. The payment
/// simulator is the real ZVT session talking to a simulated terminal in memory, the printer
/// simulator the real job/status code talking to the real ESC/POS interpreter.
enum SimulatorConfiguration {
    /// The YAML text, in the format of `/etc/buergerhal/bhal.yaml`.
    static let yaml = """
        devices:
          reader:
            family: smartcard
            backend: simulator
          receipt:
            family: printer
            backend: simulator
            profile: epson-tm-t20
          payment:
            family: payment
            backend: simulator
            uri: "sim:"
          signature-pad:
            family: signaturepad
            backend: simulator
        """
}
