import ArgumentParser
import SignaturePad

/// `bhal udev-rules`: prints the udev rule for supported devices, generated from the driver's ID table.
struct UdevRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev-rules",
        abstract: "Print the udev rule giving group sigpad access to supported signature pads.",
        discussion: "Install: bhal udev-rules > /etc/udev/rules.d/70-buergerhal.rules && udevadm control --reload && udevadm trigger")

    func run() {
        print(SignaturePadUdevRules.render(), terminator: "")
    }
}
