// swift-tools-version: 6.0
import PackageDescription

// The daemon's benchmark: invoke throughput and latency next to a trivial echo RPC on the same
// server, in one process and run. A package of its own so that CI, which builds and tests the
// daemon package, never builds it. Run: `swift run -c release --omit-frame-pointers wcompd-bench` (see
// ../../Benchmarks/README.md).
let package = Package(
    name: "wcompd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "wcompd", path: ".."),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "wcompd-bench",
            dependencies: [
                .product(name: "WcompDaemon", package: "wcompd"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
