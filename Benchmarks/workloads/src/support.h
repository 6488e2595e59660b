/* Shared declarations for the wcomp benchmark workloads.
 *
 * The workloads are freestanding C: no libc, no WASI, nothing imported. Each module exports
 * `run(uint32_t n) -> uint32_t`: `n` scales the work (iterations or size) and the result is a
 * checksum of everything computed, so that two runtimes can be compared for correctness as
 * well as speed. Every `run` initializes all the state it reads, so calls are independent. */
#ifndef WCOMP_BENCH_SUPPORT_H
#define WCOMP_BENCH_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/* Our own implementations (support.c): bulk memory is off, so copies and fills run as
 * ordinary loads and stores through the interpreter. The compiler may also emit calls to
 * these for struct copies. */
void *memcpy(void *restrict destination, const void *restrict source, size_t count);
void *memmove(void *destination, const void *source, size_t count);
void *memset(void *destination, int value, size_t count);

/* Marsaglia's xorshift32: a deterministic, cheap pseudo-random stream. `state` must not be 0. */
static inline uint32_t xorshift32(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* Mixes `value` into a running 32-bit checksum (FNV-1a over the four bytes). */
static inline uint32_t checksum_mix(uint32_t checksum, uint32_t value) {
    for (int i = 0; i < 4; i++) {
        checksum ^= (value >> (8 * i)) & 0xff;
        checksum *= 16777619u;
    }
    return checksum;
}

#define CHECKSUM_SEED 2166136261u

uint32_t run(uint32_t n);

#endif
