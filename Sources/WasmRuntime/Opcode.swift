import WasmCore

internal import CWasmInterpreter

/// Translation helpers for the interpreter's instructions. `Opcode` itself, its list and the
/// operand layout of every instruction are declared once, in CWasmInterpreter's Opcodes.def.
extension Opcode {
    /// The opcode of a numeric operator.
    init(_ numeric: NumericOperator) {
        self = Opcode.numericOpcodes[numeric]!
    }

    /// The opcode of a load.
    init(_ load: LoadOperator) {
        self = Opcode(rawValue: Opcode.i32Load.rawValue + UInt32(load.rawValue - LoadOperator.i32Load.rawValue))!
    }

    /// The opcode of a store.
    init(_ store: StoreOperator) {
        self = Opcode(rawValue: Opcode.i32Store.rawValue + UInt32(store.rawValue - StoreOperator.i32Store.rawValue))!
    }

    private static let numericOpcodes: [NumericOperator: Opcode] = Dictionary(
        uniqueKeysWithValues: NumericOperator.allCases.enumerated().map { ($0.element, Opcode(rawValue: UInt32($0.offset))!) })

    /// The opcode as the first word of an instruction: the address of its handler.
    var word: UInt64 { wcomp_handler_word(self) }
}
