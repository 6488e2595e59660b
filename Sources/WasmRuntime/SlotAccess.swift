/// Operand encoding and decoding for the translator and the instructions the Swift side
/// carries out (the C loop decodes its own).
typealias Slots = UnsafeMutablePointer<UInt64>
typealias CodePointer = UnsafeMutablePointer<UInt64>

/// Slot operands are 32-bit fields: field `n` is the 32-bit word at byte `8 + 4n` of an
/// instruction (two to an operand word, low half first).
@inline(__always) func slot0(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 8, as: UInt32.self)) }
@inline(__always) func slot1(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 12, as: UInt32.self)) }
@inline(__always) func slot2(_ pc: CodePointer) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 16, as: UInt32.self)) }

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

/// The address a load or store accesses: `(base + addend) mod 2^32 + offset`, the
/// immediate word holding `offset | addend << 32`.
@inline(__always) func effectiveAddress(_ base: UInt64, _ immediate: UInt64) -> UInt64 {
    UInt64(u32(base) &+ UInt32(truncatingIfNeeded: immediate &>> 32)) &+ (immediate & 0xFFFF_FFFF)
}
