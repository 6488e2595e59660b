import Foundation
import SwiftProtobuf
import WcompDaemonProto

extension StoredComponent {
    /// The API form of the record.
    var proto: Wcomp_Daemon_V1_Component {
        var component = Wcomp_Daemon_V1_Component()
        component.sha256 = sha256
        component.name = name
        component.sizeBytes = UInt64(size)
        component.uploadedAt = Google_Protobuf_Timestamp(date: uploadedAt)
        component.importCount = UInt32(clamping: importCount)
        component.exportCount = UInt32(clamping: exportCount)
        return component
    }
}

extension InstanceLimits {
    /// Limits from the API form, where 0 means unlimited.
    init(_ limits: Wcomp_Daemon_V1_Limits) {
        self.init(memoryBytes: limits.memoryBytes == 0 ? nil : limits.memoryBytes,
                  fuel: limits.fuel == 0 ? nil : limits.fuel,
                  deadlineMilliseconds: limits.deadlineMs == 0 ? nil : limits.deadlineMs)
    }

    /// The API form, where 0 means unlimited.
    var proto: Wcomp_Daemon_V1_Limits {
        var limits = Wcomp_Daemon_V1_Limits()
        limits.memoryBytes = memoryBytes ?? 0
        limits.fuel = fuel ?? 0
        limits.deadlineMs = deadlineMilliseconds ?? 0
        return limits
    }
}

extension StoredInstance {
    /// The API form of the record.
    var proto: Wcomp_Daemon_V1_Instance {
        var instance = Wcomp_Daemon_V1_Instance()
        instance.name = name
        instance.componentSha256 = componentSHA256
        instance.limits = limits.proto
        instance.args = arguments
        instance.state = switch state {
        case .idle: .idle
        case .running: .running
        case .failed: .failed
        case .exited: .exited
        }
        instance.createdAt = Google_Protobuf_Timestamp(date: createdAt)
        var counters = Wcomp_Daemon_V1_InstanceCounters()
        counters.calls = calls
        counters.failedCalls = failedCalls
        counters.fuelUsed = fuelUsed
        counters.memoryBytes = memoryBytes
        instance.counters = counters
        return instance
    }
}

extension StoredGrant {
    /// The API form of the grant.
    var proto: Wcomp_Daemon_V1_InstanceGrant {
        var grant = Wcomp_Daemon_V1_InstanceGrant()
        grant.id = id
        grant.instance = instance
        grant.grant = self.grant
        grant.grantedAt = Google_Protobuf_Timestamp(date: grantedAt)
        return grant
    }
}

extension AuditRecord {
    /// The API form of the event.
    var proto: Wcomp_Daemon_V1_AuditEvent {
        var event = Wcomp_Daemon_V1_AuditEvent()
        event.id = id
        event.time = Google_Protobuf_Timestamp(date: time)
        event.caller = caller
        event.instance = grant.instance
        event.action = action == .granted ? .granted : .revoked
        event.grant = grant.proto
        return event
    }
}
