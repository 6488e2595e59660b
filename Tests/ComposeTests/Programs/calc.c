// A core module for the `calc` world (wit/calc.wit) written directly against the canonical ABI,
// without bindings: the imports and exports use the names and flat signatures guest toolchains
// produce. build.sh compiles it and embeds the world with `wasm-tools component embed`.
#include <stddef.h>
#include <stdint.h>

__attribute__((import_module("$root"), import_name("base"))) extern uint32_t base(void);
__attribute__((import_module("$root"), import_name("log"))) extern void log_message(const char *text, size_t length);

#include "bump_allocator.h"

// Results that do not fit one core value are returned through this area: (pointer, length).
static uint32_t return_area[2];

static uint32_t *return_string(char *text, size_t length) {
    return_area[0] = (uint32_t)(uintptr_t)text;
    return_area[1] = (uint32_t)length;
    return return_area;
}

__attribute__((export_name("add")))
uint32_t add(uint32_t a, uint32_t b) { return a + b + base(); }

__attribute__((export_name("test:cnew/text#shout")))
uint32_t *shout(const char *text, size_t length) {
    char *result = cabi_realloc(NULL, 0, 1, length + 1);
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        result[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    result[length] = '!';
    return return_string(result, length + 1);
}

__attribute__((export_name("greet")))
uint32_t *greet(const char *name, size_t length) {
    log_message(name, length);
    static const char prefix[] = "hello, ";
    size_t prefix_length = sizeof prefix - 1;
    char *result = cabi_realloc(NULL, 0, 1, prefix_length + length);
    for (size_t i = 0; i < prefix_length; i++) result[i] = prefix[i];
    for (size_t i = 0; i < length; i++) result[prefix_length + i] = name[i];
    return return_string(result, prefix_length + length);
}

// Post-return: everything a call allocated is released once the caller has read the result.
static void release_all(void) { heap_top = 0; }

__attribute__((export_name("cabi_post_test:cnew/text#shout")))
void post_shout(uint32_t *result) { (void)result; release_all(); }

__attribute__((export_name("cabi_post_greet")))
void post_greet(uint32_t *result) { (void)result; release_all(); }

// The `counter` resource of the exported `counters` interface: the component defines the
// resource type, the module keeps each counter's value in `counters` and uses the handle
// intrinsics the component provides.
__attribute__((import_module("[export]test:cnew/counters"), import_name("[resource-new]counter")))
extern uint32_t counter_new(uint32_t representation);

static uint32_t counters[64];
static uint32_t counters_used;
static uint32_t counters_destroyed;

__attribute__((export_name("test:cnew/counters#[constructor]counter")))
uint32_t counter_constructor(uint32_t start) {
    if (counters_used == sizeof counters / sizeof counters[0]) __builtin_trap();
    uint32_t representation = counters_used++;
    counters[representation] = start;
    return counter_new(representation);
}

// Methods receive the representation of a borrowed handle to a resource this component defines.
__attribute__((export_name("test:cnew/counters#[method]counter.increment")))
uint32_t counter_increment(uint32_t representation) { return ++counters[representation]; }

__attribute__((export_name("test:cnew/counters#[static]counter.destroyed")))
uint32_t counter_destroyed(void) { return counters_destroyed; }

__attribute__((export_name("test:cnew/counters#[dtor]counter")))
void counter_destructor(uint32_t representation) { (void)representation; counters_destroyed++; }
