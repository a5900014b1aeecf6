// swift-tools-version:6.1
// BuergerHAL: the hardware layer for Bürgerterminal kiosks and Bürgerkoffer kits.
// Module map and dependency direction: docs/ARCHITECTURE.md.
import PackageDescription

/// Strict settings shared by every Swift target of the project.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "BuergerHAL",
    products: [
        .executable(name: "bhal", targets: ["bhal"]),
        .library(name: "DeviceCore", targets: ["DeviceCore"]),
        .library(name: "SmartCard", targets: ["SmartCard", "SmartCardPCSC"]),
        .library(name: "EID", targets: ["EID"]),
        .library(name: "ReceiptPrinter", targets: ["ReceiptPrinter", "ReceiptPrinterCUPS", "ReceiptPrinterUSB"]),
        .library(name: "PaymentTerminal", targets: ["PaymentTerminal", "PaymentJournalSQLite"]),
        .library(name: "SignaturePad", targets: ["SignaturePad", "SignaturePadUSB"]),
        .library(name: "TerminalRuntime", targets: ["TerminalRuntime"]),
        .library(name: "Gateway", targets: ["Gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The local gateway `bhal serve` (module Gateway): HTTP, WebSocket, signal handling.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Already under Hummingbird; named so Gateway can import the modules it uses (MemberImportVisibility).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Tests only: the OpenAPI document of the gateway and a real HTTP client.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // C shims: one system-library target per C library, module map + shim.h only.
        .systemLibrary(
            name: "CPCSCLite", pkgConfig: "libpcsclite",
            providers: [.apt(["libpcsclite-dev"])]),
        .systemLibrary(
            name: "CLibUSB", pkgConfig: "libusb-1.0",
            providers: [.apt(["libusb-1.0-0-dev"])]),
        .systemLibrary(
            name: "CCUPS",  // Debian ships no cups.pc: the module map links "cups" itself.
            providers: [.apt(["libcups2-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        // Device model: protocols and value types, no C, no third-party code.
        .target(name: "DeviceCore", swiftSettings: strict),
        // The one OS layer: sockets (TCP connect/listen, IPv4 and IPv6) and serial lines over Glibc,
        // with typed errno (SystemCallError); Syscalls.swift is the only file calling that C API.
        // DeviceCore only for the one Duration → milliseconds conversion.
        .target(name: "SystemIO", dependencies: ["DeviceCore"], swiftSettings: strict),
        // The one libusb layer: context, lookup, opened handle with the kernel-driver policy,
        // bulk/control/interrupt transfers. Only its USBContext and USBDeviceHandle call libusb.
        .target(name: "USBHost", dependencies: ["DeviceCore", "CLibUSB"], swiftSettings: strict),

        // Device families: protocol, pure codecs, simulators and transports that need only the OS
        // (sockets, termios); backends on a C library live in siblings <Family><Library>.
        .target(name: "SmartCard", dependencies: ["DeviceCore", "SystemIO"], swiftSettings: strict),
        // eID and ePassport protocols (SecurityInfos, PACE, secure messaging) on libcrypto.
        .target(name: "EID", dependencies: ["SmartCard", "DeviceCore", "COpenSSL"], swiftSettings: strict),
        .target(name: "SmartCardPCSC", dependencies: ["SmartCard", "DeviceCore", "CPCSCLite"], swiftSettings: strict),
        .target(name: "ReceiptPrinter", dependencies: ["DeviceCore", "SystemIO"], swiftSettings: strict),
        .target(name: "ReceiptPrinterCUPS", dependencies: ["ReceiptPrinter", "DeviceCore", "CCUPS"], swiftSettings: strict),
        .target(name: "ReceiptPrinterUSB", dependencies: ["ReceiptPrinter", "DeviceCore", "USBHost"], swiftSettings: strict),
        .target(name: "PaymentTerminal", dependencies: ["DeviceCore", "SystemIO"], swiftSettings: strict),
        // Durable payment journal: SQLite through GRDB (the only module that imports GRDB).
        .target(
            name: "PaymentJournalSQLite",
            dependencies: ["PaymentTerminal", "DeviceCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(name: "SignaturePad", dependencies: ["DeviceCore"], swiftSettings: strict),
        .target(name: "SignaturePadUSB", dependencies: ["SignaturePad", "DeviceCore", "USBHost"], swiftSettings: strict),

        // Runtime: configuration, registry, health and self-test. Sees Swift APIs only.
        .target(
            name: "TerminalRuntime",
            dependencies: [
                "DeviceCore", "SmartCard", "SmartCardPCSC", "ReceiptPrinter", "ReceiptPrinterCUPS", "ReceiptPrinterUSB",
                "PaymentTerminal", "PaymentJournalSQLite", "SignaturePad", "SignaturePadUSB",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // Local gateway for kiosk web front-ends: the JSON API and event WebSocket of `bhal serve`
        // on loopback, on the runtime's registry and payment path. Only module that imports Hummingbird.
        .target(
            name: "Gateway",
            dependencies: [
                "TerminalRuntime", "DeviceCore", "PaymentTerminal",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),

        .executableTarget(
            name: "bhal",
            dependencies: [
                "TerminalRuntime", "Gateway", "DeviceCore", "SignaturePad", "ReceiptPrinter", "PaymentTerminal", "PaymentJournalSQLite",
                "SmartCard", "SmartCardPCSC", "EID", "SystemIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // The example application: a kiosk visit through the library only (README "Using the library").
        .executableTarget(
            name: "KioskDemo", dependencies: ["TerminalRuntime", "DeviceCore", "PaymentTerminal", "ReceiptPrinter", "SmartCard", "SignaturePad"],
            path: "Examples/KioskDemo", swiftSettings: strict),

        // Tests. TestSupport holds the harness facts the test targets share.
        .target(name: "TestSupport", dependencies: ["SystemIO"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "DeviceCoreTests",
            dependencies: ["DeviceCore", .product(name: "Clocks", package: "swift-clocks")],
            swiftSettings: strict),
        // Real loopback sockets and socat ptys; no services.
        .testTarget(name: "SystemIOTests", dependencies: ["SystemIO", "TestSupport"], swiftSettings: strict),
        // SmartCardTests also run `bhal card …` against pcscd, inside the same serialized suite.
        .testTarget(name: "SmartCardTests", dependencies: ["SmartCard", "SmartCardPCSC", "DeviceCore", "TestSupport", "bhal"], swiftSettings: strict),
        // EIDTests also run `bhal eid … --simulate` (the pcscd + vpcd one sits in PCSCIntegrationTests).
        .testTarget(name: "EIDTests", dependencies: ["EID", "SmartCard", "DeviceCore", "TestSupport", "bhal"], swiftSettings: strict),
        .testTarget(
            name: "ReceiptPrinterTests",
            dependencies: ["ReceiptPrinter", "ReceiptPrinterCUPS", "ReceiptPrinterUSB", "DeviceCore", "SystemIO", "USBHost", "TestSupport", "bhal"],
            swiftSettings: strict),
        // The session tests journal into real SQLite files, as users' sessions do.
        .testTarget(
            name: "PaymentTerminalTests",
            dependencies: ["PaymentTerminal", "PaymentJournalSQLite", "DeviceCore", "SystemIO", "TestSupport", .product(name: "Clocks", package: "swift-clocks")],
            swiftSettings: strict),
        // GRDB here only to forge journals of earlier schema versions for the migration tests.
        .testTarget(
            name: "PaymentJournalSQLiteTests",
            dependencies: ["PaymentJournalSQLite", "PaymentTerminal", "DeviceCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "SignaturePadTests",
            dependencies: ["SignaturePad", "SignaturePadUSB", "DeviceCore", "TestSupport", .product(name: "Clocks", package: "swift-clocks")],
            swiftSettings: strict),
        // TerminalRuntimeTests run `bhal simulate payment` for the payments an application takes
        // through the registry; depending on the executable makes `swift test` build it.
        .testTarget(
            name: "TerminalRuntimeTests",
            dependencies: ["TerminalRuntime", "DeviceCore", "PaymentTerminal", "PaymentJournalSQLite", "SmartCard", "ReceiptPrinter",
                           "ReceiptPrinterUSB", "SignaturePad", "TestSupport", "bhal", .product(name: "Clocks", package: "swift-clocks"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        // The gateway over real loopback sockets, validated against docs/gateway-openapi.yaml.
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "TerminalRuntime", "DeviceCore", "PaymentTerminal", "PaymentJournalSQLite", "TestSupport", "bhal",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Runs the built `bhal` and `KioskDemo` binaries; depending on the executables makes `swift test` build them.
        .testTarget(name: "BhalCLITests", dependencies: ["bhal", "KioskDemo", "TestSupport", "SystemIO"], swiftSettings: strict),
        // The secrets sweep: the detector's own tests, and the sweep of the suite's output that
        // scripts/test.sh runs after the suite (skipped when no output directories are named).
        .testTarget(name: "SecretsSweepTests", dependencies: ["DeviceCore"], swiftSettings: strict),
        // Compile-only canary: fails to build if a C type leaks into a public signature.
        .testTarget(
            name: "CBoundaryCanary",
            dependencies: ["SmartCardPCSC", "ReceiptPrinterCUPS", "ReceiptPrinterUSB", "SignaturePadUSB", "TerminalRuntime", "EID", "SystemIO", "USBHost", "Gateway"],
            swiftSettings: strict),
        // Links every C shim and calls one function of each: catches a broken module map early.
        .testTarget(
            name: "CShimLinkTests",
            dependencies: ["CPCSCLite", "CLibUSB", "CCUPS", "COpenSSL"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
