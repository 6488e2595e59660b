/// Operand decoding and typed slot access for the interpreter loop.
typealias Slots = UnsafeMutablePointer<UInt64>
typealias CodePointer = UnsafeMutablePointer<UInt64>

/// Slot operands are 32-bit fields: field `n` is the 32-bit word at byte `8 + 4n` of an
/// instruction (two to an operand word, low half first).
@inline(__always) func slot0(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 8, as: UInt32.self)) }
@inline(__always) func slot1(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 12, as: UInt32.self)) }
@inline(__always) func slot2(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 16, as: UInt32.self)) }
@inline(__always) func slot3(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 20, as: UInt32.self)) }

/// Packs two slot indices into one operand word (the first in the low half).
@inline(__always) func packSlots(_ low: Int, _ high: Int = 0) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: low)) | UInt64(UInt32(truncatingIfNeeded: high)) << 32
}

/// The low and high slot of an operand word.
@inline(__always) func lowSlot(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word & 0xFFFF_FFFF) }
@inline(__always) func highSlot(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word &>> 32) }

/// The largest frame the translator produces, in slots.
let maxFrameSlots = 1 << 24

@inline(__always) func u32(_ bits: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: bits) }
@inline(__always) func s32(_ bits: UInt64) -> Int32 { Int32(truncatingIfNeeded: bits) }
@inline(__always) func s64(_ bits: UInt64) -> Int64 { Int64(bitPattern: bits) }
@inline(__always) func f32(_ bits: UInt64) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: bits)) }
@inline(__always) func f64(_ bits: UInt64) -> Double { Double(bitPattern: bits) }
@inline(__always) func bits(_ value: UInt32) -> UInt64 { UInt64(value) }
@inline(__always) func bits(_ value: Int32) -> UInt64 { UInt64(UInt32(bitPattern: value)) }
@inline(__always) func bits(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }
@inline(__always) func bits(_ value: Float) -> UInt64 { UInt64(value.bitPattern) }
@inline(__always) func bits(_ value: Double) -> UInt64 { value.bitPattern }
@inline(__always) func bits(_ value: Bool) -> UInt64 { value ? 1 : 0 }

/// The address a load or store accesses: `(base + addend) mod 2^32 + offset`, the
/// immediate word holding `offset | addend << 32`.
@inline(__always) func effectiveAddress(_ base: UInt64, _ immediate: UInt64) -> UInt64 {
    UInt64(u32(base) &+ UInt32(truncatingIfNeeded: immediate &>> 32)) &+ (immediate & 0xFFFF_FFFF)
}

/// Operation shapes: read the operands named by the instruction at `pc`, write the destination.
extension UnsafeMutablePointer where Pointee == UInt64 {
    @inline(__always) func unary(_ pc: CodePointer, _ op: (UInt64) -> UInt64) {
        self[slot0(pc)] = op(self[slot1(pc)])
    }
    @inline(__always) func binary(_ pc: CodePointer, _ op: (UInt64, UInt64) -> UInt64) {
        self[slot0(pc)] = op(self[slot1(pc)], self[slot2(pc)])
    }
    @inline(__always) func i32(_ pc: CodePointer, _ op: (UInt32, UInt32) -> UInt32) {
        self[slot0(pc)] = UInt64(op(u32(self[slot1(pc)]), u32(self[slot2(pc)])))
    }
    @inline(__always) func i32Compare(_ pc: CodePointer, _ op: (UInt32, UInt32) -> Bool) {
        self[slot0(pc)] = bits(op(u32(self[slot1(pc)]), u32(self[slot2(pc)])))
    }
    @inline(__always) func i64(_ pc: CodePointer, _ op: (UInt64, UInt64) -> UInt64) {
        self[slot0(pc)] = op(self[slot1(pc)], self[slot2(pc)])
    }
    @inline(__always) func i64Compare(_ pc: CodePointer, _ op: (UInt64, UInt64) -> Bool) {
        self[slot0(pc)] = bits(op(self[slot1(pc)], self[slot2(pc)]))
    }
    @inline(__always) func f32(_ pc: CodePointer, _ op: (Float, Float) -> Float) {
        self[slot0(pc)] = bits(op(WasmRuntime.f32(self[slot1(pc)]), WasmRuntime.f32(self[slot2(pc)])))
    }
    @inline(__always) func f32Compare(_ pc: CodePointer, _ op: (Float, Float) -> Bool) {
        self[slot0(pc)] = bits(op(WasmRuntime.f32(self[slot1(pc)]), WasmRuntime.f32(self[slot2(pc)])))
    }
    @inline(__always) func f64(_ pc: CodePointer, _ op: (Double, Double) -> Double) {
        self[slot0(pc)] = bits(op(WasmRuntime.f64(self[slot1(pc)]), WasmRuntime.f64(self[slot2(pc)])))
    }
    @inline(__always) func f64Compare(_ pc: CodePointer, _ op: (Double, Double) -> Bool) {
        self[slot0(pc)] = bits(op(WasmRuntime.f64(self[slot1(pc)]), WasmRuntime.f64(self[slot2(pc)])))
    }
    @inline(__always) func f32Unary(_ pc: CodePointer, _ op: (Float) -> Float) {
        self[slot0(pc)] = bits(op(WasmRuntime.f32(self[slot1(pc)])))
    }
    @inline(__always) func f64Unary(_ pc: CodePointer, _ op: (Double) -> Double) {
        self[slot0(pc)] = bits(op(WasmRuntime.f64(self[slot1(pc)])))
    }
    /// `dst = op(a, immediate)` for 32-bit integers.
    @inline(__always) func i32Immediate(_ pc: CodePointer, _ imm: UInt64, _ op: (UInt32, UInt32) -> UInt32) {
        self[slot0(pc)] = UInt64(op(u32(self[slot1(pc)]), u32(imm)))
    }
    @inline(__always) func i32CompareImmediate(_ pc: CodePointer, _ imm: UInt64, _ op: (UInt32, UInt32) -> Bool) {
        self[slot0(pc)] = bits(op(u32(self[slot1(pc)]), u32(imm)))
    }
    @inline(__always) func i64Immediate(_ pc: CodePointer, _ imm: UInt64, _ op: (UInt64, UInt64) -> UInt64) {
        self[slot0(pc)] = op(self[slot1(pc)], imm)
    }
    @inline(__always) func i64CompareImmediate(_ pc: CodePointer, _ imm: UInt64, _ op: (UInt64, UInt64) -> Bool) {
        self[slot0(pc)] = bits(op(self[slot1(pc)], imm))
    }
}
