// swift-tools-version:6.0
import Foundation
import PackageDescription

// `make fuzz` builds with AUDIT_SITE_FUZZ=1: our modules are instrumented for libFuzzer and the
// address sanitizer, and the ReportFuzzer links libFuzzer's entry point. Ordinary builds get nothing.
let fuzzing = ProcessInfo.processInfo.environment["AUDIT_SITE_FUZZ"] == "1"
let instrumented: [SwiftSetting] = fuzzing
    ? [.unsafeFlags(["-sanitize=address", "-sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table"])] : []

// Dependencies point one way:
//   AuditSite (CLI) → Preview → SiteBuilder → Renderer → Templates
//                                    ↘ Portal → Extraction → Markdown → CCmarkGFM
//   TextRepair and Diagnostics are leaves every layer may use.
// Only `Markdown` imports the C module.
// The default theme (`DefaultTheme`) and the vocabulary (in `Extraction`) are compiled into the binary
// by the EmbedFilesPlugin, so `audit-site` is one file that works from any folder.
let package = Package(
    name: "audit-site",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "audit-site", targets: ["AuditSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .executableTarget(name: "EmbedFiles"),
        .plugin(name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["EmbedFiles"]),
        .target(name: "DefaultTheme", plugins: ["EmbedFilesPlugin"]),
        .target(name: "Diagnostics", swiftSettings: instrumented),
        // The atomic exchange of two folders (renameat2), which Swift's Glibc module does not expose.
        .target(name: "CFileSystem"),
        // YAML read within bounds (alias bombs, depth, size): every YAML a user writes goes through it.
        .target(name: "SafeYAML", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: instrumented),
        .target(name: "TextRepair", swiftSettings: instrumented),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"], swiftSettings: instrumented),
        .target(
            name: "Extraction",
            dependencies: ["Markdown", "Diagnostics", "SafeYAML", .product(name: "Yams", package: "Yams")],
            exclude: ["Resources"],
            swiftSettings: instrumented,
            plugins: ["EmbedFilesPlugin"]
        ),
        .target(name: "Portal", dependencies: ["Extraction", "Diagnostics"], swiftSettings: instrumented),
        .target(
            name: "Templates",
            dependencies: ["Diagnostics", "SafeYAML", .product(name: "Mustache", package: "swift-mustache"), .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Renderer", dependencies: ["Templates", "Portal", "Extraction", "Markdown", "Diagnostics"],
                swiftSettings: instrumented),
        .target(
            name: "SiteBuilder",
            dependencies: ["Renderer", "Portal", "Extraction", "Markdown", "TextRepair", "Diagnostics", "Templates", "DefaultTheme", "SafeYAML", "CFileSystem",
                           .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Preview",
            dependencies: ["SiteBuilder", "Diagnostics",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        // mimalloc replaces glibc's malloc in the binary (linked, so it takes over malloc for the whole
        // process): reading and rendering make millions of small allocations, and glibc's allocator
        // was a tenth of all CPU at 10,000 reports (README, Performance). Debian: libmimalloc-dev.
        .executableTarget(
            name: "AuditSite",
            dependencies: ["SiteBuilder", "Preview", "Diagnostics",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log")],
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // The fuzz target (`make fuzz`): every report step on one input. Built normally, it replays the
        // corpus and the crashes kept as regressions (a test runs it).
        .executableTarget(name: "ReportFuzzer", dependencies: ["TextRepair", "Extraction", "Markdown", "Renderer", "Diagnostics"],
                          path: "Fuzz/ReportFuzzer",
                          swiftSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("FUZZING")] : [],
                          linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])] : []),
        .testTarget(name: "TextRepairTests", dependencies: ["TextRepair"]),
        .testTarget(name: "SafeYAMLTests", dependencies: ["SafeYAML"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(
            name: "ExtractionTests",
            dependencies: ["Extraction", "Markdown", "TextRepair", "Diagnostics", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PortalTests", dependencies: ["Portal", "Extraction", "Markdown"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "Diagnostics"]),
        .testTarget(name: "RendererTests", dependencies: ["Renderer", "Markdown", "Extraction", "Portal"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "Diagnostics"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "SiteBuilder"]),
        // Runs the built `audit-site` binary as a process (what users and CI see: output, exit codes).
        .testTarget(name: "AuditSiteTests", dependencies: ["AuditSite", "ReportFuzzer"]),
    ],
    swiftLanguageModes: [.v6]
)
