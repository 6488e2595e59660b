import ComponentModel
import Foundation
import Testing

/// Measures what a generated typed call costs with record and variant arguments, printing
/// nanoseconds per call. Timings are printed, never asserted (machines differ); the test
/// asserts the results so the loop cannot be optimized away or go wrong unnoticed.
@Suite struct TypedCallCostTests {
    /// Calls per measurement round.
    static let calls = 20_000

    @Test func recordAndVariantCalls() throws {
        let bytes = try Data(contentsOf: TestPaths.example.appending(path: "example.wasm"))
        let linker = ComponentLinker()
        Logger.register(RecordingLogger(), in: linker)
        Tags.register(TagStore(), in: linker)
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

    /// The best of three rounds of `body`, in nanoseconds per call.
    static func nanosecondsPerCall(_ body: () throws -> Void) throws -> Int {
        var best = Duration.seconds(1_000)
        for _ in 0 ..< 3 {
            let clock = ContinuousClock()
            let start = clock.now
            try body()
            best = min(best, clock.now - start)
        }
        let (seconds, attoseconds) = best.components
        return Int((Double(seconds) * 1e9 + Double(attoseconds) / 1e9) / Double(calls))
    }
}
