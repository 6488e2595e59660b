// A core module for the `holder` world (wit/holder.wit), written against the canonical ABI
// without bindings: the world-level resource `cell` is imported from "$root" (constructor,
// methods, static function and `[resource-drop]cell`), and the exports take and return its
// handles. build.sh compiles it and embeds the world with `wasm-tools component embed`.
#include <stdint.h>

#define ROOT(name) __attribute__((import_module("$root"), import_name(name)))

ROOT("[constructor]cell") extern uint32_t cell_new(uint32_t value);
ROOT("[method]cell.get") extern uint32_t cell_get(uint32_t self);
ROOT("[method]cell.set") extern void cell_set(uint32_t self, uint32_t value);
ROOT("[static]cell.scaled") extern uint32_t cell_scaled(uint32_t cell, uint32_t factor);
ROOT("[resource-drop]cell") extern void cell_drop(uint32_t handle);

static uint32_t initialized;

// Runs once when the component is instantiated (the reactor convention).
__attribute__((export_name("_initialize")))
void initialize(void) { initialized = 1; }

// Handles returned to the caller (an `own<cell>` result) move out of this instance.
__attribute__((export_name("make")))
uint32_t make(uint32_t value) { return cell_new(value * 2 * initialized); }

// A borrowed cell of a resource this instance does not define: the handle is valid for the
// duration of the call, and the canonical ABI requires dropping it before returning.
__attribute__((export_name("bump")))
uint32_t bump(uint32_t cell, uint32_t delta) {
    cell_set(cell, cell_get(cell) + delta);
    uint32_t result = cell_get(cell);
    cell_drop(cell);
    return result;
}

// An owned cell: this instance must drop it.
__attribute__((export_name("consume")))
uint32_t consume(uint32_t cell) {
    uint32_t result = cell_scaled(cell, 2) + cell_get(cell);
    cell_drop(cell);
    return result;
}
