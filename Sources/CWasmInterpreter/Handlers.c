/* The handlers of the instructions marked FAST in Opcodes.def. Each one carries out its
 * instruction and tail-calls (musttail) the handler of the next, whose address is the next
 * instruction's first word, so the loop never returns to a dispatcher and the machine state
 * (pc, frame, memory base and size, counter) stays in argument registers. Handlers leave the
 * loop by returning an ExitReason after saving that state in the context. */
#include "CWasmInterpreter.h"

#include <math.h>
#include <string.h>

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

/* The machine state every handler receives in registers: the instruction, the frame, memory 0
 * (base and size), the check counter, the context, the current function, the call-frame
 * stack (its next free record, the first record of this run, the end of the stack) and the
 * accumulator (the last result an instruction of kind VALUE* wrote, see Opcodes.def). */
#define HANDLER_PARAMETERS \
    uint64_t *pc, uint64_t *fp, uint8_t *mem, uint64_t memSize, int64_t counter, ExecutionContext *ctx, \
    FunctionRecord *current, CallFrameRecord *top, CallFrameRecord *entry, CallFrameRecord *limit, uint64_t acc
#define HANDLER_ARGUMENTS pc, fp, mem, memSize, counter, ctx, current, top, entry, limit, acc

/* preserve_none: handlers save no registers for their callers (they never return to one
 * but the entry), so none of them spends instructions on callee-saved registers. */
#if __has_attribute(preserve_none)
#define HANDLER_CONVENTION __attribute__((preserve_none))
#else
#define HANDLER_CONVENTION
#endif

typedef HANDLER_CONVENTION ExitReason (*Handler)(HANDLER_PARAMETERS);

#define HANDLER(name) static HANDLER_CONVENTION ExitReason handle##name(HANDLER_PARAMETERS)

/* Defines the handler of opcode `name` of kind `kind` (Opcodes.def) and those of its
 * accumulator forms, all with the same body: the body reads slot field n with IN(n) (the
 * accumulator in the form that reads field n from it) and writes a result with RESULT. */
#define DEFINE(kind, name, ...) DEFINE_##kind(name, __VA_ARGS__)
#define DEFINE_FAST(name, ...) HANDLER(name) { enum { accField = -1 }; __VA_ARGS__ }
#define DEFINE_FORM(name, field, ...) HANDLER(name##Acc##field) { enum { accField = field }; __VA_ARGS__ }
#define DEFINE_VALUE(name, ...) DEFINE_FAST(name, __VA_ARGS__)
#define DEFINE_VALUE_1(name, ...) DEFINE_FAST(name, __VA_ARGS__) DEFINE_FORM(name, 1, __VA_ARGS__)
#define DEFINE_VALUE_12(name, ...) DEFINE_VALUE_1(name, __VA_ARGS__) DEFINE_FORM(name, 2, __VA_ARGS__)
#define DEFINE_USE_0(name, ...) DEFINE_FAST(name, __VA_ARGS__) DEFINE_FORM(name, 0, __VA_ARGS__)
#define DEFINE_USE_01(name, ...) DEFINE_USE_0(name, __VA_ARGS__) DEFINE_FORM(name, 1, __VA_ARGS__)

#ifdef WCOMP_PROFILE_PAIRS
void wcomp_profile_pair(uint64_t next);
#define PROFILE() wcomp_profile_pair(pc[0])
#else
#define PROFILE()
#endif
/* Continues with the instruction at `pc`. */
#define DISPATCH() PROFILE(); \
    __attribute__((musttail)) return ((Handler)(uintptr_t)pc[0])(HANDLER_ARGUMENTS)
/* Continues with the instruction `words` words further. */
#define NEXT(words) do { pc += (words); DISPATCH(); } while (0)

/* Leaves the loop with the state saved in the context. */
#define EXIT(reason) do { \
    ctx->pc = pc; \
    ctx->fp = fp; \
    ctx->counter = counter; \
    ctx->current = current; \
    ctx->frameDepth = top - ctx->frames; \
    return (reason); \
} while (0)
#define TRAP(code) do { ctx->trap = (code); EXIT(ExitReasonTrap); } while (0)

/* The check at function entry and loop back-edges: when the counter is used up, the Swift
 * side refills it (or stops the guest: fuel, interrupt, deadline) and resumes at `pc`. */
#define CHECK() do { if (UNLIKELY(counter == 0)) EXIT(ExitReasonCheck); counter--; } while (0)

/* Caches the base and size of the context's memory. */
#define LOAD_MEMORY() do { \
    MemoryRecord *memory_ = ctx->memory; \
    mem = memory_ && memory_->base ? (uint8_t *)memory_->base : (uint8_t *)(uintptr_t)8; \
    memSize = memory_ ? memory_->byteCount : 0; \
} while (0)
/* Switches the cached memory to that of `function` when it differs (calls and returns). */
#define SWITCH_MEMORY(function) do { \
    if (UNLIKELY((function)->memory != ctx->memory)) { ctx->memory = (function)->memory; LOAD_MEMORY(); } \
} while (0)

/* Slot field n of the instruction (32-bit fields from the first operand word on). */
#define SLOT(n) (((const uint32_t *)(pc + 1))[n])
#define R(n) fp[SLOT(n)]
/* Operand field n: from the accumulator in the form reading that field from it. */
#define IN(n) ((n) == accField ? acc : R(n))
/* Writes the result to slot field 0 and to the accumulator. */
#define RESULT(value) do { uint64_t result_ = (value); R(0) = result_; acc = result_; } while (0)

static inline uint32_t u32(uint64_t bits) { return (uint32_t)bits; }
static inline int32_t s32(uint64_t bits) { return (int32_t)(uint32_t)bits; }
static inline int64_t s64(uint64_t bits) { return (int64_t)bits; }
static inline float f32(uint64_t bits) { uint32_t b = (uint32_t)bits; float f; memcpy(&f, &b, 4); return f; }
static inline double f64(uint64_t bits) { double d; memcpy(&d, &bits, 8); return d; }
static inline uint64_t bitsF32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static inline uint64_t bitsF64(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static inline uint64_t bitsI32(int32_t v) { return (uint32_t)v; }

/* MARK: Operation shapes ([op][dst|a][b] and [op][dst|a]) */

#define UNARY(name, expr) DEFINE(VALUE_1, name, uint64_t a = IN(1); RESULT(expr); NEXT(2);)
#define I32_BINARY(name, expr) \
    DEFINE(VALUE_12, name, uint32_t a = u32(IN(1)), b = u32(IN(2)); RESULT((uint32_t)(expr)); NEXT(3);)
#define I64_BINARY(name, expr) DEFINE(VALUE_12, name, uint64_t a = IN(1), b = IN(2); RESULT(expr); NEXT(3);)
#define F32_BINARY(name, expr) \
    DEFINE(VALUE_12, name, float a = f32(IN(1)), b = f32(IN(2)); RESULT(bitsF32(expr)); NEXT(3);)
#define F64_BINARY(name, expr) \
    DEFINE(VALUE_12, name, double a = f64(IN(1)), b = f64(IN(2)); RESULT(bitsF64(expr)); NEXT(3);)
#define F32_COMPARE(name, op) DEFINE(VALUE_12, name, RESULT(f32(IN(1)) op f32(IN(2))); NEXT(3);)
#define F64_COMPARE(name, op) DEFINE(VALUE_12, name, RESULT(f64(IN(1)) op f64(IN(2))); NEXT(3);)
#define F32_UNARY(name, expr) DEFINE(VALUE_1, name, float a = f32(IN(1)); RESULT(bitsF32(expr)); NEXT(2);)
#define F64_UNARY(name, expr) DEFINE(VALUE_1, name, double a = f64(IN(1)); RESULT(bitsF64(expr)); NEXT(2);)
/* [op][dst|a][immediate] */
#define I32_IMMEDIATE(name, expr) \
    DEFINE(VALUE_1, name, uint32_t a = u32(IN(1)), b = u32(pc[2]); RESULT((uint32_t)(expr)); NEXT(3);)
#define I64_IMMEDIATE(name, expr) DEFINE(VALUE_1, name, uint64_t a = IN(1), b = pc[2]; RESULT(expr); NEXT(3);)

/* MARK: Comparisons and tests */

UNARY(I32Eqz, u32(a) == 0)
I32_BINARY(I32Eq, a == b) I32_BINARY(I32Ne, a != b)
I32_BINARY(I32LtS, (int32_t)a < (int32_t)b) I32_BINARY(I32LtU, a < b)
I32_BINARY(I32GtS, (int32_t)a > (int32_t)b) I32_BINARY(I32GtU, a > b)
I32_BINARY(I32LeS, (int32_t)a <= (int32_t)b) I32_BINARY(I32LeU, a <= b)
I32_BINARY(I32GeS, (int32_t)a >= (int32_t)b) I32_BINARY(I32GeU, a >= b)
UNARY(I64Eqz, a == 0)
I64_BINARY(I64Eq, a == b) I64_BINARY(I64Ne, a != b)
I64_BINARY(I64LtS, s64(a) < s64(b)) I64_BINARY(I64LtU, a < b)
I64_BINARY(I64GtS, s64(a) > s64(b)) I64_BINARY(I64GtU, a > b)
I64_BINARY(I64LeS, s64(a) <= s64(b)) I64_BINARY(I64LeU, a <= b)
I64_BINARY(I64GeS, s64(a) >= s64(b)) I64_BINARY(I64GeU, a >= b)
F32_COMPARE(F32Eq, ==) F32_COMPARE(F32Ne, !=) F32_COMPARE(F32Lt, <)
F32_COMPARE(F32Gt, >) F32_COMPARE(F32Le, <=) F32_COMPARE(F32Ge, >=)
F64_COMPARE(F64Eq, ==) F64_COMPARE(F64Ne, !=) F64_COMPARE(F64Lt, <)
F64_COMPARE(F64Gt, >) F64_COMPARE(F64Le, <=) F64_COMPARE(F64Ge, >=)

/* MARK: Integer arithmetic */

UNARY(I32Clz, u32(a) ? (uint64_t)__builtin_clz(u32(a)) : 32)
UNARY(I32Ctz, u32(a) ? (uint64_t)__builtin_ctz(u32(a)) : 32)
UNARY(I32Popcnt, (uint64_t)__builtin_popcount(u32(a)))
I32_BINARY(I32Add, a + b) I32_BINARY(I32Sub, a - b) I32_BINARY(I32Mul, a * b)
DEFINE(VALUE_12, I32DivS,
    int32_t a = s32(IN(1)), b = s32(IN(2));
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    if (UNLIKELY(a == INT32_MIN && b == -1)) TRAP(TrapCodeIntegerOverflow);
    RESULT(bitsI32(a / b));
    NEXT(3);
)
DEFINE(VALUE_12, I32DivU,
    uint32_t a = u32(IN(1)), b = u32(IN(2));
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    RESULT(a / b);
    NEXT(3);
)
DEFINE(VALUE_12, I32RemS,
    int32_t a = s32(IN(1)), b = s32(IN(2));
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    RESULT(b == -1 ? 0 : bitsI32(a % b));
    NEXT(3);
)
DEFINE(VALUE_12, I32RemU,
    uint32_t a = u32(IN(1)), b = u32(IN(2));
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    RESULT(a % b);
    NEXT(3);
)
I32_BINARY(I32And, a & b) I32_BINARY(I32Or, a | b) I32_BINARY(I32Xor, a ^ b)
I32_BINARY(I32Shl, a << (b & 31)) I32_BINARY(I32ShrS, (uint32_t)((int32_t)a >> (b & 31)))
I32_BINARY(I32ShrU, a >> (b & 31))
I32_BINARY(I32Rotl, __builtin_rotateleft32(a, b)) I32_BINARY(I32Rotr, __builtin_rotateright32(a, b))
UNARY(I64Clz, a ? (uint64_t)__builtin_clzll(a) : 64)
UNARY(I64Ctz, a ? (uint64_t)__builtin_ctzll(a) : 64)
UNARY(I64Popcnt, (uint64_t)__builtin_popcountll(a))
I64_BINARY(I64Add, a + b) I64_BINARY(I64Sub, a - b) I64_BINARY(I64Mul, a * b)
DEFINE(VALUE_12, I64DivS,
    int64_t a = s64(IN(1)), b = s64(IN(2));
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    if (UNLIKELY(a == INT64_MIN && b == -1)) TRAP(TrapCodeIntegerOverflow);
    RESULT((uint64_t)(a / b));
    NEXT(3);
)
DEFINE(VALUE_12, I64DivU,
    uint64_t a = IN(1), b = IN(2);
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    RESULT(a / b);
    NEXT(3);
)
DEFINE(VALUE_12, I64RemS,
    int64_t a = s64(IN(1)), b = s64(IN(2));
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    RESULT(b == -1 ? 0 : (uint64_t)(a % b));
    NEXT(3);
)
DEFINE(VALUE_12, I64RemU,
    uint64_t a = IN(1), b = IN(2);
    if (UNLIKELY(b == 0)) TRAP(TrapCodeIntegerDivideByZero);
    RESULT(a % b);
    NEXT(3);
)
I64_BINARY(I64And, a & b) I64_BINARY(I64Or, a | b) I64_BINARY(I64Xor, a ^ b)
I64_BINARY(I64Shl, a << (b & 63)) I64_BINARY(I64ShrS, (uint64_t)(s64(a) >> (b & 63)))
I64_BINARY(I64ShrU, a >> (b & 63))
I64_BINARY(I64Rotl, __builtin_rotateleft64(a, b)) I64_BINARY(I64Rotr, __builtin_rotateright64(a, b))

/* MARK: Float arithmetic */

/* fN.min and fN.max: NaN if either operand is NaN; -0 is less than +0. */
#define MIN_MAX(type, min, max) \
    static inline type min(type a, type b) { \
        if (a != a || b != b) return a + b; \
        if (a == b) return signbit(a) ? a : b; \
        return a < b ? a : b; \
    } \
    static inline type max(type a, type b) { \
        if (a != a || b != b) return a + b; \
        if (a == b) return signbit(a) ? b : a; \
        return a > b ? a : b; \
    }
MIN_MAX(float, minF32, maxF32)
MIN_MAX(double, minF64, maxF64)

UNARY(F32Abs, a & 0x7FFFFFFFu) UNARY(F32Neg, u32(a) ^ 0x80000000u)
F32_UNARY(F32Ceil, ceilf(a)) F32_UNARY(F32Floor, floorf(a)) F32_UNARY(F32Trunc, truncf(a))
F32_UNARY(F32Nearest, rintf(a)) F32_UNARY(F32Sqrt, sqrtf(a))
F32_BINARY(F32Add, a + b) F32_BINARY(F32Sub, a - b) F32_BINARY(F32Mul, a * b) F32_BINARY(F32Div, a / b)
F32_BINARY(F32Min, minF32(a, b)) F32_BINARY(F32Max, maxF32(a, b))
DEFINE(VALUE_12, F32Copysign, RESULT((IN(1) & 0x7FFFFFFFu) | (IN(2) & 0x80000000u)); NEXT(3);)
UNARY(F64Abs, a & 0x7FFFFFFFFFFFFFFFull) UNARY(F64Neg, a ^ 0x8000000000000000ull)
F64_UNARY(F64Ceil, ceil(a)) F64_UNARY(F64Floor, floor(a)) F64_UNARY(F64Trunc, trunc(a))
F64_UNARY(F64Nearest, rint(a)) F64_UNARY(F64Sqrt, sqrt(a))
F64_BINARY(F64Add, a + b) F64_BINARY(F64Sub, a - b) F64_BINARY(F64Mul, a * b) F64_BINARY(F64Div, a / b)
F64_BINARY(F64Min, minF64(a, b)) F64_BINARY(F64Max, maxF64(a, b))
DEFINE(VALUE_12, F64Copysign, RESULT((IN(1) & 0x7FFFFFFFFFFFFFFFull) | (IN(2) & 0x8000000000000000ull)); NEXT(3);)

/* MARK: Conversions */

/* Trapping float-to-integer conversion: NaN is an invalid conversion; a truncated value
 * outside [lower, upper) overflows. */
#define TRUNCATE(name, convertIn, lower, upper, result) \
    DEFINE(VALUE_1, name, \
        double v = convertIn(IN(1)); /* exact for f32 too */ \
        if (UNLIKELY(v != v)) TRAP(TrapCodeInvalidConversionToInteger); \
        double t = __builtin_trunc(v); \
        if (UNLIKELY(!(t >= (lower) && t < (upper)))) TRAP(TrapCodeIntegerOverflow); \
        RESULT(result); \
        NEXT(2); \
    )
#define TWO_31 2147483648.0
#define TWO_32 4294967296.0
#define TWO_63 9223372036854775808.0
#define TWO_64 18446744073709551616.0

TRUNCATE(I32TruncF32S, f32, -TWO_31, TWO_31, bitsI32((int32_t)t))
TRUNCATE(I32TruncF32U, f32, 0, TWO_32, (uint32_t)t)
TRUNCATE(I32TruncF64S, f64, -TWO_31, TWO_31, bitsI32((int32_t)t))
TRUNCATE(I32TruncF64U, f64, 0, TWO_32, (uint32_t)t)
TRUNCATE(I64TruncF32S, f32, -TWO_63, TWO_63, (uint64_t)(int64_t)t)
TRUNCATE(I64TruncF32U, f32, 0, TWO_64, (uint64_t)t)
TRUNCATE(I64TruncF64S, f64, -TWO_63, TWO_63, (uint64_t)(int64_t)t)
TRUNCATE(I64TruncF64U, f64, 0, TWO_64, (uint64_t)t)

/* Saturating conversions: NaN is 0, out-of-range values clamp. */
static inline uint64_t saturateI32S(double v) {
    if (v != v) return 0;
    if (v <= -TWO_31) return bitsI32(INT32_MIN);
    if (v >= TWO_31) return INT32_MAX;
    return bitsI32((int32_t)v);
}
static inline uint64_t saturateI32U(double v) {
    if (v != v || v <= 0) return 0;
    if (v >= TWO_32) return UINT32_MAX;
    return (uint32_t)v;
}
static inline uint64_t saturateI64S(double v) {
    if (v != v) return 0;
    if (v <= -TWO_63) return (uint64_t)INT64_MIN;
    if (v >= TWO_63) return INT64_MAX;
    return (uint64_t)(int64_t)v;
}
static inline uint64_t saturateI64U(double v) {
    if (v != v || v <= 0) return 0;
    if (v >= TWO_64) return UINT64_MAX;
    return (uint64_t)v;
}

UNARY(I32WrapI64, a & 0xFFFFFFFFu)
/* Bit-preserving: 32-bit values are kept zero-extended in their slots. */
UNARY(I64ExtendI32U, a) UNARY(I32ReinterpretF32, a) UNARY(I64ReinterpretF64, a)
UNARY(F32ReinterpretI32, a) UNARY(F64ReinterpretI64, a)
UNARY(I32TruncSatF32S, saturateI32S(f32(a))) UNARY(I32TruncSatF32U, saturateI32U(f32(a)))
UNARY(I32TruncSatF64S, saturateI32S(f64(a))) UNARY(I32TruncSatF64U, saturateI32U(f64(a)))
UNARY(I64TruncSatF32S, saturateI64S(f32(a))) UNARY(I64TruncSatF32U, saturateI64U(f32(a)))
UNARY(I64TruncSatF64S, saturateI64S(f64(a))) UNARY(I64TruncSatF64U, saturateI64U(f64(a)))
UNARY(I64ExtendI32S, (uint64_t)(int64_t)s32(a))
UNARY(F32ConvertI32S, bitsF32((float)s32(a))) UNARY(F32ConvertI32U, bitsF32((float)u32(a)))
UNARY(F32ConvertI64S, bitsF32((float)s64(a))) UNARY(F32ConvertI64U, bitsF32((float)a))
UNARY(F32DemoteF64, bitsF32((float)f64(a)))
UNARY(F64ConvertI32S, bitsF64((double)s32(a))) UNARY(F64ConvertI32U, bitsF64((double)u32(a)))
UNARY(F64ConvertI64S, bitsF64((double)s64(a))) UNARY(F64ConvertI64U, bitsF64((double)a))
UNARY(F64PromoteF32, bitsF64((double)f32(a)))
UNARY(I32Extend8S, bitsI32((int8_t)a)) UNARY(I32Extend16S, bitsI32((int16_t)a))
UNARY(I64Extend8S, (uint64_t)(int64_t)(int8_t)a) UNARY(I64Extend16S, (uint64_t)(int64_t)(int16_t)a)
UNARY(I64Extend32S, (uint64_t)(int64_t)(int32_t)a)

/* MARK: Memory 0 */

/* The address a load or store accesses: (base + addend) mod 2^32 + offset, the immediate word
 * holding offset | addend << 32. */
#define ADDRESS(base) ((uint64_t)(u32(base) + (uint32_t)(pc[2] >> 32)) + (pc[2] & 0xFFFFFFFFu))

/* Declares `address` = ADDRESS(base) and `v`, the `type` loaded there (trapping out of bounds). */
#define LOAD_AT(type, base) \
    uint64_t address = ADDRESS(base); \
    if (UNLIKELY(address + sizeof(type) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess); \
    type v; \
    memcpy(&v, mem + address, sizeof(type));

/* [op][dst|address][offset | addend << 32] */
#define LOAD(name, type, result) DEFINE(VALUE_1, name, LOAD_AT(type, IN(1)) RESULT(result); NEXT(3);)
/* [op][address|value][offset | addend << 32] */
#define STORE(name, type) \
    DEFINE(USE_01, name, \
        uint64_t address = ADDRESS(IN(0)); \
        if (UNLIKELY(address + sizeof(type) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess); \
        type v = (type)IN(1); \
        memcpy(mem + address, &v, sizeof(type)); \
        NEXT(3); \
    )

LOAD(I32Load, uint32_t, v) LOAD(I64Load, uint64_t, v) LOAD(F32Load, uint32_t, v) LOAD(F64Load, uint64_t, v)
LOAD(I32Load8S, int8_t, bitsI32(v)) LOAD(I32Load8U, uint8_t, v)
LOAD(I32Load16S, int16_t, bitsI32(v)) LOAD(I32Load16U, uint16_t, v)
LOAD(I64Load8S, int8_t, (uint64_t)(int64_t)v) LOAD(I64Load8U, uint8_t, v)
LOAD(I64Load16S, int16_t, (uint64_t)(int64_t)v) LOAD(I64Load16U, uint16_t, v)
LOAD(I64Load32S, int32_t, (uint64_t)(int64_t)v) LOAD(I64Load32U, uint32_t, v)
STORE(I32Store, uint32_t) STORE(I64Store, uint64_t) STORE(F32Store, uint32_t) STORE(F64Store, uint64_t)
STORE(I32Store8, uint8_t) STORE(I32Store16, uint16_t)
STORE(I64Store8, uint8_t) STORE(I64Store16, uint16_t) STORE(I64Store32, uint32_t)

DEFINE(VALUE, MemorySize, RESULT(memSize >> 16); NEXT(2);)
/* [op][destination|value][count] */
HANDLER(MemoryFill) {
    uint64_t destination = u32(R(0)), count = u32(R(2));
    if (UNLIKELY(destination + count > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess);
    memset(mem + destination, (int)(R(1) & 0xFF), count);
    NEXT(3);
}
/* [op][destination|source][count] */
HANDLER(MemoryCopy) {
    uint64_t destination = u32(R(0)), source = u32(R(1)), count = u32(R(2));
    if (UNLIKELY(destination + count > memSize || source + count > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess);
    memmove(mem + destination, mem + source, count);
    NEXT(3);
}

/* [op][dst|a][address][offset | addend << 32]: dst = a op (the value loaded). */
#define LOAD_OPERAND(name, type, operandType, convert, expr) \
    DEFINE(VALUE_12, name, \
        uint64_t address = (uint64_t)(u32(IN(2)) + (uint32_t)(pc[3] >> 32)) + (pc[3] & 0xFFFFFFFFu); \
        if (UNLIKELY(address + sizeof(type) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess); \
        type loaded; \
        memcpy(&loaded, mem + address, sizeof(type)); \
        operandType a = convert(IN(1)), b = convert(loaded); \
        RESULT(expr); \
        NEXT(4); \
    )
/* [op][address|a][offset | addend << 32]: the same, its result stored back where it was loaded from. */
#define LOAD_OPERAND_STORE(name, type, operandType, convert, expr) \
    DEFINE(USE_01, name, \
        LOAD_AT(type, IN(0)) \
        operandType a = convert(IN(1)), b = convert(v); \
        type stored = (type)(expr); \
        memcpy(mem + address, &stored, sizeof(type)); \
        NEXT(3); \
    )
/* Both forms of an operator whose operand is loaded at the result's width. */
#define LOAD_OPERAND_FORMS(name, type, operandType, convert, expr) \
    LOAD_OPERAND(name, type, operandType, convert, expr) LOAD_OPERAND_STORE(name##Store, type, operandType, convert, expr)
#define SAME(x) (x)
LOAD_OPERAND_FORMS(I32AddLoad, uint32_t, uint32_t, u32, (uint32_t)(a + b))
LOAD_OPERAND_FORMS(I32SubLoad, uint32_t, uint32_t, u32, (uint32_t)(a - b))
LOAD_OPERAND_FORMS(I32MulLoad, uint32_t, uint32_t, u32, (uint32_t)(a * b))
LOAD_OPERAND_FORMS(I32AndLoad, uint32_t, uint32_t, u32, a & b)
LOAD_OPERAND_FORMS(I32OrLoad, uint32_t, uint32_t, u32, a | b)
LOAD_OPERAND_FORMS(I32XorLoad, uint32_t, uint32_t, u32, a ^ b)
LOAD_OPERAND_FORMS(I64AddLoad, uint64_t, uint64_t, SAME, a + b)
LOAD_OPERAND_FORMS(I64SubLoad, uint64_t, uint64_t, SAME, a - b)
LOAD_OPERAND_FORMS(I64AndLoad, uint64_t, uint64_t, SAME, a & b)
LOAD_OPERAND_FORMS(I64OrLoad, uint64_t, uint64_t, SAME, a | b)
LOAD_OPERAND_FORMS(I64XorLoad, uint64_t, uint64_t, SAME, a ^ b)
LOAD_OPERAND_FORMS(F32AddLoad, uint32_t, float, f32, bitsF32(a + b))
LOAD_OPERAND_FORMS(F32SubLoad, uint32_t, float, f32, bitsF32(a - b))
LOAD_OPERAND_FORMS(F32MulLoad, uint32_t, float, f32, bitsF32(a * b))
LOAD_OPERAND_FORMS(F64AddLoad, uint64_t, double, f64, bitsF64(a + b))
LOAD_OPERAND_FORMS(F64SubLoad, uint64_t, double, f64, bitsF64(a - b))
LOAD_OPERAND_FORMS(F64MulLoad, uint64_t, double, f64, bitsF64(a * b))
/* int16_t converted by u32 is sign-extended. */
LOAD_OPERAND(I32AddLoad16S, int16_t, uint32_t, u32, (uint32_t)(a + b))
LOAD_OPERAND(I32MulLoad16S, int16_t, uint32_t, u32, (uint32_t)(a * b))

/* [op][dst|address a][address b][immediate a][immediate b]: a's bounds are checked (and its trap
 * raised) before b's, as unfused. */
DEFINE(VALUE_12, I32MulLoads16S,
    uint64_t first = (uint64_t)(u32(IN(1)) + (uint32_t)(pc[3] >> 32)) + (pc[3] & 0xFFFFFFFFu);
    if (UNLIKELY(first + sizeof(int16_t) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess);
    uint64_t second = (uint64_t)(u32(IN(2)) + (uint32_t)(pc[4] >> 32)) + (pc[4] & 0xFFFFFFFFu);
    if (UNLIKELY(second + sizeof(int16_t) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess);
    int16_t a, b;
    memcpy(&a, mem + first, sizeof a);
    memcpy(&b, mem + second, sizeof b);
    RESULT((uint32_t)((int32_t)a * (int32_t)b));
    NEXT(5);
)

/* [op][destination address|source address][source immediate][destination immediate]: the load's
 * bounds are checked (and its trap raised) before the store's, as unfused. */
#define MOVE(name, type) \
    DEFINE(USE_01, name, \
        uint64_t source = (uint64_t)(u32(IN(1)) + (uint32_t)(pc[2] >> 32)) + (pc[2] & 0xFFFFFFFFu); \
        if (UNLIKELY(source + sizeof(type) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess); \
        type v; \
        memcpy(&v, mem + source, sizeof(type)); \
        uint64_t destination = (uint64_t)(u32(IN(0)) + (uint32_t)(pc[3] >> 32)) + (pc[3] & 0xFFFFFFFFu); \
        if (UNLIKELY(destination + sizeof(type) > memSize)) TRAP(TrapCodeOutOfBoundsMemoryAccess); \
        memcpy(mem + destination, &v, sizeof(type)); \
        NEXT(4); \
    )
MOVE(Move8, uint8_t) MOVE(Move16, uint16_t) MOVE(Move32, uint32_t) MOVE(Move64, uint64_t)

/* [op][dst1|a1][immediate1][dst2|a2][immediate2] */
HANDLER(I32AddImm2) {
    R(0) = (uint32_t)(u32(R(1)) + u32(pc[2]));
    const uint32_t *second = (const uint32_t *)(pc + 3);
    fp[second[0]] = (uint32_t)(u32(fp[second[1]]) + u32(pc[4]));
    NEXT(5);
}

/* [op][dst|a][b|count] */
DEFINE(VALUE_12, I32XorRotlImm, RESULT(u32(IN(1)) ^ __builtin_rotateleft32(u32(IN(2)), SLOT(3))); NEXT(3);)

/* [op][dst|x][y | k1 << 32 | k2 << 40] and [op][dst|x][y|z][k1 | k2 << 8 | k3 << 16] */
DEFINE(VALUE_12, I32XorRotl2,
    uint64_t counts = pc[2] >> 32;
    RESULT(__builtin_rotateleft32(u32(IN(1)), counts & 31) ^ __builtin_rotateleft32(u32(IN(2)), (counts >> 8) & 31));
    NEXT(3);
)
DEFINE(VALUE_12, I32XorRotl3,
    uint64_t counts = pc[3];
    RESULT(__builtin_rotateleft32(u32(IN(1)), counts & 31) ^ __builtin_rotateleft32(u32(IN(2)), (counts >> 8) & 31)
           ^ __builtin_rotateleft32(u32(R(3)), (counts >> 16) & 31));
    NEXT(4);
)

/* [op][dst|a][b|c] */
DEFINE(VALUE_12, I32Add3, RESULT((uint32_t)(u32(IN(1)) + u32(IN(2)) + u32(R(3)))); NEXT(3);)

/* [op][dst|a][b] */
I32_BINARY(I32AddEqz, a + (b == 0))
/* [op][dst|a][b|c] */
DEFINE(VALUE_12, I32AndXor, RESULT(u32(IN(1)) & (u32(IN(2)) ^ u32(R(3)))); NEXT(3);)
DEFINE(VALUE_12, I32BitSelect, uint32_t b = u32(IN(2)); RESULT(((u32(IN(1)) ^ b) & u32(R(3))) ^ b); NEXT(3);)
DEFINE(VALUE_12, I32Majority,
    uint32_t a = u32(IN(1)), b = u32(IN(2)), c = u32(R(3));
    RESULT((a & (b ^ c)) ^ (b & c));
    NEXT(3);
)

/* MARK: Immediate operands */

I32_IMMEDIATE(I32AddImm, a + b) I32_IMMEDIATE(I32MulImm, a * b) I32_IMMEDIATE(I32AndImm, a & b)
I32_IMMEDIATE(I32OrImm, a | b) I32_IMMEDIATE(I32XorImm, a ^ b) I32_IMMEDIATE(I32ShlImm, a << (b & 31))
I32_IMMEDIATE(I32ShrSImm, (uint32_t)((int32_t)a >> (b & 31))) I32_IMMEDIATE(I32ShrUImm, a >> (b & 31))
I32_IMMEDIATE(I32RotlImm, __builtin_rotateleft32(a, b)) I32_IMMEDIATE(I32RotrImm, __builtin_rotateright32(a, b))
I64_IMMEDIATE(I64RotlImm, __builtin_rotateleft64(a, b)) I64_IMMEDIATE(I64RotrImm, __builtin_rotateright64(a, b))
I32_IMMEDIATE(I32EqImm, a == b) I32_IMMEDIATE(I32NeImm, a != b)
I32_IMMEDIATE(I32LtSImm, (int32_t)a < (int32_t)b) I32_IMMEDIATE(I32LtUImm, a < b)
I32_IMMEDIATE(I32GtSImm, (int32_t)a > (int32_t)b) I32_IMMEDIATE(I32GtUImm, a > b)
I32_IMMEDIATE(I32LeSImm, (int32_t)a <= (int32_t)b) I32_IMMEDIATE(I32LeUImm, a <= b)
I32_IMMEDIATE(I32GeSImm, (int32_t)a >= (int32_t)b) I32_IMMEDIATE(I32GeUImm, a >= b)
I64_IMMEDIATE(I64AddImm, a + b) I64_IMMEDIATE(I64SubImm, a - b) I64_IMMEDIATE(I64MulImm, a * b)
I64_IMMEDIATE(I64AndImm, a & b) I64_IMMEDIATE(I64OrImm, a | b) I64_IMMEDIATE(I64XorImm, a ^ b)
I64_IMMEDIATE(I64ShlImm, a << (b & 63)) I64_IMMEDIATE(I64ShrSImm, (uint64_t)(s64(a) >> (b & 63)))
I64_IMMEDIATE(I64ShrUImm, a >> (b & 63))
I64_IMMEDIATE(I64EqImm, a == b) I64_IMMEDIATE(I64NeImm, a != b)
I64_IMMEDIATE(I64LtSImm, s64(a) < s64(b)) I64_IMMEDIATE(I64LtUImm, a < b)
I64_IMMEDIATE(I64GtSImm, s64(a) > s64(b)) I64_IMMEDIATE(I64GtUImm, a > b)
I64_IMMEDIATE(I64LeSImm, s64(a) <= s64(b)) I64_IMMEDIATE(I64LeUImm, a <= b)
I64_IMMEDIATE(I64GeSImm, s64(a) >= s64(b)) I64_IMMEDIATE(I64GeUImm, a >= b)

/* MARK: Branches */

/* Jumps by the offset in word `operand` (a back-edge checks) when `condition` holds, else
 * continues after the instruction's `words`. */
#define BRANCH_IF(condition, operand, words) do { \
    if (condition) { \
        int64_t offset_ = (int64_t)pc[operand]; \
        pc += offset_; \
        if (offset_ <= 0) CHECK(); \
        DISPATCH(); \
    } \
    NEXT(words); \
} while (0)

/* [op][a|b][offset] and [op][a | imm32 << 32][offset] */
#define BRANCH_COMPARE(name, expr) DEFINE(USE_01, name, uint32_t a = u32(IN(0)), b = u32(IN(1)); BRANCH_IF(expr, 2, 3);)
#define BRANCH_COMPARE_IMMEDIATE(name, expr) \
    DEFINE(USE_0, name, uint32_t a = u32(IN(0)), b = SLOT(1); BRANCH_IF(expr, 2, 3);)

/* The sum is written before the other operand is read (it may be the same slot). */
/* [op][dst|a][b|c][offset] */
#define ADD_BRANCH(name, expr) \
    DEFINE(FAST, name, uint32_t a = u32(R(1)) + u32(R(2)); R(0) = a; uint32_t b = u32(R(3)); BRANCH_IF(expr, 3, 4);)
/* [op][dst|a][addend | c << 32][offset] */
#define ADD_IMMEDIATE_BRANCH(name, expr) \
    DEFINE(FAST, name, uint32_t a = u32(R(1)) + u32(pc[2]); R(0) = a; uint32_t b = u32(R(3)); BRANCH_IF(expr, 3, 4);)
/* [op][dst|a][addend | imm32 << 32][offset] */
#define ADD_IMMEDIATE_BRANCH_IMMEDIATE(name, expr) \
    DEFINE(FAST, name, uint32_t a = u32(R(1)) + u32(pc[2]); R(0) = a; uint32_t b = SLOT(3); BRANCH_IF(expr, 3, 4);)

/* Every compare-and-branch shape of an i32 comparison kind (its condition on a and b). */
#define I32_BRANCH_FORMS(kind, expr) \
    BRANCH_COMPARE(BrIfI32##kind, expr) BRANCH_COMPARE_IMMEDIATE(BrIfI32##kind##Imm, expr) \
    ADD_BRANCH(I32AddBrIf##kind, expr) ADD_IMMEDIATE_BRANCH(I32AddImmBrIf##kind, expr) \
    ADD_IMMEDIATE_BRANCH_IMMEDIATE(I32AddImmBrIf##kind##Imm, expr)
I32_BRANCH_FORMS(Eq, a == b) I32_BRANCH_FORMS(Ne, a != b)
I32_BRANCH_FORMS(LtS, (int32_t)a < (int32_t)b) I32_BRANCH_FORMS(LtU, a < b)
I32_BRANCH_FORMS(GtS, (int32_t)a > (int32_t)b) I32_BRANCH_FORMS(GtU, a > b)
I32_BRANCH_FORMS(LeS, (int32_t)a <= (int32_t)b) I32_BRANCH_FORMS(LeU, a <= b)
I32_BRANCH_FORMS(GeS, (int32_t)a >= (int32_t)b) I32_BRANCH_FORMS(GeU, a >= b)
/* [op][dst|a][mask][offset] */
#define AND_IMMEDIATE_BRANCH(name, expr) \
    DEFINE(FAST, name, uint32_t a = u32(R(1)) & u32(pc[2]); R(0) = a; BRANCH_IF(expr, 3, 4);)
AND_IMMEDIATE_BRANCH(I32AndImmBrIfZero, a == 0) AND_IMMEDIATE_BRANCH(I32AndImmBrIfNonZero, a != 0)
/* [op][dst|address][offset | addend << 32][offset] */
#define LOAD_BRANCH(name, type, expr) \
    DEFINE(FAST, name, LOAD_AT(type, R(1)) uint32_t a = v; R(0) = a; BRANCH_IF(expr, 3, 4);)
LOAD_BRANCH(I32LoadBrIfZero, uint32_t, a == 0) LOAD_BRANCH(I32LoadBrIfNonZero, uint32_t, a != 0)
LOAD_BRANCH(I32Load8UBrIfZero, uint8_t, a == 0) LOAD_BRANCH(I32Load8UBrIfNonZero, uint8_t, a != 0)
/* [op][condition][offset] */
DEFINE(USE_0, BrIfZero, BRANCH_IF(u32(IN(0)) == 0, 2, 3);)
DEFINE(USE_0, BrIfNonZero, BRANCH_IF(u32(IN(0)) != 0, 2, 3);)
DEFINE(USE_0, BrIfI64Zero, BRANCH_IF(IN(0) == 0, 2, 3);)
DEFINE(USE_0, BrIfI64NonZero, BRANCH_IF(IN(0) != 0, 2, 3);)

HANDLER(Unreachable) { TRAP(TrapCodeUnreachable); }
HANDLER(Br) { BRANCH_IF(1, 1, 2); }
/* [op][index][count][offset × (count + 1)] (the index slot in field 0) */
DEFINE(USE_0, BrTable,
    uint64_t index = u32(IN(0));
    if (index > pc[2]) index = pc[2];
    BRANCH_IF(1, 3 + index, 3);
)

/* MARK: Calls and returns */

/* Enters `callee` (translated) with its frame at `calleeFP`, returning to `returnPC`. */
#define ENTER(callee_, calleeFP_, returnPC_) do { \
    acc = 0; /* no instruction reads the accumulator across a call: its register is free here */ \
    if (UNLIKELY(top >= limit || (calleeFP_) + (callee_)->frameSize > ctx->valuesEnd)) \
        TRAP(TrapCodeCallStackExhausted); \
    top->returnPC = (returnPC_); \
    top->framePointer = fp; \
    top->function = current; \
    top++; \
    current = (callee_); \
    fp = (calleeFP_); \
    wcomp_enter_frame((callee_), fp); \
    pc = (callee_)->code; \
    SWITCH_MEMORY(callee_); \
    CHECK(); \
    DISPATCH(); \
} while (0)

/* [op][FunctionRecord address][argument base slot]; host and untranslated callees exit. */
HANDLER(Call) {
    FunctionRecord *callee = (FunctionRecord *)(uintptr_t)pc[1];
    if (UNLIKELY(callee->code == NULL)) {
        ctx->opcode = OpcodeCall;
        EXIT(ExitReasonSlow);
    }
    ENTER(callee, fp + pc[2], pc + 3);
}

/* [op][TableRecord address][index | argumentBase << 32][type id] */
HANDLER(CallIndirect) {
    const TableRecord *table = (const TableRecord *)(uintptr_t)pc[1];
    uint64_t operands = pc[2];
    uint64_t index = u32(fp[u32(operands)]);
    if (UNLIKELY(index >= (uint64_t)table->count)) TRAP(TrapCodeUndefinedElement);
    FunctionRecord *callee = (FunctionRecord *)(uintptr_t)table->elements[index];
    if (UNLIKELY(callee == NULL)) TRAP(TrapCodeUninitializedElement);
    if (UNLIKELY((uint64_t)callee->typeID != pc[3])) TRAP(TrapCodeIndirectCallTypeMismatch);
    if (UNLIKELY(callee->code == NULL)) {
        ctx->opcode = OpcodeCallIndirect;
        EXIT(ExitReasonSlow);
    }
    ENTER(callee, fp + (operands >> 32), pc + 4);
}

/* Returns to the caller's saved state, or leaves the loop from the entry frame. */
#define RETURN() do { \
    acc = 0; /* nor across a return */ \
    if (UNLIKELY(top == entry)) EXIT(ExitReasonReturned); \
    top--; \
    pc = top->returnPC; \
    fp = top->framePointer; \
    current = top->function; \
    SWITCH_MEMORY(current); \
    DISPATCH(); \
} while (0)

HANDLER(Return0) { RETURN(); }
/* [op][source] */
DEFINE(USE_0, Return1, fp[0] = IN(0); RETURN();)

/* MARK: Data movement */

DEFINE(VALUE_1, Copy, RESULT(IN(1)); NEXT(2);)
HANDLER(Copy2) { R(0) = R(1); R(2) = R(3); NEXT(3); }
HANDLER(Copy3) { R(0) = R(1); R(2) = R(3); R(4) = R(5); NEXT(4); }
HANDLER(Copy4) { R(0) = R(1); R(2) = R(3); R(4) = R(5); R(6) = R(7); NEXT(5); }
HANDLER(Const) { fp[pc[1]] = pc[2]; NEXT(3); }
/* Both operands are loaded before the condition picks one (the empty asm keeps the compiler
 * from turning the choice into a load from a chosen slot, which would wait for the condition). */
DEFINE(VALUE_12, Select,
    uint64_t a = IN(2), b = R(3);
    __asm__("" : "+r"(a), "+r"(b));
    RESULT(u32(IN(1)) != 0 ? a : b);
    NEXT(3);
)
/* The slot of GlobalGet and GlobalSet is field 0 of a whole word. */
DEFINE(VALUE, GlobalGet, RESULT(*(const uint64_t *)(uintptr_t)pc[2]); NEXT(3);)
DEFINE(USE_0, GlobalSet, *(uint64_t *)(uintptr_t)pc[2] = IN(0); NEXT(3);)
UNARY(RefIsNull, a == 0)

/* MARK: Slow instructions: handed to the Swift side */

#define SLOW_HANDLER(name) HANDLER(name) { ctx->opcode = Opcode##name; EXIT(ExitReasonSlow); }
#define OP(name, kind) kind##_STUB(name)
#define SLOW_STUB(name) SLOW_HANDLER(name)
#define FAST_STUB(name)
#define VALUE_STUB(name)
#define VALUE_1_STUB(name)
#define VALUE_12_STUB(name)
#define USE_0_STUB(name)
#define USE_01_STUB(name)
#include "Opcodes.def"
#undef OP

/* MARK: Entry points */

static const Handler handlers[] = {
#define OP(name, kind) [Opcode##name] = handle##name,
#include "Opcodes.def"
#undef OP
#define HANDLER_FORM(name, field) [Opcode##name##Acc##field] = handle##name##Acc##field,
#define OP(name, kind) kind##_FORMS(HANDLER_FORM, name)
#include "Opcodes.def"
#undef OP
#undef HANDLER_FORM
};

#define OPCODE_COUNT ((int)(sizeof handlers / sizeof handlers[0]))

static const char *const opcodeNames[] = {
#define OP(name, kind) [Opcode##name] = #name,
#include "Opcodes.def"
#undef OP
#define NAME_FORM(name, field) [Opcode##name##Acc##field] = #name "Acc" #field,
#define OP(name, kind) kind##_FORMS(NAME_FORM, name)
#include "Opcodes.def"
#undef OP
#undef NAME_FORM
};

uint64_t wcomp_handler_word(Opcode opcode) { return (uint64_t)(uintptr_t)handlers[opcode]; }

const char *wcomp_opcode_name(Opcode opcode) { return opcodeNames[opcode]; }

Opcode wcomp_accumulator_form(Opcode opcode, int field) {
    switch (opcode) {
#define FORM_FOR_FIELD(name, formField) if (field == formField) return Opcode##name##Acc##formField;
#define OP(name, kind) case Opcode##name: kind##_FORMS(FORM_FOR_FIELD, name) return opcode;
#include "Opcodes.def"
#undef OP
#undef FORM_FOR_FIELD
    default: return opcode;  /* an accumulator form already */
    }
}

#define SLOW_WRITES false
#define FAST_WRITES false
#define VALUE_WRITES true
#define VALUE_1_WRITES true
#define VALUE_12_WRITES true
#define USE_0_WRITES false
#define USE_01_WRITES false

bool wcomp_writes_accumulator(Opcode opcode) {
    switch (opcode) {
#define FORM_CASE(name, field) case Opcode##name##Acc##field:
#define OP(name, kind) kind##_FORMS(FORM_CASE, name) case Opcode##name: return kind##_WRITES;
#include "Opcodes.def"
#undef OP
#undef FORM_CASE
    }
    return false;
}

ExitReason wcomp_run(ExecutionContext *ctx) {
    uint64_t *pc = ctx->pc, *fp = ctx->fp;
    uint8_t *mem;
    uint64_t memSize;
    int64_t counter = ctx->counter;
    FunctionRecord *current = ctx->current;
    CallFrameRecord *top = ctx->frames + ctx->frameDepth;
    CallFrameRecord *entry = ctx->frames + ctx->entryDepth;
    CallFrameRecord *limit = ctx->frames + ctx->maxDepth;
    uint64_t acc = 0;
    LOAD_MEMORY();
    return ((Handler)(uintptr_t)pc[0])(HANDLER_ARGUMENTS);
}

#ifdef WCOMP_PROFILE_PAIRS
#include <stdio.h>
#include <stdlib.h>
static uint64_t pairCounts[OPCODE_COUNT + 1][OPCODE_COUNT + 1];
static int previousOpcode = 0;
static uint64_t keys[4096]; static int values[4096]; static int filled = 0;
static int opcodeOf(uint64_t word) {
    if (!filled) {
        for (int i = 0; i < OPCODE_COUNT; i++) {
            uint64_t k = (uint64_t)(uintptr_t)handlers[i]; unsigned h = (unsigned)((k >> 4) * 2654435761u) & 4095;
            while (keys[h]) h = (h + 1) & 4095;
            keys[h] = k; values[h] = i;
        }
        filled = 1;
    }
    unsigned h = (unsigned)((word >> 4) * 2654435761u) & 4095;
    while (keys[h] && keys[h] != word) h = (h + 1) & 4095;
    return keys[h] ? values[h] : OPCODE_COUNT;
}
void wcomp_profile_pair(uint64_t next) {
    int n = opcodeOf(next);
    pairCounts[previousOpcode][n]++;
    previousOpcode = n;
}
__attribute__((destructor)) static void dumpPairs(void) {
    FILE *f = fopen(getenv("WCOMP_PAIRS_FILE") ? getenv("WCOMP_PAIRS_FILE") : "/tmp/pairs.txt", "w");
    for (int a = 0; a <= OPCODE_COUNT; a++) for (int b = 0; b <= OPCODE_COUNT; b++) if (pairCounts[a][b]) {
        fprintf(f, "%llu %s %s\n", (unsigned long long)pairCounts[a][b], a < OPCODE_COUNT ? opcodeNames[a] : "?",
                b < OPCODE_COUNT ? opcodeNames[b] : "?");
    }
    fclose(f);
}
#endif
