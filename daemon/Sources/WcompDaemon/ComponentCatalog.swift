import ComponentModel
import Crypto
import Foundation
import WcompDaemonProto

/// The stored components: validates uploads, stores each binary once per SHA-256, and keeps
/// the database records and blob files consistent (one actor orders stores and deletions).
public actor ComponentCatalog {
    private let database: StateDatabase
    private let blobs: BlobStore
    private let executor = DispatchSerialExecutor(label: "wcompd.components")
    /// Runs the catalog (whose blob and database writes block) off the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// A catalog over `database` and `blobs`; removes blobs no record refers to (left by a
    /// crash between writing a blob and recording it, or between deleting a record and its blob).
    public init(database: StateDatabase, blobs: BlobStore) throws(DaemonError) {
        self.database = database
        self.blobs = blobs
        blobs.removeLeftovers()
        let known = Set(try database.components().map(\.sha256))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: blobs.directory)) ?? []
        where name.hasSuffix(".wasm") && !known.contains(String(name.dropLast(5))) {
            try blobs.remove(String(name.dropLast(5)))
        }
    }

    /// The hex SHA-256 of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Validates `bytes` as a component; the error names the byte offset of the problem.
    public static func validate(_ bytes: [UInt8]) throws(DaemonError) -> LoadedComponent {
        do {
            return try LoadedComponent(bytes: bytes)
        } catch {
            throw DaemonError.invalid("not a valid component: \(error)")
        }
    }

    /// Stores a validated component durably and records it; returns the record and whether
    /// these bytes were already stored.
    public func store(_ bytes: [UInt8], sha256: String, name: String, world: (imports: Int, exports: Int)) throws(DaemonError) -> (StoredComponent, deduplicated: Bool) {
        if let existing = try database.component(sha256), blobs.contains(sha256) {
            return (existing, true)
        }
        try blobs.save(bytes, sha256: sha256)
        let record = StoredComponent(
            sha256: sha256, name: name, size: bytes.count, uploadedAt: Date(),
            importCount: world.imports, exportCount: world.exports)
        let (stored, existed) = try database.insertComponent(record)
        return (stored, existed)
    }

    /// Deletes component `sha256`; refused while instances use it.
    public func delete(_ sha256: String) throws(DaemonError) {
        try database.deleteComponent(sha256)
        try blobs.remove(sha256)
    }

    /// The record and bytes of stored component `sha256`, checked against the digest.
    public nonisolated func read(_ sha256: String) throws(DaemonError) -> (StoredComponent, [UInt8]) {
        guard let record = try database.component(sha256) else { throw .notFound("no component \(sha256)") }
        let bytes = try blobs.read(sha256)
        guard Self.digest(bytes) == sha256 else {
            throw DaemonError(.dataLoss, "component blob \(sha256) does not match its digest (corrupted on disk)")
        }
        return (record, bytes)
    }

    /// Every stored component, oldest first.
    public nonisolated func list() throws(DaemonError) -> [StoredComponent] {
        try database.components()
    }
}
