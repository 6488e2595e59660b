/// What the ended calls of one instance add up to since its counters were last stored: the
/// amounts to add to them and the state the last of those calls left the instance in.
struct CallTally: Hashable, Sendable {
    /// Calls that ended.
    var calls: UInt64 = 0
    /// Those of them that failed.
    var failedCalls: UInt64 = 0
    /// Fuel they consumed.
    var fuelUsed: UInt64 = 0
    /// The state the last of them left the instance in; nil while none ended.
    var state: InstanceState?

    /// Counts one call that ended, leaving the instance in `state`.
    mutating func count(state: InstanceState, failed: Bool, fuelUsed: UInt64) {
        calls += 1
        if failed { failedCalls += 1 }
        self.fuelUsed &+= fuelUsed
        self.state = state
    }

    /// `instance` (as stored) with these calls counted.
    func applied(to instance: StoredInstance) -> StoredInstance {
        var instance = instance
        instance.calls += calls
        instance.failedCalls += failedCalls
        instance.fuelUsed &+= fuelUsed
        instance.state = state ?? instance.state
        return instance
    }
}
