import GRPCCore
import WcompDaemonProto

/// `wcomp.daemon.v1.ComponentService`: upload, list, inspect and delete components.
public struct ComponentService: Wcomp_Daemon_V1_ComponentService.SimpleServiceProtocol {
    private let catalog: ComponentCatalog

    /// A service over `catalog`.
    public init(catalog: ComponentCatalog) {
        self.catalog = catalog
    }

    /// Collects the chunks (bounded by `RequestLimits`), validates the component and stores it.
    public func uploadComponent(
        request: RPCAsyncSequence<Wcomp_Daemon_V1_UploadComponentRequest, any Error>,
        context: ServerContext
    ) async throws -> Wcomp_Daemon_V1_UploadComponentResponse {
        var metadata: Wcomp_Daemon_V1_UploadMetadata?
        var bytes: [UInt8] = []
        for try await message in request {
            if metadata == nil {
                guard message.hasMetadata else { throw DaemonError.invalid("the first upload message must carry metadata") }
                metadata = message.metadata
                try RequestValidation.name(message.metadata.name, field: "metadata.name")
                if !message.metadata.expectedSha256.isEmpty {
                    try RequestValidation.sha256(message.metadata.expectedSha256, field: "metadata.expected_sha256")
                }
            }
            guard message.chunk.count <= RequestLimits.uploadChunkBytes else {
                throw DaemonError.invalid("an upload chunk holds \(message.chunk.count) bytes; at most \(RequestLimits.uploadChunkBytes) are allowed")
            }
            guard bytes.count + message.chunk.count <= RequestLimits.componentBytes else {
                throw DaemonError(.resourceExhausted, "the component is larger than \(RequestLimits.componentBytes) bytes")
            }
            bytes.append(contentsOf: message.chunk)
        }
        guard let metadata else { throw DaemonError.invalid("the upload stream was empty") }
        guard !bytes.isEmpty else { throw DaemonError.invalid("the upload carried no bytes") }
        let sha256 = ComponentCatalog.digest(bytes)
        if !metadata.expectedSha256.isEmpty, metadata.expectedSha256 != sha256 {
            throw DaemonError(.dataLoss, "the uploaded bytes hash to \(sha256), not the expected \(metadata.expectedSha256)")
        }
        let received = bytes
        let world = try await BlockingWork.run { () throws(DaemonError) in try Self.world(received) }
        let (stored, deduplicated) = try await catalog.store(bytes, sha256: sha256, name: metadata.name, world: world)
        var response = Wcomp_Daemon_V1_UploadComponentResponse()
        response.component = stored.proto
        response.deduplicated = deduplicated
        return response
    }

    /// Lists the stored components.
    public func listComponents(
        request: Wcomp_Daemon_V1_ListComponentsRequest,
        context: ServerContext
    ) async throws -> Wcomp_Daemon_V1_ListComponentsResponse {
        var response = Wcomp_Daemon_V1_ListComponentsResponse()
        let catalog = self.catalog
        response.components = try await BlockingWork.run { () throws(DaemonError) in try catalog.list() }.map(\.proto)
        return response
    }

    /// Describes a component's world.
    public func inspectComponent(
        request: Wcomp_Daemon_V1_InspectComponentRequest,
        context: ServerContext
    ) async throws -> Wcomp_Daemon_V1_InspectComponentResponse {
        try RequestValidation.sha256(request.sha256, field: "sha256")
        let catalog = self.catalog
        let (record, world) = try await BlockingWork.run { () throws(DaemonError) in
            let (record, bytes) = try catalog.read(request.sha256)
            return (record, WorldDescription.describe(try ComponentCatalog.validate(bytes).validated))
        }
        var response = Wcomp_Daemon_V1_InspectComponentResponse()
        response.component = record.proto
        response.imports = world.imports
        response.exports = world.exports
        return response
    }

    /// Deletes a component no instance uses.
    public func deleteComponent(
        request: Wcomp_Daemon_V1_DeleteComponentRequest,
        context: ServerContext
    ) async throws -> Wcomp_Daemon_V1_DeleteComponentResponse {
        try RequestValidation.sha256(request.sha256, field: "sha256")
        try await catalog.delete(request.sha256)
        return Wcomp_Daemon_V1_DeleteComponentResponse()
    }

    /// Composes stored components and stores the result.
    public func composeComponents(
        request: Wcomp_Daemon_V1_ComposeComponentsRequest,
        context: ServerContext
    ) async throws -> Wcomp_Daemon_V1_ComposeComponentsResponse {
        try RequestValidation.name(request.name, field: "name")
        let catalog = self.catalog
        let (bytes, world) = try await BlockingWork.run { () throws(DaemonError) -> ([UInt8], (imports: Int, exports: Int)) in
            let bytes = try ComponentComposition.compose(request, catalog: catalog)
            return (bytes, try Self.world(bytes))
        }
        let (stored, deduplicated) = try await catalog.store(bytes, sha256: ComponentCatalog.digest(bytes), name: request.name, world: world)
        var response = Wcomp_Daemon_V1_ComposeComponentsResponse()
        response.component = stored.proto
        response.deduplicated = deduplicated
        return response
    }

    /// Validates `bytes` as a component and counts its imports and exports.
    private static func world(_ bytes: [UInt8]) throws(DaemonError) -> (imports: Int, exports: Int) {
        let component = try ComponentCatalog.validate(bytes)
        return (component.imports.count, component.exports.count)
    }
}
