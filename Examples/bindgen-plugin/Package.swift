// swift-tools-version: 6.0
// A package that gets Swift host bindings for its WIT world at build time through wcomp's
// build-tool plugin: the WIT is in wit/, the world is named in wcomp-bindgen.json.
import PackageDescription

let package = Package(
    name: "bindgen-plugin-example",
    dependencies: [
        .package(name: "wcomp", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "Greeter",
            dependencies: [
                .product(name: "ComponentModel", package: "wcomp"),
                .product(name: "WasmRuntime", package: "wcomp"),
            ],
            plugins: [.plugin(name: "WcompBindgenPlugin", package: "wcomp")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
