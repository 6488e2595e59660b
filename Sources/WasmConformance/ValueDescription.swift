import WasmRuntime

/// Short, unambiguous text for runtime values in failure messages: `i32:-1`,
/// `f32:1.5 (0x3fc00000)`, `ref.null func`, `ref.extern 7`.
enum ValueDescription {
    static func of(_ value: Value) -> String {
        switch value {
        case .i32(let bits): "i32:\(Int32(bitPattern: bits))"
        case .i64(let bits): "i64:\(Int64(bitPattern: bits))"
        case .f32(let bits): "f32:\(Float(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .f64(let bits): "f64:\(Double(bitPattern: bits)) (0x\(String(bits, radix: 16)))"
        case .funcRef(let function): function == nil ? "ref.null func" : "ref.func"
        case .externRef(let payload): payload.map { "ref.extern \($0)" } ?? "ref.null extern"
        case .exnRef(let exception): exception == nil ? "ref.null exn" : "ref.exn"
        }
    }

    static func of(_ values: [Value]) -> String {
        "(" + values.map(of).joined(separator: ", ") + ")"
    }
}
