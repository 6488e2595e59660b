/* memcpy/memmove/memset-heavy loops over two 1 MiB buffers: copies and fills of random
 * lengths (up to 16 KiB) at mostly 8-byte aligned offsets, one in four misaligned, plus
 * overlapping moves. run(iterations) performs 64 of each operation per iteration and
 * returns a checksum over a sample of each iteration's output and over the final buffer. */
#include "support.h"

#define BUFFER_BYTES (1u << 20)
#define MAX_LENGTH (1u << 14)
#define OPERATIONS_PER_ITERATION 64

static uint8_t source[BUFFER_BYTES];
static uint8_t destination[BUFFER_BYTES];

/* An offset where `length` bytes fit; 8-byte aligned unless `misaligned`. */
static uint32_t pick_offset(uint32_t *seed, uint32_t length, int misaligned) {
    uint32_t offset = xorshift32(seed) % (BUFFER_BYTES - length);
    return misaligned ? offset : offset & ~7u;
}

uint32_t run(uint32_t iterations) {
    uint32_t seed = 0x2545F491u;
    for (uint32_t i = 0; i < BUFFER_BYTES; i += MAX_LENGTH) {
        memset(source + i, (int)(i >> 14), MAX_LENGTH);
    }
    memset(destination, 0, BUFFER_BYTES);
    uint32_t checksum = CHECKSUM_SEED;
    for (uint32_t iteration = 0; iteration < iterations; iteration++) {
        for (uint32_t op = 0; op < OPERATIONS_PER_ITERATION; op++) {
            int misaligned = (op & 3) == 3;
            uint32_t length = 1 + xorshift32(&seed) % MAX_LENGTH;
            uint32_t from = pick_offset(&seed, length, misaligned);
            uint32_t to = pick_offset(&seed, length, 0);
            memcpy(destination + to, source + from, length);

            uint32_t fill_length = 1 + xorshift32(&seed) % MAX_LENGTH;
            uint32_t fill_at = pick_offset(&seed, fill_length, misaligned);
            memset(source + fill_at, (int)(xorshift32(&seed) & 0xff), fill_length);

            uint32_t move_length = 1 + xorshift32(&seed) % (MAX_LENGTH / 2);
            uint32_t move_from = pick_offset(&seed, move_length + MAX_LENGTH / 2, 0);
            uint32_t shift = xorshift32(&seed) % (MAX_LENGTH / 2);
            if (misaligned) shift |= 1;
            memmove(destination + move_from + shift, destination + move_from, move_length);
        }
        for (uint32_t i = iteration % 4096; i < BUFFER_BYTES; i += 4096) {
            checksum = checksum_mix(checksum, destination[i] | (uint32_t)source[i] << 8);
        }
    }
    const uint32_t *words = (const uint32_t *)destination;
    for (uint32_t i = 0; i < BUFFER_BYTES / 4; i++) {
        checksum = checksum_mix(checksum, words[i]);
    }
    return checksum;
}
