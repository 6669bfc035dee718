// swift-tools-version: 6.1
import PackageDescription

/// One library holds every rule; each stage is a thin executable over it; each C library sits
/// behind one system-library module and one Swift wrapper in the library.
let package = Package(
    name: "ClusterMonitor",
    products: [
        .library(name: "ClusterMonitor", targets: ["ClusterMonitor"]),
        .executable(name: "cluster-ingest", targets: ["cluster-ingest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .target(
            name: "ClusterMonitor", dependencies: ["CCSV", "CGSL"],
            // The hot paths are single-owner by construction; dynamic exclusivity checks cost
            // a quarter of ingest time (measured with callgrind) and catch nothing here.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .executableTarget(
            name: "cluster-ingest",
            dependencies: [
                "ClusterMonitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "ClusterMonitorTests", dependencies: ["ClusterMonitor"]),
        // End-to-end cases (Tests/Cases): runs the built stage executables; depending on them
        // makes `swift test` build them first.
        .testTarget(
            name: "ClusterMonitorEndToEndTests", dependencies: ["cluster-ingest"],
            path: "Tests/ClusterMonitorEndToEndTests"),
    ]
)
