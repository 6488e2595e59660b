// swift-tools-version: 6.0
import PackageDescription

// WasmKit, the anchor wcomp's interpreter is measured against, lives in its own package:
// WasmKit declares modules named `WIT`, `WAVE`, `ComponentModel` and `WASI`, and so does the
// root wcomp package, and SwiftPM refuses two modules of one name in a package graph.
// `wcomp-bench` (in ../) starts `wasmkit-anchor` as a child process and talks to it over
// stdin/stdout, so each runtime is built exactly as its own package defines it.
let package = Package(
    name: "wasmkit-anchor",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
    ],
    targets: [
        .executableTarget(
            name: "wasmkit-anchor",
            dependencies: [.product(name: "WasmKit", package: "WasmKit")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
