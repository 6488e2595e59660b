import Foundation
import Testing
import WcompDaemon

/// Drives a real `wcompd serve` from Python (daemon/interop/wcompd_client.py): a client
/// generated from proto/ with grpcio-tools, over the Unix socket and over TLS TCP.
@Suite("Python interop")
struct InteropTests {
    /// The daemon package's directory.
    static let daemonDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Why the Python side cannot run, or nil when `python3` has grpcio and grpcio-tools.
    static let pythonGRPCMissing: String? = {
        let result = try? PythonScript.run(["-c", "import grpc, grpc_tools.protoc"])
        return result?.status == 0 ? nil : "python3 lacks grpcio or grpcio-tools (pip install grpcio grpcio-tools; scripts/setup does)"
    }()

    @Test("a Python gRPC client generated from proto/ drives every service over the socket; TLS TCP wants the token",
          .enabled(if: pythonGRPCMissing == nil, Comment(rawValue: pythonGRPCMissing ?? "")))
    func pythonClient() async throws {
        let root = try TestDaemon.temporaryDirectory()
        let (certificate, key) = try HealthAndSecurityTests.selfSignedCertificate(in: root)
        let token = "interop-token-" + UUID().uuidString
        let tokenFile = root + "/token"
        try token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let port = Int(try TCPTestListener().port)  // bound, then released for wcompd
        let scratch = root + "/granted"
        #expect(mkdir(scratch, 0o700) == 0)
        let daemon = try await DaemonProcess(stateDirectory: root + "/state", arguments: [
            "--tcp", "127.0.0.1:\(port)", "--tls-cert", certificate, "--tls-key", key, "--token-file", tokenFile,
        ])
        let script = Self.daemonDirectory.appendingPathComponent("interop/wcompd_client.py").path
        let result = try PythonScript.run([
            script,
            "--proto-root", Self.daemonDirectory.deletingLastPathComponent().appendingPathComponent("proto").path,
            "--socket", daemon.socketPath,
            "--component", Self.daemonDirectory.appendingPathComponent("Tests/WcompDaemonTests/Fixtures/calculator.wasm").path,
            "--scratch-dir", scratch,
            "--tcp", "127.0.0.1:\(port)", "--ca", certificate, "--token-file", tokenFile,
        ])
        let exitStatus = daemon.terminate()
        #expect(result.status == 0, "the Python client failed:\n\(result.output)\nwcompd log:\n\(daemon.log)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let passed = lines.filter { $0.hasPrefix("ok ") }.map { String($0.dropFirst(3)) }
        #expect(passed.contains("generate-stubs"))
        #expect(passed.contains("upload-streamed-in-chunks"))
        #expect(passed.contains("invoke-with-wave"))
        #expect(passed.contains("invoke-with-typed-values"))
        #expect(passed.contains("grants-and-audit-log"))
        #expect(passed.contains("bad-input-is-invalid-argument"))
        #expect(passed.contains("tcp-needs-bearer-token"))
        #expect(lines.last == "interop: \(passed.count) checks passed")
        #expect(exitStatus == 0, "wcompd did not shut down cleanly on SIGTERM:\n\(daemon.log)")
    }
}

/// Runs `python3` with arguments and collects what it printed.
enum PythonScript {
    /// Runs `python3 arguments`; returns its exit status and its stdout and stderr together.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
