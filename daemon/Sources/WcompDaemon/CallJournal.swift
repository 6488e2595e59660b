import Foundation

/// The journal of calls: an append-only file in the state directory with one line per call
/// start and one per call end, each written with a single `write(2)` and no fsync, so a call
/// costs two system calls instead of two database commits.
///
/// Durability: a line `write` returned is in the operating system's page cache, so it survives
/// a crash or `kill -9` of the daemon's process. An OS crash or power loss can lose the last
/// lines (counters of the last calls, marks of calls in flight), never an instance definition
/// or grant: those are committed to the state database with an fsync before they are
/// acknowledged.
///
/// The counts of ended calls are folded into the state database (one transaction, which also
/// stores the sequence number of the last line folded) when the file passes `foldBytes`, when an
/// instance is deleted, and at start; the file is then replaced by one holding only the starts
/// of the calls still running. Opening replays the file: ended calls not folded yet are
/// counted, and calls that started and never ended (the previous run died during them) end as
/// failed calls that leave their instance failed.
///
/// Lines: `SEQ start INSTANCE`, `SEQ end CALL STATE FAILED FUEL` (`CALL` is the sequence number
/// of the call's start, `FAILED` 0 or 1) and `SEQ refused CALL` (a call refused before the guest
/// ran, which counts for nothing).
///
/// Not thread-safe: its owner (the instance manager) serializes every use.
final class CallJournal {
    /// A call recorded as started.
    struct Call: Hashable, Sendable {
        /// The sequence number of its start line.
        let sequence: UInt64
    }

    /// The size past which an end folds the journal into the state database.
    static let foldBytes = 1 << 20

    private let path: String
    private let database: StateDatabase
    private var descriptor: Int32
    /// Bytes in the file.
    private var size: Int
    /// The sequence number of the last line written.
    private var lastSequence: UInt64
    /// Calls started and not ended: start sequence number → instance.
    private var running: [UInt64: String]
    /// What ended calls add to the stored counters, by instance, until the next fold.
    private var unfolded: [String: CallTally]

    private init(path: String, database: StateDatabase, descriptor: Int32, size: Int, lastSequence: UInt64,
                 running: [UInt64: String], unfolded: [String: CallTally]) {
        self.path = path
        self.database = database
        self.descriptor = descriptor
        self.size = size
        self.lastSequence = lastSequence
        self.running = running
        self.unfolded = unfolded
    }

    deinit { close(descriptor) }

    /// Opens the journal at `path` (creating it when missing), cuts a last line a crash left
    /// torn, and folds what a previous run left in it into `database`; returns it with the names
    /// of the instances whose calls that run never finished (counted as failed, the instances
    /// marked failed).
    static func recover(path: String, database: StateDatabase) throws(DaemonError) -> (journal: CallJournal, interrupted: [String]) {
        let foldedThrough = try database.callJournalFoldedThrough()
        let replay = try Replay(path: path, foldedThrough: foldedThrough)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open", path) }
        guard ftruncate(descriptor, off_t(replay.size)) == 0 else {
            let error = failure("cut the torn last line of", path)
            close(descriptor)
            throw error
        }
        let journal = CallJournal(path: path, database: database, descriptor: descriptor, size: replay.size,
                                  lastSequence: max(foldedThrough, replay.lastSequence),
                                  running: replay.running, unfolded: replay.unfolded)
        for call in replay.running.keys.sorted() {
            try journal.end(Call(sequence: call), state: .failed, failed: true, fuelUsed: 0)
        }
        let stored = try journal.fold()
        return (journal, Set(replay.running.values).intersection(stored).sorted())
    }

    /// Records that a call of instance `instance` starts.
    func started(_ instance: String) throws(DaemonError) -> Call {
        let sequence = lastSequence + 1
        try append("\(sequence) start \(instance)\n")
        lastSequence = sequence
        running[sequence] = instance
        return Call(sequence: sequence)
    }

    /// Records that `call` ended, leaving its instance in `state`, and counts it. Nothing is
    /// recorded for a call whose instance was deleted meanwhile.
    func ended(_ call: Call, state: InstanceState, failed: Bool, fuelUsed: UInt64) throws(DaemonError) {
        try end(call, state: state, failed: failed, fuelUsed: fuelUsed)
        try foldWhenLarge()
    }

    /// Records that `call` was refused before the guest ran: it counts for nothing.
    func refused(_ call: Call) throws(DaemonError) {
        guard running[call.sequence] != nil else { return }
        let sequence = lastSequence + 1
        try append("\(sequence) refused \(call.sequence)\n")
        lastSequence = sequence
        running[call.sequence] = nil
        try foldWhenLarge()
    }

    /// What the ended calls of instance `instance` add to its stored counters.
    func unfolded(of instance: String) -> CallTally? { unfolded[instance] }

    /// Forgets instance `instance`, just deleted: its running calls will count for nothing.
    /// Folds the other instances' counts and rewrites the file without its calls, so that an
    /// instance created later under the same name never inherits them.
    func forget(_ instance: String) throws(DaemonError) {
        unfolded[instance] = nil
        running = running.filter { $0.value != instance }
        try fold()
    }

    private func end(_ call: Call, state: InstanceState, failed: Bool, fuelUsed: UInt64) throws(DaemonError) {
        guard let instance = running[call.sequence] else { return }
        let sequence = lastSequence + 1
        try append("\(sequence) end \(call.sequence) \(state.rawValue) \(failed ? 1 : 0) \(fuelUsed)\n")
        lastSequence = sequence
        running[call.sequence] = nil
        unfolded[instance, default: CallTally()].count(state: state, failed: failed, fuelUsed: fuelUsed)
    }

    private func foldWhenLarge() throws(DaemonError) {
        if size >= Self.foldBytes { try fold() }
    }

    /// Adds the counts of ended calls to the stored counters, then replaces the file with one
    /// holding only the starts of the running calls. Returns the names of the instances whose
    /// counters changed. A crash between the two steps is harmless: the stored sequence number
    /// makes the next replay skip the ends already folded.
    @discardableResult
    private func fold() throws(DaemonError) -> Set<String> {
        let stored = try database.foldCalls(unfolded, through: lastSequence)
        unfolded = [:]
        let starts = running.sorted { $0.key < $1.key }.map { "\($0.key) start \($0.value)\n" }.joined()
        let temporary = path + ".tmp"
        let replacement = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard replacement >= 0 else { throw Self.failure("create", temporary) }
        guard Self.writeAll(starts, to: replacement) else {
            let error = Self.failure("write", temporary)
            close(replacement)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = Self.failure("replace", path)
            close(replacement)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        descriptor = replacement
        size = starts.utf8.count
        return stored
    }

    /// Appends `line` with one `write`; on failure the file is cut back to its last whole line.
    private func append(_ line: String) throws(DaemonError) {
        guard Self.writeAll(line, to: descriptor) else {
            let error = Self.failure("append to", path)
            _ = ftruncate(descriptor, off_t(size))
            throw error
        }
        size += line.utf8.count
    }

    private static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
    }

    private static func failure(_ operation: String, _ path: String) -> DaemonError {
        DaemonError(.internalError, "cannot \(operation) the call journal \(path): \(String(cString: strerror(errno)))")
    }

    /// What a journal file says: the calls still running at its end and the counts of the
    /// ended calls not folded yet.
    private struct Replay {
        var size = 0
        var lastSequence: UInt64 = 0
        var running: [UInt64: String] = [:]
        var unfolded: [String: CallTally] = [:]

        /// Reads the journal at `path` (none is an empty one); ends at or before `foldedThrough`
        /// are already in the stored counters. A last line without its newline (a write the
        /// crash cut) is ignored.
        init(path: String, foldedThrough: UInt64) throws(DaemonError) {
            guard let data = FileManager.default.contents(atPath: path) else { return }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            for (index, line) in lines.enumerated() {
                do throws(ReplayError) {
                    try replay(line, foldedThrough: foldedThrough)
                } catch {
                    throw DaemonError(.dataLoss, "call journal \(path), line \(index + 1): \(error.reason) "
                                      + "(removing the file lets the daemon start without the calls it records)")
                }
                size += line.utf8.count + 1
            }
        }

        private struct ReplayError: Error {
            let reason: String
        }

        private mutating func replay(_ line: Substring, foldedThrough: UInt64) throws(ReplayError) {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, let sequence = UInt64(fields[0]), sequence > lastSequence else {
                throw ReplayError(reason: "'\(line.prefix(200))' is not a journal line in sequence")
            }
            lastSequence = sequence
            if fields[1] == "start", fields.count == 3 {
                running[sequence] = String(fields[2])
                return
            }
            guard let call = UInt64(fields[2]) else { throw ReplayError(reason: "'\(fields[2])' is not a call number") }
            guard let instance = running[call] else { throw ReplayError(reason: "call \(call) ends without having started") }
            switch fields[1] {
            case "refused" where fields.count == 3:
                running[call] = nil
            case "end" where fields.count == 6:
                guard let state = InstanceState(rawValue: String(fields[3])), let failed = ["0": false, "1": true][fields[4]],
                      let fuelUsed = UInt64(fields[5]) else {
                    throw ReplayError(reason: "'\(line.prefix(200))' is not a call end")
                }
                running[call] = nil
                if sequence > foldedThrough {
                    unfolded[instance, default: CallTally()].count(state: state, failed: failed, fuelUsed: fuelUsed)
                }
            default:
                throw ReplayError(reason: "'\(line.prefix(200))' is not a journal line")
            }
        }
    }
}
