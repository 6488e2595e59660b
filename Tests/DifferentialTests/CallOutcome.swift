import ComponentModel
import WAVE

/// What one line of a calls file did on a runtime.
enum CallOutcome: CustomStringConvertible {
    case value(ComponentValue)
    /// No result, or a host-side drop that succeeded.
    case unit
    /// A resource handle (kept when the line names it).
    case resource
    /// A trap or a refused call, with the runtime's message.
    case trap(String)

    /// The form `run_wasmtime.py` prints: `value <WAVE>`, `unit`, `resource`, `trap <message>`.
    var description: String {
        switch self {
        case .value(let value): "value \(WAVEPrinter.string(value))"
        case .unit: "unit"
        case .resource: "resource"
        case .trap(let message): "trap \(message)"
        }
    }

    /// Reads a line printed by `run_wasmtime.py`; values are read as WAVE against `resultType`.
    init(wasmtimeLine line: String, resultType: ResolvedValueType?, types: TypeArena) throws {
        if line == "unit" {
            self = .unit
        } else if line == "resource" {
            self = .resource
        } else if line.hasPrefix("trap ") {
            self = .trap(String(line.dropFirst("trap ".count)))
        } else if line.hasPrefix("value "), let resultType {
            self = .value(try ComponentValue(parsingWAVE: String(line.dropFirst("value ".count)), as: resultType, types: types))
        } else {
            throw HarnessError("unexpected wasmtime output '\(line)'")
        }
    }

    /// Whether two runtimes agree: the same values (any NaN matching any NaN, as hosts may
    /// canonicalize NaN payloads), both traps (messages differ between runtimes), or the same
    /// kind of outcome otherwise.
    func agrees(with other: CallOutcome) -> Bool {
        switch (self, other) {
        case (.value(let a), .value(let b)): Self.same(a, b)
        case (.unit, .unit), (.resource, .resource), (.trap, .trap): true
        default: false
        }
    }

    private static func same(_ a: ComponentValue, _ b: ComponentValue) -> Bool {
        switch (a, b) {
        case (.f32(let x), .f32(let y)): (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
        case (.f64(let x), .f64(let y)): (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            x.count == y.count && zip(x, y).allSatisfy(same)
        case (.record(let x), .record(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && same($0.value, $1.value) }
        case (.variant(let n, let x), .variant(let m, let y)): n == m && same(x, y)
        case (.option(let x), .option(let y)): same(x, y)
        case (.result(.ok(let x)), .result(.ok(let y))), (.result(.error(let x)), .result(.error(let y))): same(x, y)
        default: a == b
        }
    }

    private static func same(_ a: ComponentValue?, _ b: ComponentValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): same(x, y)
        default: false
        }
    }
}
