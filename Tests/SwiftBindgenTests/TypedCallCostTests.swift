import ComponentModel
import Foundation
import Testing

/// Measures what a generated typed call costs with record and variant arguments, printing
/// nanoseconds of CPU time per call. Timings are printed, never asserted (machines differ); the test
/// asserts the results so the loop cannot be optimized away or go wrong unnoticed.
@Suite struct TypedCallCostTests {
    /// Calls per measurement round.
    static let calls = 20_000

    @Test func recordAndVariantCalls() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        let linker = ComponentLinker()
        Logger.register(RecordingLogger(), in: linker)
        Tags.register(TagFactory(log: ReleaseLog()), in: linker)
        Example.register(FixedClock(), in: linker)
        let instance = try linker.instantiate(LoadedComponent(bytes: [UInt8](bytes)))
        let shapes = try Shapes.Exports(instance)

        let translate = try Self.nanosecondsPerCall {
            var point = Shapes.Point(x: 0, y: 1)
            for _ in 0 ..< Self.calls { point = try shapes.translate(p: point, dx: 1) }
            #expect(point == Shapes.Point(x: Int32(Self.calls), y: 1))
        }
        let area = try Self.nanosecondsPerCall {
            var total: Float = 0
            for _ in 0 ..< Self.calls { total += try shapes.area(s: .rect(Shapes.Point(x: 2, y: 3))) }
            #expect(total == Float(6 * Self.calls))
        }
        let world = try Example.Exports(instance)
        let version = try Self.nanosecondsPerCall {
            var total: UInt32 = 0
            for _ in 0 ..< Self.calls { total &+= try world.version() }
            #expect(total == UInt32(7 * Self.calls))
        }
        print("typed call cost: translate(point, s32) -> point \(translate) ns, area(shape) -> f32 \(area) ns, version() -> u32 \(version) ns")
    }

    /// The best of five rounds of `body`, in nanoseconds of this thread's CPU time per call
    /// (CPU time, so that other processes on the machine disturb the figure less).
    static func nanosecondsPerCall(_ body: () throws -> Void) throws -> Int {
        var best = UInt64.max
        for _ in 0 ..< 5 {
            let start = threadCPUTime()
            try body()
            best = min(best, threadCPUTime() - start)
        }
        return Int(best / UInt64(calls))
    }

    /// This thread's CPU time in nanoseconds.
    static func threadCPUTime() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
