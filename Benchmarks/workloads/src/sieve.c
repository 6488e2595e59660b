/* Sieve of Eratosthenes over a byte array: tight loops of byte loads and stores.
 * run(iterations) sieves [2, ~2^21] `iterations` times (the bound shifts a little each time
 * so no iteration repeats the last) and returns a checksum of the prime counts and the
 * largest prime found. */
#include "support.h"

#define SIEVE_LIMIT (1u << 21)

static uint8_t composite[SIEVE_LIMIT + 1];

uint32_t run(uint32_t iterations) {
    uint32_t checksum = CHECKSUM_SEED;
    for (uint32_t iteration = 0; iteration < iterations; iteration++) {
        uint32_t limit = SIEVE_LIMIT - (iteration & 1023);
        memset(composite, 0, limit + 1);
        for (uint32_t i = 2; i * i <= limit; i++) {
            if (composite[i]) continue;
            for (uint32_t j = i * i; j <= limit; j += i) composite[j] = 1;
        }
        uint32_t count = 0;
        uint32_t largest = 0;
        for (uint32_t i = 2; i <= limit; i++) {
            if (!composite[i]) {
                count++;
                largest = i;
            }
        }
        checksum = checksum_mix(checksum, count);
        checksum = checksum_mix(checksum, largest);
    }
    return checksum;
}
