/* The interpreter's hot loop, in C so that its handlers tail-call one another with the
 * machine state in registers (direct-threaded code). Swift owns everything else: it
 * allocates the records below, translates function bodies into code whose instruction words
 * are handler addresses (`wcomp_handler_word`), runs that code with `wcomp_run`, and carries
 * out the instructions the C loop hands back (slow instructions, traps, fuel refills). */
#ifndef CWASMINTERPRETER_H
#define CWASMINTERPRETER_H

#include <stdbool.h>
#include <stdint.h>

/* The accumulator forms each kind of opcode has (see Opcodes.def), as X-macros over a macro
 * FORM(name, field) applied to every form NameAccField. */
#define SLOW_FORMS(FORM, name)
#define FAST_FORMS(FORM, name)
#define VALUE_FORMS(FORM, name)
#define VALUE_1_FORMS(FORM, name) FORM(name, 1)
#define VALUE_12_FORMS(FORM, name) FORM(name, 1) FORM(name, 2)
#define USE_0_FORMS(FORM, name) FORM(name, 0)
#define USE_01_FORMS(FORM, name) FORM(name, 0) FORM(name, 1)

/* The interpreter's instructions; their list and operand layouts are in Opcodes.def. The
 * accumulator forms follow the base opcodes. */
typedef enum __attribute__((enum_extensibility(closed))) Opcode {
#define OP(name, kind) Opcode##name,
#include "Opcodes.def"
#undef OP
#define ACCUMULATOR_FORM(name, field) Opcode##name##Acc##field,
#define OP(name, kind) kind##_FORMS(ACCUMULATOR_FORM, name)
#include "Opcodes.def"
#undef OP
#undef ACCUMULATOR_FORM
} Opcode;

#pragma clang assume_nonnull begin

/* A linear memory's current extent. */
typedef struct MemoryRecord {
    void *_Nullable base;
    uint64_t byteCount;
    /* Effective growth limit in pages (type maximum, store cap and the 4 GiB address space). */
    uint64_t maxPages;
} MemoryRecord;

/* A table's current elements (encoded references: 0 is null, else a FunctionRecord address
 * or a host reference). */
typedef struct TableRecord {
    uint64_t *_Nullable elements;
    intptr_t count;
    uint64_t maxCount;
} TableRecord;

/* One catch clause of a translated `try_table`, in the order handlers are searched: inner
 * `try_table`s before outer ones, clauses in their order. */
typedef struct HandlerRecord {
    /* Code word range of the `try_table`'s body (instruction offsets in the function's code). */
    intptr_t start;
    intptr_t end;
    /* Store index of the tag caught, or -1 for `catch_all` and `catch_all_ref`. */
    intptr_t tag;
    /* Where the payload (then the `exnref` when `capturesReference`) is written. */
    intptr_t payloadSlot;
    bool capturesReference;
    /* Code word offset of the clause's landing code (which branches to the clause's label). */
    intptr_t landing;
} HandlerRecord;

/* Everything the interpreter needs to call a function. */
typedef struct FunctionRecord {
    /* The translated code; null until the first call of a WebAssembly function (and for host functions). */
    uint64_t *_Nullable code;
    /* Slots the frame needs: parameters, locals and operand-stack temporaries (at least the results). */
    intptr_t frameSize;
    intptr_t parameterCount;
    /* Values copied into the slots after the parameters on entry: a zero for each declared
     * local, then the constants the code reads from slots. */
    uint64_t *_Nullable entryValues;
    intptr_t entryValueCount;
    intptr_t resultCount;
    /* The store-wide identity of the function's type (structurally equal types share it). */
    intptr_t typeID;
    /* Memory 0 of the defining instance, if it has one. */
    MemoryRecord *_Nullable memory;
    /* Index of the function's entity in the store's function list. */
    intptr_t storeIndex;
    bool isHost;
    /* The `try_table` catch clauses of the translated code (exception handling), searched in order. */
    HandlerRecord *_Nullable handlers;
    intptr_t handlerCount;
} FunctionRecord;

/* The saved state of a caller while its callee runs. */
typedef struct CallFrameRecord {
    uint64_t *returnPC;
    uint64_t *framePointer;
    FunctionRecord *function;
} CallFrameRecord;

/* Why `wcomp_run` returned. */
typedef enum __attribute__((enum_extensibility(closed))) ExitReason {
    /* The entry frame returned; its results are in its first slots. */
    ExitReasonReturned,
    /* A function entry or loop back-edge found the counter at 0: refill it (or stop the guest)
     * and resume at `pc`. */
    ExitReasonCheck,
    /* The instruction at `pc` trapped for `trap`. */
    ExitReasonTrap,
    /* The instruction at `pc` (`opcode`) is carried out by the Swift side. */
    ExitReasonSlow,
} ExitReason;

/* The traps the C handlers raise. */
typedef enum __attribute__((enum_extensibility(closed))) TrapCode {
    TrapCodeUnreachable,
    TrapCodeOutOfBoundsMemoryAccess,
    TrapCodeIntegerDivideByZero,
    TrapCodeIntegerOverflow,
    TrapCodeInvalidConversionToInteger,
    TrapCodeUndefinedElement,
    TrapCodeUninitializedElement,
    TrapCodeIndirectCallTypeMismatch,
    TrapCodeCallStackExhausted,
} TrapCode;

/* The state of a run of the interpreter, handed back and forth between Swift and C. The C loop
 * keeps pc, fp, counter, current and the frame depth in registers and writes them back here
 * when it exits. */
typedef struct ExecutionContext {
    /* Where to continue; after an exit, the instruction that exited (or where to resume). */
    uint64_t *pc;
    /* The current frame's first slot. */
    uint64_t *fp;
    /* Function entries and back-edges left before the next slow check (fuel, interrupt, deadline). */
    int64_t counter;
    /* The function whose code runs. */
    FunctionRecord *current;
    /* Memory 0 of `current`'s instance (cached by the loop as base and size). */
    MemoryRecord *_Nullable memory;
    /* The call-frame stack, its depth, the depth at this run's entry and its limit. */
    CallFrameRecord *frames;
    intptr_t frameDepth;
    intptr_t entryDepth;
    intptr_t maxDepth;
    /* The end of the value stack: a callee's frame must fit below it. */
    uint64_t *valuesEnd;
    /* After ExitReasonSlow: the instruction to carry out. */
    Opcode opcode;
    /* After ExitReasonTrap: why. */
    TrapCode trap;
} ExecutionContext;

/* The first word of an instruction with `opcode`: its handler's address. */
uint64_t wcomp_handler_word(Opcode opcode);

/* The name of `opcode` as written in Opcodes.def, `Acc` and the field for an accumulator
 * form (for tests and diagnostics). */
const char *wcomp_opcode_name(Opcode opcode);

/* The form of `opcode` that reads slot field `field` from the accumulator, or `opcode`
 * itself when it has none. */
Opcode wcomp_accumulator_form(Opcode opcode, int field);

/* Whether the instruction `opcode` writes its result (slot field 0) to the accumulator too. */
bool wcomp_writes_accumulator(Opcode opcode);

/* Runs the code at `context->pc` until the entry frame returns or an instruction exits. */
ExitReason wcomp_run(ExecutionContext *context);

/* Prepares a frame whose arguments are in place: zeroes the declared locals and copies the
 * constants after them (one copy of the entry values). */
static inline __attribute__((always_inline))
void wcomp_enter_frame(const FunctionRecord *function, uint64_t *frame) {
    uint64_t *slots = frame + function->parameterCount;
    const uint64_t *values = function->entryValues;
    intptr_t count = function->entryValueCount;
    /* A few values as a rule: a plain loop, without the set-up of a vectorized or unrolled one. */
#pragma clang loop vectorize(disable) unroll(disable)
    for (intptr_t index = 0; index < count; index++) slots[index] = values[index];
}

#pragma clang assume_nonnull end

#endif
