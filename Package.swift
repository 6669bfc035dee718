// swift-tools-version: 6.1
import PackageDescription

/// One library holds every rule; each stage is a thin executable over it; each C library sits
/// behind one system-library module and one Swift wrapper in the library.
let package = Package(
    name: "ClusterMonitor",
    products: [
        .library(name: "ClusterMonitor", targets: ["ClusterMonitor"]),
        .executable(name: "cluster-ingest", targets: ["cluster-ingest"]),
        .executable(name: "cluster-panel", targets: ["cluster-panel"]),
        .executable(name: "cluster-correct", targets: ["cluster-correct"]),
        .executable(name: "cluster-index", targets: ["cluster-index"]),
        .executable(name: "cluster-tabulate", targets: ["cluster-tabulate"]),
        .executable(name: "cluster-compare", targets: ["cluster-compare"]),
        .executable(name: "cluster-report", targets: ["cluster-report"]),
        .executable(name: "cluster-package", targets: ["cluster-package"]),
        .executable(name: "cluster-publish", targets: ["cluster-publish"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // The Linux system calls Glibc's module does not show (renameat2).
        .systemLibrary(name: "CSystem"),
        .target(
            name: "ClusterMonitor", dependencies: ["CCSV", "CGSL", "CSystem"],
            // The hot paths are single-owner by construction; dynamic exclusivity checks cost
            // a quarter of ingest time (measured with callgrind) and catch nothing here.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        stage("cluster-ingest"),
        stage("cluster-panel"),
        stage("cluster-correct"),
        stage("cluster-index"),
        stage("cluster-tabulate"),
        stage("cluster-compare"),
        stage("cluster-report"),
        stage("cluster-package"),
        stage("cluster-publish"),
        // The synthetic FY2005 data set (Pipelines/make-fy2005.sh): not a stage of the product.
        .target(name: "Synthesis", dependencies: ["ClusterMonitor"]),
        .executableTarget(
            name: "cluster-synthesize",
            dependencies: [
                "Synthesis", "ClusterMonitor", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // CSV/Fixtures: input files the tests read by path (fuzzing findings replayed).
        .testTarget(name: "ClusterMonitorTests", dependencies: ["ClusterMonitor"], exclude: ["CSV/Fixtures"]),
        // End-to-end cases (Tests/Cases): runs the built stage executables; depending on them
        // makes `swift test` build them first.
        .testTarget(
            name: "ClusterMonitorEndToEndTests", dependencies: stages,
            path: "Tests/ClusterMonitorEndToEndTests"),
    ]
)

/// The stage executables (the end-to-end tests depend on all of them).
var stages: [Target.Dependency] {
    [
        "cluster-ingest", "cluster-panel", "cluster-correct", "cluster-index", "cluster-tabulate", "cluster-compare",
        "cluster-report", "cluster-package", "cluster-publish",
    ]
}

/// A stage: a thin executable over the library.
func stage(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["ClusterMonitor", .product(name: "ArgumentParser", package: "swift-argument-parser")])
}
