// The allocator the test programs export as `cabi_realloc`: a bump allocator over a static
// heap, which the programs reset (heap_top = 0) once a call's allocations are no longer needed.
#include <stddef.h>

static unsigned char heap[1 << 16];
static size_t heap_top;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    size_t start = (heap_top + align - 1) & ~(align - 1);
    if (start + new_size > sizeof heap) __builtin_trap();
    heap_top = start + new_size;
    unsigned char *block = heap + start;
    for (size_t i = 0; old && i < old_size && i < new_size; i++) block[i] = ((unsigned char *)old)[i];
    return block;
}
