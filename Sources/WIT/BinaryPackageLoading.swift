import FoundationEssentials

/// Decodes WIT packages encoded as component binaries — what `wasm-tools component wit --wasm`
/// and `wcomp wit --wasm` write — into a resolve. WIT does not read the component binary
/// format itself: WITComponent provides the decoder, set as `Resolve.binaryDecoder`.
public protocol BinaryWITDecoder: Sendable {
    /// Adds the package encoded in `bytes` (read from `path`) and the packages it depends on
    /// to `resolve`, reusing packages `resolve` already has, and returns the package's id.
    func decodePackage(_ bytes: [UInt8], path: String, into resolve: inout Resolve) throws(WITError) -> PackageID
}

extension Resolve {
    /// Adds the binary WIT package at `path` with `binaryDecoder`.
    mutating func pushBinary(_ path: String) throws(WITError) -> PackageID {
        guard let decoder = binaryDecoder else {
            throw WITError(message: "binary WIT packages need a decoder (WITComponent) [\(path)]")
        }
        guard path.hasSuffix(".wasm") else {
            throw WITError(message: "WIT packages in the component text format are not supported, assemble them to .wasm first [\(path)]")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WITError(message: "failed to read path for WIT [\(path)]")
        }
        return try decoder.decodePackage([UInt8](data), path: path, into: &self)
    }
}

extension WITError {
    /// An error about a binary WIT package at `path`, which has no source position.
    public init(binaryPackage path: String, _ message: String) {
        self.init(message: "\(message) [\(path)]")
    }
}
