import ArgumentParser
import TerminalRuntime

/// `bhal udev-rules`: prints the udev rules for supported USB devices, generated from the drivers' ID tables.
struct UdevRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev-rules",
        abstract: "Print the udev rules giving group sigpad access to signature pads and group lp to USB receipt printers.",
        discussion: "Install: bhal udev-rules > /etc/udev/rules.d/70-buergerhal.rules && udevadm control --reload && udevadm trigger")

    func run() {
        print(UdevRules.render(), terminator: "")
    }
}
