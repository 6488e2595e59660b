/* Dense f64 matrix multiply, C = A * B, in i-k-j order: f64 loads, multiplies and adds.
 * run(n) multiplies two n x n matrices (n at most MATRIX_MAX; larger n is clamped) and
 * returns a 32-bit fold of the bits of a weighted sum of C. */
#include "support.h"

#define MATRIX_MAX 512

static double a[MATRIX_MAX * MATRIX_MAX];
static double b[MATRIX_MAX * MATRIX_MAX];
static double c[MATRIX_MAX * MATRIX_MAX];

uint32_t run(uint32_t n) {
    if (n > MATRIX_MAX) n = MATRIX_MAX;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * 7 + j * 3) % 17) * 0.25 - 1.5;
            b[i * n + j] = 1.0 / (double)(1 + i + 2 * j);
            c[i * n + j] = 0.0;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (uint32_t j = 0; j < n; j++) {
                c[i * n + j] += aik * b[k * n + j];
            }
        }
    }
    double sum = 0.0;
    for (uint32_t i = 0; i < n * n; i++) {
        sum += c[i] * (double)(1 + (i % 13));
    }
    union {
        double value;
        uint64_t bits;
    } pun = {sum};
    return (uint32_t)(pun.bits ^ (pun.bits >> 32));
}
