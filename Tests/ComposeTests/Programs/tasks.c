// A core module for the `tasks` world (tasks-wit/tasks.wit) written against the canonical ABI's
// async conventions, without bindings: `fetch` is imported lowered with the async ABI
// ("[async-lower]fetch"), `measure` is exported lifted with the async ABI without a callback
// ("[async-lift-stackful]measure"), `greet` with a callback ("[async-lift]greet" and
// "[callback][async-lift]greet"), both returning through "[task-return]..." imports, and `add`
// is lifted synchronously. build.sh compiles it and embeds the world.
#include <stddef.h>
#include <stdint.h>

#define ROOT(name) __attribute__((import_module("$root"), import_name(name)))
#define EXPORTED(name) __attribute__((import_module("[export]$root"), import_name(name)))

ROOT("[async-lower]fetch") extern uint32_t fetch_async(uint32_t key, uint32_t *result);
ROOT("[waitable-set-new]") extern uint32_t waitable_set_new(void);
ROOT("[waitable-join]") extern void waitable_join(uint32_t waitable, uint32_t set);
ROOT("[waitable-set-wait]") extern uint32_t waitable_set_wait(uint32_t set, uint32_t *event);
ROOT("[waitable-set-drop]") extern void waitable_set_drop(uint32_t set);
ROOT("[subtask-drop]") extern void subtask_drop(uint32_t subtask);
EXPORTED("[task-return]measure") extern void measure_return(uint32_t value);
EXPORTED("[task-return]greet") extern void greet_return(const char *text, size_t length);

#include "bump_allocator.h"

enum { SUBTASK_RETURNED = 2, EVENT_SUBTASK = 1 };

// Calls `fetch` with the async ABI; when the callee blocks, waits for its subtask to return.
// Returns the string's length (its (pointer, length) pair lands in `result`).
static uint32_t fetch_length(uint32_t key) {
    uint32_t result[2];
    uint32_t status = fetch_async(key, result);
    if ((status & 0xF) != SUBTASK_RETURNED) {
        uint32_t subtask = status >> 4;
        uint32_t set = waitable_set_new();
        waitable_join(subtask, set);
        uint32_t event[2];
        do {
            if (waitable_set_wait(set, event) != EVENT_SUBTASK) __builtin_trap();
        } while (event[0] != subtask || event[1] != SUBTASK_RETURNED);
        waitable_join(subtask, 0);
        subtask_drop(subtask);
        waitable_set_drop(set);
    }
    return result[1];
}

__attribute__((export_name("[async-lift-stackful]measure")))
void measure(uint32_t key) {
    measure_return(fetch_length(key) + key);
    heap_top = 0;
}

// Callback-lifted: returns a callback code, 0 (EXIT) once task.return has been called.
__attribute__((export_name("[async-lift]greet")))
uint32_t greet(const char *name, size_t length) {
    static const char prefix[] = "hi, ";
    size_t prefix_length = sizeof prefix - 1;
    char *text = cabi_realloc(NULL, 0, 1, prefix_length + length);
    for (size_t i = 0; i < prefix_length; i++) text[i] = prefix[i];
    for (size_t i = 0; i < length; i++) text[prefix_length + i] = name[i];
    greet_return(text, prefix_length + length);
    heap_top = 0;
    return 0;
}

// `greet` never waits, so its callback is never called with an event.
__attribute__((export_name("[callback][async-lift]greet")))
uint32_t greet_callback(uint32_t event, uint32_t waitable, uint32_t payload) {
    (void)event, (void)waitable, (void)payload;
    __builtin_trap();
}

// An async function lifted synchronously.
__attribute__((export_name("add")))
uint32_t add(uint32_t a, uint32_t b) { return a + b; }
