// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "wcomp",
    products: [
        .library(name: "WasmCore", targets: ["WasmCore"]),
        .library(name: "WasmRuntime", targets: ["WasmRuntime"]),
        .library(name: "WIT", targets: ["WIT"]),
        .library(name: "WAVE", targets: ["WAVE"]),
        .library(name: "WITComponent", targets: ["WITComponent"]),
        .library(name: "ComponentModel", targets: ["ComponentModel"]),
        .library(name: "WASI", targets: ["WASI"]),
        .library(name: "Compose", targets: ["Compose"]),
        .library(name: "SwiftBindgen", targets: ["SwiftBindgen"]),
        .executable(name: "wcomp", targets: ["wcomp"]),
        .executable(name: "wcomp-bindgen-tool", targets: ["BindgenTool"]),
        .plugin(name: "WcompBindgenPlugin", targets: ["WcompBindgenPlugin"]),
        .executable(name: "wcomp-conformance", targets: ["WasmConformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "WasmCore"),
        // The interpreter's handlers tail-call one another and never need a frame: build with
        // `swift build -c release --omit-frame-pointers` for speed (SwiftPM compiles with frame
        // pointers by default; without them each handler saves a push, a move and a pop, about
        // 7 %). No unsafe flag here, so packages can depend on wcomp's libraries by version.
        .target(name: "CWasmInterpreter", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "WasmRuntime", dependencies: ["WasmCore", "CWasmInterpreter"]),
        .target(name: "WIT"),
        .target(name: "WITComponent", dependencies: ["WIT", "ComponentModel"]),
        .target(name: "WAVE", dependencies: ["ComponentModel"]),
        .target(name: "ComponentModel", dependencies: ["WasmCore", "WasmRuntime"]),
        .target(
            name: "WASI",
            dependencies: [
                "WasmCore", "WasmRuntime", "ComponentModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "Compose", dependencies: ["ComponentModel", "WIT", "WasmCore"]),
        .target(name: "SwiftBindgen", dependencies: ["WIT", "ComponentModel"]),
        .executableTarget(name: "BindgenTool", dependencies: ["SwiftBindgen", "WIT"]),
        .plugin(name: "WcompBindgenPlugin", capability: .buildTool(), dependencies: ["BindgenTool"]),
        .executableTarget(
            name: "wcomp",
            dependencies: [
                "WasmCore", "WasmRuntime", "WIT", "WITComponent", "WAVE", "WASI", "ComponentModel", "Compose", "SwiftBindgen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds are made to start fast (`wcomp run` of a small module is mostly
            // process start-up): the Swift runtime and FoundationEssentials are linked
            // statically (no shared libraries to load and relocate; compiled with the flag too,
            // so the autolink entries name the static libraries); no symbols are exported
            // (swiftc exports all by default, and the runtime's backtracer set-up searches them
            // at every start); lld packs the relative relocations (DT_RELR) so the loader
            // reads kilobytes, not megabytes, of them. The tool code imports FoundationEssentials,
            // never Foundation, which would link ICU (30 MB of data, more to relocate).
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux], configuration: .release))]
        ),
        .executableTarget(name: "WasmConformance", dependencies: ["WasmCore", "WasmRuntime", "WIT", "WITComponent", "ComponentModel"]),
        .testTarget(name: "WasmCoreTests", dependencies: ["WasmCore"]),
        .testTarget(name: "WasmRuntimeTests", dependencies: ["WasmCore", "WasmRuntime", "CWasmInterpreter"]),
        .testTarget(name: "WITTests", dependencies: ["WIT"]),
        .testTarget(name: "WITComponentTests", dependencies: ["WITComponent", "WIT", "ComponentModel", "Compose"]),
        .testTarget(name: "WAVETests", dependencies: ["WAVE", "ComponentModel"]),
        .testTarget(name: "DifferentialTests", dependencies: ["ComponentModel", "WAVE"]),
        .testTarget(name: "ComposeTests", dependencies: ["Compose", "ComponentModel"], exclude: ["Fixtures", "Programs", "run_composed.py", "run_counters.py"]),
        .testTarget(
            name: "SwiftBindgenTests",
            dependencies: ["SwiftBindgen", "WIT", "ComponentModel", "WasmRuntime"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ComponentModelTests", dependencies: ["ComponentModel", "WasmRuntime"]),
        .testTarget(
            name: "WcompCLITests",
            dependencies: ["wcomp", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "WASITests",
            dependencies: [
                "WASI", "WasmCore", "WasmRuntime", "ComponentModel", "WIT",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["Programs", "Components", "Python", "TLS"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
