// swift-tools-version: 6.0
import PackageDescription

// The benchmark harness: a separate package, not part of CI. Run it in release mode:
//   swift run -c release --omit-frame-pointers wcomp-bench
// It runs wcomp in-process and WasmKit (the anchor) in the `wasmkit-anchor` child process,
// which lives in its own package, WasmKitAnchor/ (see the note in its manifest for why).
let package = Package(
    name: "wcomp-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "wcomp", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "wcomp-bench",
            dependencies: [
                .product(name: "WasmCore", package: "wcomp"),
                .product(name: "WasmRuntime", package: "wcomp"),
            ]
        ),
        .executableTarget(
            name: "wcomp-component-bench",
            dependencies: [
                .product(name: "ComponentModel", package: "wcomp"),
                .product(name: "Compose", package: "wcomp"),
                .product(name: "WIT", package: "wcomp"),
                .product(name: "WITComponent", package: "wcomp"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
