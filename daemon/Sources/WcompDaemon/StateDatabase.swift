import Foundation
import GRDB
import SwiftProtobuf
import WcompDaemonProto

/// The daemon's persistent state in SQLite: components, instances, grants and the audit log.
///
/// Every change is one transaction committed with `synchronous = FULL` in WAL mode, so a
/// change that returned has reached the disk and a crash in the middle of one leaves none of it.
/// Calls are counted in the call journal first (`CallJournal`), which folds its counts into
/// the instances' counters from time to time.
public final class StateDatabase: Sendable {
    private let queue: DatabaseQueue

    /// Opens (creating and migrating when needed) the database at `path`.
    public init(path: String) throws(DaemonError) {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw DaemonError(.unavailable, "cannot open the state database \(path): \(error)")
        }
    }

    /// The schema, one migration per version; never edit a shipped migration, add one.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE components (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    uploaded_at REAL NOT NULL,
                    import_count INTEGER NOT NULL,
                    export_count INTEGER NOT NULL
                );
                CREATE TABLE instances (
                    name TEXT PRIMARY KEY NOT NULL,
                    component_sha256 TEXT NOT NULL REFERENCES components(sha256) ON DELETE RESTRICT,
                    memory_bytes INTEGER,
                    fuel INTEGER,
                    deadline_ms INTEGER,
                    arguments BLOB NOT NULL,
                    state TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    calls INTEGER NOT NULL DEFAULT 0,
                    failed_calls INTEGER NOT NULL DEFAULT 0,
                    fuel_used INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX instances_by_component ON instances(component_sha256);
                CREATE TABLE grants (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    instance TEXT NOT NULL REFERENCES instances(name) ON DELETE CASCADE,
                    capability BLOB NOT NULL,
                    granted_at REAL NOT NULL
                );
                CREATE INDEX grants_by_instance ON grants(instance);
                CREATE TABLE audit_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    caller TEXT NOT NULL,
                    instance TEXT NOT NULL,
                    action TEXT NOT NULL,
                    grant_id INTEGER NOT NULL,
                    capability BLOB NOT NULL,
                    granted_at REAL NOT NULL
                );
                CREATE INDEX audit_events_by_instance ON audit_events(instance, id);
                """)
        }
        migrator.registerMigration("v2: calls in flight") { db in
            try db.execute(sql: "ALTER TABLE instances ADD COLUMN calls_in_flight INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v3: call journal") { db in
            // Calls v2 recorded as in flight are the interrupted calls of a run that died.
            try db.execute(sql: """
                UPDATE instances SET state = 'failed', calls = calls + calls_in_flight,
                failed_calls = failed_calls + calls_in_flight WHERE calls_in_flight > 0;
                ALTER TABLE instances DROP COLUMN calls_in_flight;
                CREATE TABLE call_journal (
                    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                    folded_through INTEGER NOT NULL
                );
                INSERT INTO call_journal (id, folded_through) VALUES (1, 0);
                """)
        }
        return migrator
    }

    // MARK: Components

    /// Records `component` unless one with the same digest exists; returns the stored record
    /// and whether it was already there.
    public func insertComponent(_ component: StoredComponent) throws(DaemonError) -> (StoredComponent, existed: Bool) {
        try write { db in
            if let existing = try Self.component(component.sha256, db) { return (existing, true) }
            try db.execute(
                sql: "INSERT INTO components (sha256, name, size, uploaded_at, import_count, export_count) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [component.sha256, component.name, component.size, component.uploadedAt.timeIntervalSince1970,
                            component.importCount, component.exportCount])
            return (component, false)
        }
    }

    /// Every stored component, oldest first.
    public func components() throws(DaemonError) -> [StoredComponent] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM components ORDER BY uploaded_at, sha256").map(Self.component) }
    }

    /// The component with digest `sha256`, if stored.
    public func component(_ sha256: String) throws(DaemonError) -> StoredComponent? {
        try read { db in try Self.component(sha256, db) }
    }

    /// Deletes the record of component `sha256`; refused while instances use it.
    public func deleteComponent(_ sha256: String) throws(DaemonError) {
        try write { db in
            guard try Self.component(sha256, db) != nil else { throw DaemonError.notFound("no component \(sha256)") }
            let users = try String.fetchAll(db, sql: "SELECT name FROM instances WHERE component_sha256 = ? ORDER BY name", arguments: [sha256])
            guard users.isEmpty else {
                throw DaemonError(.failedPrecondition, "component \(sha256) is used by instances \(users.joined(separator: ", ")); delete them first")
            }
            try db.execute(sql: "DELETE FROM components WHERE sha256 = ?", arguments: [sha256])
        }
    }

    private static func component(_ sha256: String, _ db: Database) throws -> StoredComponent? {
        try Row.fetchOne(db, sql: "SELECT * FROM components WHERE sha256 = ?", arguments: [sha256]).map(component)
    }

    private static func component(_ row: Row) -> StoredComponent {
        StoredComponent(
            sha256: row["sha256"], name: row["name"], size: row["size"],
            uploadedAt: Date(timeIntervalSince1970: row["uploaded_at"]),
            importCount: row["import_count"], exportCount: row["export_count"])
    }

    // MARK: Instances

    /// Records a new instance with its initial grants (each one audited as granted by `caller`).
    public func insertInstance(_ instance: StoredInstance, grants: [Wcomp_Daemon_V1_Grant], caller: String) throws(DaemonError) -> [StoredGrant] {
        try write { db in
            guard try Self.component(instance.componentSHA256, db) != nil else {
                throw DaemonError.notFound("no component \(instance.componentSHA256)")
            }
            guard try Self.instance(instance.name, db) == nil else {
                throw DaemonError(.alreadyExists, "an instance named \(instance.name) already exists")
            }
            try db.execute(
                sql: """
                    INSERT INTO instances (name, component_sha256, memory_bytes, fuel, deadline_ms, arguments, state, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [instance.name, instance.componentSHA256,
                            instance.limits.memoryBytes.map(Int64.init(clamping:)), instance.limits.fuel.map(Int64.init(clamping:)),
                            instance.limits.deadlineMilliseconds.map(Int64.init(clamping:)),
                            try JSONEncoder().encode(instance.arguments), instance.state.rawValue,
                            instance.createdAt.timeIntervalSince1970])
            return try grants.map { try Self.addGrant($0, to: instance.name, at: instance.createdAt, caller: caller, db) }
        }
    }

    /// Every instance, oldest first.
    public func instances() throws(DaemonError) -> [StoredInstance] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM instances ORDER BY created_at, name").map(Self.instance) }
    }

    /// The instance named `name`, if any.
    public func instance(_ name: String) throws(DaemonError) -> StoredInstance? {
        try read { db in try Self.instance(name, db) }
    }

    /// The sequence number of the last call-journal line whose counts are in the counters.
    func callJournalFoldedThrough() throws(DaemonError) -> UInt64 {
        try read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT folded_through FROM call_journal") ?? 0) }
    }

    /// Adds `tallies` (what ended calls add up to, by instance) to the instances' counters and
    /// sets their states, and records that the call journal is folded through line `sequence`,
    /// in one transaction. Returns the names of the instances that exist among `tallies`.
    func foldCalls(_ tallies: [String: CallTally], through sequence: UInt64) throws(DaemonError) -> Set<String> {
        try write { db in
            var stored: Set<String> = []
            for (name, tally) in tallies {
                try db.execute(
                    sql: """
                        UPDATE instances SET calls = calls + ?, failed_calls = failed_calls + ?, fuel_used = fuel_used + ?,
                        state = COALESCE(?, state) WHERE name = ?
                        """,
                    arguments: [Int64(clamping: tally.calls), Int64(clamping: tally.failedCalls), Int64(clamping: tally.fuelUsed),
                                tally.state?.rawValue, name])
                if db.changesCount > 0 { stored.insert(name) }
            }
            try db.execute(sql: "UPDATE call_journal SET folded_through = ?", arguments: [Int64(clamping: sequence)])
            return stored
        }
    }

    /// Deletes instance `name` and its grants (the audit log keeps their history).
    public func deleteInstance(_ name: String) throws(DaemonError) {
        try write { db in
            try db.execute(sql: "DELETE FROM instances WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw DaemonError.notFound("no instance named \(name)") }
        }
    }

    private static func instance(_ name: String, _ db: Database) throws -> StoredInstance? {
        try Row.fetchOne(db, sql: "SELECT * FROM instances WHERE name = ?", arguments: [name]).map(instance)
    }

    private static func instance(_ row: Row) throws -> StoredInstance {
        let memory: Int64? = row["memory_bytes"], fuel: Int64? = row["fuel"], deadline: Int64? = row["deadline_ms"]
        let calls: Int64 = row["calls"], failed: Int64 = row["failed_calls"], used: Int64 = row["fuel_used"]
        let state: String = row["state"]
        return StoredInstance(
            name: row["name"], componentSHA256: row["component_sha256"],
            limits: InstanceLimits(memoryBytes: memory.map(UInt64.init), fuel: fuel.map(UInt64.init),
                                   deadlineMilliseconds: deadline.map(UInt64.init)),
            arguments: try JSONDecoder().decode([String].self, from: row["arguments"] as Data),
            state: InstanceState(rawValue: state) ?? .idle,
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            calls: UInt64(calls), failedCalls: UInt64(failed), fuelUsed: UInt64(used))
    }

    // MARK: Grants and audit log

    /// Adds `grant` to instance `instance` and records it in the audit log as made by `caller`.
    public func addGrant(_ grant: Wcomp_Daemon_V1_Grant, to instance: String, caller: String) throws(DaemonError) -> StoredGrant {
        try write { db in
            guard try Self.instance(instance, db) != nil else { throw DaemonError.notFound("no instance named \(instance)") }
            return try Self.addGrant(grant, to: instance, at: Date(), caller: caller, db)
        }
    }

    /// Revokes grant `id` of instance `instance` and records it in the audit log.
    public func revokeGrant(_ id: Int64, of instance: String, caller: String) throws(DaemonError) -> StoredGrant {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM grants WHERE id = ? AND instance = ?", arguments: [id, instance]) else {
                throw DaemonError.notFound("instance \(instance) holds no grant \(id)")
            }
            let grant = try Self.grant(row)
            try db.execute(sql: "DELETE FROM grants WHERE id = ?", arguments: [id])
            try Self.audit(.revoked, grant, caller: caller, at: Date(), db)
            return grant
        }
    }

    /// The grants of instance `instance`, oldest first.
    public func grants(of instance: String) throws(DaemonError) -> [StoredGrant] {
        try read { db in
            guard try Self.instance(instance, db) != nil else { throw DaemonError.notFound("no instance named \(instance)") }
            return try Row.fetchAll(db, sql: "SELECT * FROM grants WHERE instance = ? ORDER BY id", arguments: [instance]).map(Self.grant)
        }
    }

    /// Audit events with an identifier above `afterID`, of `instance` when given, oldest first.
    public func auditEvents(instance: String?, afterID: Int64, limit: Int) throws(DaemonError) -> [AuditRecord] {
        try read { db in
            let rows = if let instance {
                try Row.fetchAll(db, sql: "SELECT * FROM audit_events WHERE instance = ? AND id > ? ORDER BY id LIMIT ?",
                                 arguments: [instance, afterID, limit])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM audit_events WHERE id > ? ORDER BY id LIMIT ?", arguments: [afterID, limit])
            }
            return try rows.map { row in
                let action: String = row["action"]
                return AuditRecord(
                    id: row["id"], time: Date(timeIntervalSince1970: row["time"]), caller: row["caller"],
                    action: AuditRecord.Action(rawValue: action) ?? .granted,
                    grant: StoredGrant(
                        id: row["grant_id"], instance: row["instance"],
                        grant: try Wcomp_Daemon_V1_Grant(serializedBytes: row["capability"] as Data),
                        grantedAt: Date(timeIntervalSince1970: row["granted_at"])))
            }
        }
    }

    private static func addGrant(_ grant: Wcomp_Daemon_V1_Grant, to instance: String, at time: Date, caller: String, _ db: Database) throws -> StoredGrant {
        let bytes: Data = try grant.serializedBytes()
        try db.execute(sql: "INSERT INTO grants (instance, capability, granted_at) VALUES (?, ?, ?)",
                       arguments: [instance, bytes, time.timeIntervalSince1970])
        let stored = StoredGrant(id: db.lastInsertedRowID, instance: instance, grant: grant, grantedAt: time)
        try audit(.granted, stored, caller: caller, at: time, db)
        return stored
    }

    private static func audit(_ action: AuditRecord.Action, _ grant: StoredGrant, caller: String, at time: Date, _ db: Database) throws {
        let bytes: Data = try grant.grant.serializedBytes()
        try db.execute(
            sql: """
                INSERT INTO audit_events (time, caller, instance, action, grant_id, capability, granted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [time.timeIntervalSince1970, caller, grant.instance, action.rawValue, grant.id, bytes,
                        grant.grantedAt.timeIntervalSince1970])
    }

    private static func grant(_ row: Row) throws -> StoredGrant {
        StoredGrant(id: row["id"], instance: row["instance"],
                    grant: try Wcomp_Daemon_V1_Grant(serializedBytes: row["capability"] as Data),
                    grantedAt: Date(timeIntervalSince1970: row["granted_at"]))
    }

    // MARK: Transactions

    private func write<T>(_ body: (Database) throws -> T) throws(DaemonError) -> T {
        do {
            return try queue.write(body)
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError(.internalError, "state database: \(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(DaemonError) -> T {
        do {
            return try queue.read(body)
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError(.internalError, "state database: \(error)")
        }
    }
}
