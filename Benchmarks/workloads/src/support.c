/* memcpy, memmove and memset for the freestanding workloads. Word-at-a-time when the
 * pointers allow it, byte-at-a-time otherwise; compiled with -fno-builtin so the compiler
 * does not turn these loops back into calls to themselves. */
#include "support.h"

void *memcpy(void *restrict destination, const void *restrict source, size_t count) {
    uint8_t *d = destination;
    const uint8_t *s = source;
    if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
        while (count > 0 && ((uintptr_t)d & 7) != 0) {
            *d++ = *s++;
            count--;
        }
        uint64_t *dw = (uint64_t *)d;
        const uint64_t *sw = (const uint64_t *)s;
        while (count >= 32) {
            dw[0] = sw[0];
            dw[1] = sw[1];
            dw[2] = sw[2];
            dw[3] = sw[3];
            dw += 4;
            sw += 4;
            count -= 32;
        }
        while (count >= 8) {
            *dw++ = *sw++;
            count -= 8;
        }
        d = (uint8_t *)dw;
        s = (const uint8_t *)sw;
    }
    while (count > 0) {
        *d++ = *s++;
        count--;
    }
    return destination;
}

void *memmove(void *destination, const void *source, size_t count) {
    uint8_t *d = destination;
    const uint8_t *s = source;
    if (d <= s || d >= s + count) {
        return memcpy(destination, source, count);
    }
    /* Overlapping with the destination above the source: copy backwards. */
    d += count;
    s += count;
    if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
        while (count > 0 && ((uintptr_t)d & 7) != 0) {
            *--d = *--s;
            count--;
        }
        while (count >= 8) {
            d -= 8;
            s -= 8;
            *(uint64_t *)d = *(const uint64_t *)s;
            count -= 8;
        }
    }
    while (count > 0) {
        *--d = *--s;
        count--;
    }
    return destination;
}

void *memset(void *destination, int value, size_t count) {
    uint8_t *d = destination;
    uint8_t byte = (uint8_t)value;
    while (count > 0 && ((uintptr_t)d & 7) != 0) {
        *d++ = byte;
        count--;
    }
    uint64_t pattern = byte * 0x0101010101010101ull;
    uint64_t *dw = (uint64_t *)d;
    while (count >= 32) {
        dw[0] = pattern;
        dw[1] = pattern;
        dw[2] = pattern;
        dw[3] = pattern;
        dw += 4;
        count -= 32;
    }
    while (count >= 8) {
        *dw++ = pattern;
        count -= 8;
    }
    d = (uint8_t *)dw;
    while (count > 0) {
        *d++ = byte;
        count--;
    }
    return destination;
}
