// swift-tools-version:6.1
// Coverage-guided fuzz targets (libFuzzer) for every parser of outside data in BuergerHAL.
//
// A package of its own, so the root package's `swift build` neither builds these executables nor
// needs `-sanitize=fuzzer`. Build and run them with `scripts/fuzz.sh` (`make fuzz`, `make fuzz-ci`):
//   swift build --package-path Fuzz --build-path .build-fuzz -c release --sanitize=fuzzer --sanitize=address
// Each target is one file whose only entry point is `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import Foundation
import PackageDescription

/// The root package depends by path; SwiftPM names a path dependency after its directory, which
/// differs between checkouts (`main`, `wt-fuzz`, a CI workspace), so the identity is computed.
let rootDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let root = rootDirectory.lastPathComponent.lowercased()

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// One fuzz target: `Sources/<name>/<name>.swift` on FuzzSupport and the root products it parses with.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: root) },
        swiftSettings: strict)
}

let package = Package(
    name: "BuergerHALFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", swiftSettings: strict),
        fuzzTarget("FuzzZVTAPDUStream", ["PaymentTerminal"]),
        fuzzTarget("FuzzZVTMessage", ["PaymentTerminal"]),
        fuzzTarget("FuzzZVTBMP", ["PaymentTerminal"]),
        fuzzTarget("FuzzZVTTLV", ["PaymentTerminal"]),
        fuzzTarget("FuzzZVTSerial", ["PaymentTerminal"]),
        fuzzTarget("FuzzESCPOS", ["ReceiptPrinter"]),
        fuzzTarget("FuzzStarLine", ["ReceiptPrinter"]),
        fuzzTarget("FuzzPrinterStatus", ["ReceiptPrinter", "DeviceCore"]),
        fuzzTarget("FuzzReceiptJSON", ["ReceiptPrinter"]),
        fuzzTarget("FuzzISO7816APDU", ["SmartCard", "DeviceCore"]),
        fuzzTarget("FuzzBERTLV", ["SmartCard", "DeviceCore"]),
        fuzzTarget("FuzzVPCDCard", ["SmartCard"]),
        fuzzTarget("FuzzPCSCFeatureList", ["SmartCard"]),
        fuzzTarget("FuzzSTUReport", ["SignaturePad", "DeviceCore"]),
        fuzzTarget("FuzzConfiguration", ["TerminalRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
