/* Recursive Fibonacci: call-heavy, exercises function entry/exit and small integer ops.
 * run(n) returns fib(n) (mod 2^32). */
#include "support.h"

__attribute__((noinline)) static uint32_t fib(uint32_t n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

uint32_t run(uint32_t n) {
    return fib(n);
}
