// swift-tools-version: 6.1
import PackageDescription

/// Layers as targets, each importing only those below it (README, "Layout"):
///
///     C modules      CCSV  CGSL  CGLPK  CLinux  CXLSX  CMinizip
///     wrappers       CSVKit (libcsv, system calls, iconv, SHA-256 by swift-crypto)
///                    GSLKit (GSL)   GLPKKit (GLPK)
///                    ZipKit (minizip)   XLSXKit (libxlsxwriter; ZipKit to amend a chart)
///                    <- the only unsafe code
///     Values         corporate numbers, dates, amounts, errors, the number formatter (pure)
///     Rules          one rule set per input: CSV records to values, rejects
///     Statistics     panel, correction, index, survey, reproduction (pure; GSL through GSLKit)
///     Formats        every file the stages write and read: one typed writer and reader each
///     Stages         the glue: read, compute, write
///     StageCommands  the command line the stages share: option groups, typed arguments, help
///     cluster-*      thin executables: options, validate(), call Stages (import Stages and
///                    StageCommands only; the one list of them is `commands` below)
/// The library targets, lowest first.
let libraries: [Target.Dependency] = [
    "Values", "CSVKit", "GSLKit", "GLPKKit", "ZipKit", "XLSXKit", "Rules", "Statistics", "Formats", "Stages",
]

/// The commands the product installs, one executable target each (Sources/NAME): the one list
/// of them (products, targets, the end-to-end tests' dependencies; install.sh and
/// check-install.sh ask `cluster-annual-run --commands` for it, which is `Commands.all`,
/// checked against this list by the end-to-end tests).
let commands = [
    "cluster-ingest", "cluster-panel", "cluster-correct", "cluster-index", "cluster-tabulate", "cluster-compare",
    "cluster-report", "cluster-package", "cluster-publish", "cluster-explain", "cluster-annual-run",
]

let package = Package(
    name: "ClusterMonitor",
    products: commands.map { .executable(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 of every input and output (BoringSSL's, with the CPU's SHA instructions).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The annual run starts the stages as processes (its Foundation trait off).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
    ],
    targets: [
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // The Linux system calls Glibc's module does not show (renameat2).
        .systemLibrary(name: "CLinux"),
        // Linear programming for the disclosure audit (SPEC 11): GLPK has no pkg-config file.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(name: "CXLSX", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // minizip (libxlsxwriter's own zip writer): tables.xlsx's one amended part, the Survey 1
        // chart's custom error bars, which libxlsxwriter has no call for.
        .systemLibrary(name: "CMinizip", pkgConfig: "minizip", providers: [.apt(["libminizip-dev"])]),
        // Values and CSVKit hold what every record's every field calls (the parsers, the record's
        // field ranges): cross-module optimisation lets Rules inline them. Measured on the
        // national statements (1.4 M enterprises, participants filter, 11 alternating runs):
        // without it ingest took 14 % longer than the single-module library did; with it and
        // the statement path's look-ups @inlinable (IDSet, IndustryTable, the field parsers),
        // median 1.37 s against 1.42 s, the same within the machine's noise.
        // Exclusivity checks are off in CSVKit's release build only (the tests' debug build keeps
        // them, so that a real overlap would trap there): the writer's buffer (a class property) and
        // the parser's arena are touched for every field, each touch a dynamic check. Measured on
        // the survey preset (1 M respondents, ingest of the folder, 3 runs each): 5.5 s with the
        // checks, 4.2 s without; on the statements path 2 % (their output is small). Both are
        // single-owner by construction (one writer per file, one parser per chunk and thread).
        .target(name: "Values", swiftSettings: [.unsafeFlags(["-cross-module-optimization"])]),
        .target(
            name: "CSVKit",
            dependencies: ["CCSV", "CLinux", "Values", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [
                .unsafeFlags(["-cross-module-optimization"]),
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]),
        .target(name: "GSLKit", dependencies: ["CGSL", "Values"]),
        .target(name: "ZipKit", dependencies: ["CMinizip", "Values"]),
        .target(name: "XLSXKit", dependencies: ["CXLSX", "ZipKit", "Values"]),
        .target(name: "GLPKKit", dependencies: ["CGLPK", "Values"]),
        // Rules likewise: each chunk's consumer (a class whose arrays grow by every record) is
        // touched by one thread at a time, the reader handing it over (measured on the survey
        // preset: the dynamic checks were 7 % of ingest's samples).
        .target(
            name: "Rules", dependencies: ["CSVKit", "Values"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "Statistics", dependencies: ["GSLKit", "GLPKKit", "Values"]),
        // Formats holds the pipeline's version; the plugin adds the source commit to it.
        .target(
            name: "Formats", dependencies: ["Statistics", "Rules", "CSVKit", "XLSXKit", "Values"],
            plugins: ["SourceCommit"]),
        // Build tooling, not the product: records the checkout's commit for `--version`.
        .plugin(name: "SourceCommit", capability: .buildTool(), path: "Sources/SourceCommit"),
        // The annual run (AnnualRun) starts the other stages with swift-subprocess.
        .target(
            name: "Stages",
            dependencies: [
                "Formats", "Statistics", "Rules", "GSLKit", "CSVKit", "Values",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        // The command-line layer the executables share (option groups, typed arguments, help).
        .target(
            name: "StageCommands",
            dependencies: libraries + [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ] + commands.map(command) + [
        // The synthetic FY2005 data set (Pipelines/make-fy2005.sh): not a stage of the product.
        .target(name: "Synthesis", dependencies: ["CSVKit", "GSLKit", "Values"]),
        .executableTarget(
            name: "cluster-synthesize",
            dependencies: [
                "Synthesis", "Stages", "Formats", "Rules", "CSVKit", "Values",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // One folder per library target. CSVKit/Fixtures: input files the tests read by path
        // (fuzzing findings replayed).
        .testTarget(
            name: "ClusterMonitorTests", dependencies: libraries + ["Synthesis"], exclude: ["CSVKit/Fixtures"]),
        // End-to-end cases (Tests/Cases): runs the built stage executables; depending on them
        // makes `swift test` build them first.
        .testTarget(
            name: "ClusterMonitorEndToEndTests", dependencies: commands.map { .target(name: $0) },
            path: "Tests/ClusterMonitorEndToEndTests"),
    ]
)

/// A command: a thin executable over the Stages target, with StageCommands' command line.
@MainActor func command(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["Stages", "StageCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")])
}

/// The libFuzzer targets of Tests/Fuzz (one folder each): built only by Pipelines/fuzz.sh, which
/// sets CLUSTER_FUZZ=1 and builds with libFuzzer's instrumentation, with AddressSanitizer or
/// without (`SANITIZE=none`), in its own scratch folder (libFuzzer supplies `main`). Not
/// products, not built by `swift build`.
if Context.environment["CLUSTER_FUZZ"] == "1" {
    for name in ["reader", "fields", "cp932", "runconf"] {
        package.products.append(.executable(name: "fuzz-\(name)", targets: ["fuzz-\(name)"]))
        package.targets.append(
            .executableTarget(
                name: "fuzz-\(name)", dependencies: ["CCSV", "CSVKit", "Rules", "Values"], path: "Tests/Fuzz/\(name)"))
    }
}
