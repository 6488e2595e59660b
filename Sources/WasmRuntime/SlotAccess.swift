/// Operand decoding and typed slot access for the interpreter loop.
typealias Slots = UnsafeMutablePointer<UInt64>
typealias CodePointer = UnsafeMutablePointer<UInt64>

/// Bits per packed slot field; frames are limited to `1 << slotBits` slots.
let slotBits: UInt64 = 21
let slotMask: UInt64 = (1 << slotBits) - 1

@inline(__always) func slot0(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word & slotMask) }
@inline(__always) func slot1(_ word: UInt64) -> Int { Int(truncatingIfNeeded: (word &>> slotBits) & slotMask) }
@inline(__always) func slot2(_ word: UInt64) -> Int { Int(truncatingIfNeeded: word &>> (2 * slotBits)) }

/// Packs up to three slot indices into one operand word.
@inline(__always) func packSlots(_ a: Int, _ b: Int = 0, _ c: Int = 0) -> UInt64 {
    UInt64(a) | UInt64(b) << slotBits | UInt64(c) << (2 * slotBits)
}

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

/// Operation shapes: read the operands named by the operand word, write the destination.
extension UnsafeMutablePointer where Pointee == UInt64 {
    @inline(__always) func unary(_ w: UInt64, _ op: (UInt64) -> UInt64) {
        self[slot0(w)] = op(self[slot1(w)])
    }
    @inline(__always) func binary(_ w: UInt64, _ op: (UInt64, UInt64) -> UInt64) {
        self[slot0(w)] = op(self[slot1(w)], self[slot2(w)])
    }
    @inline(__always) func i32(_ w: UInt64, _ op: (UInt32, UInt32) -> UInt32) {
        self[slot0(w)] = UInt64(op(u32(self[slot1(w)]), u32(self[slot2(w)])))
    }
    @inline(__always) func i32Compare(_ w: UInt64, _ op: (UInt32, UInt32) -> Bool) {
        self[slot0(w)] = bits(op(u32(self[slot1(w)]), u32(self[slot2(w)])))
    }
    @inline(__always) func i64(_ w: UInt64, _ op: (UInt64, UInt64) -> UInt64) {
        self[slot0(w)] = op(self[slot1(w)], self[slot2(w)])
    }
    @inline(__always) func i64Compare(_ w: UInt64, _ op: (UInt64, UInt64) -> Bool) {
        self[slot0(w)] = bits(op(self[slot1(w)], self[slot2(w)]))
    }
    @inline(__always) func f32(_ w: UInt64, _ op: (Float, Float) -> Float) {
        self[slot0(w)] = bits(op(WasmRuntime.f32(self[slot1(w)]), WasmRuntime.f32(self[slot2(w)])))
    }
    @inline(__always) func f32Compare(_ w: UInt64, _ op: (Float, Float) -> Bool) {
        self[slot0(w)] = bits(op(WasmRuntime.f32(self[slot1(w)]), WasmRuntime.f32(self[slot2(w)])))
    }
    @inline(__always) func f64(_ w: UInt64, _ op: (Double, Double) -> Double) {
        self[slot0(w)] = bits(op(WasmRuntime.f64(self[slot1(w)]), WasmRuntime.f64(self[slot2(w)])))
    }
    @inline(__always) func f64Compare(_ w: UInt64, _ op: (Double, Double) -> Bool) {
        self[slot0(w)] = bits(op(WasmRuntime.f64(self[slot1(w)]), WasmRuntime.f64(self[slot2(w)])))
    }
    @inline(__always) func f32Unary(_ w: UInt64, _ op: (Float) -> Float) {
        self[slot0(w)] = bits(op(WasmRuntime.f32(self[slot1(w)])))
    }
    @inline(__always) func f64Unary(_ w: UInt64, _ op: (Double) -> Double) {
        self[slot0(w)] = bits(op(WasmRuntime.f64(self[slot1(w)])))
    }
    /// `dst = op(a, immediate)` for 32-bit integers.
    @inline(__always) func i32Immediate(_ w: UInt64, _ imm: UInt64, _ op: (UInt32, UInt32) -> UInt32) {
        self[slot0(w)] = UInt64(op(u32(self[slot1(w)]), u32(imm)))
    }
    @inline(__always) func i32CompareImmediate(_ w: UInt64, _ imm: UInt64, _ op: (UInt32, UInt32) -> Bool) {
        self[slot0(w)] = bits(op(u32(self[slot1(w)]), u32(imm)))
    }
    @inline(__always) func i64Immediate(_ w: UInt64, _ imm: UInt64, _ op: (UInt64, UInt64) -> UInt64) {
        self[slot0(w)] = op(self[slot1(w)], imm)
    }
    @inline(__always) func i64CompareImmediate(_ w: UInt64, _ imm: UInt64, _ op: (UInt64, UInt64) -> Bool) {
        self[slot0(w)] = bits(op(self[slot1(w)], imm))
    }
}
