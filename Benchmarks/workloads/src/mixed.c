/* A mixed workload in the spirit of CoreMark (written for wcomp, not derived from it):
 * each iteration builds and manipulates a linked list (find, reverse, merge sort), runs
 * integer matrix kernels, drives a state machine that classifies numeric tokens, and folds
 * every result through CRC-16 (bitwise) and CRC-32 (table-driven). run(iterations) returns
 * the CRC-32 of all iterations' results. */
#include "support.h"

/* ---- CRC ------------------------------------------------------------------------------ */

static uint32_t crc32_table[256];

static void crc32_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc32_table[i] = c;
    }
}

static uint32_t crc32_word(uint32_t crc, uint32_t word) {
    for (int i = 0; i < 4; i++) {
        crc = crc32_table[(crc ^ (word >> (8 * i))) & 0xff] ^ (crc >> 8);
    }
    return crc;
}

/* CRC-16/CCITT, one bit at a time. */
static uint16_t crc16_byte(uint16_t crc, uint8_t byte) {
    crc ^= (uint16_t)byte << 8;
    for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
    }
    return crc;
}

static uint16_t crc16_word(uint16_t crc, uint32_t word) {
    for (int i = 0; i < 4; i++) crc = crc16_byte(crc, (uint8_t)(word >> (8 * i)));
    return crc;
}

/* ---- Linked list ---------------------------------------------------------------------- */

#define LIST_NODES 512

typedef struct Node {
    struct Node *next;
    int16_t value;
    uint16_t index;
} Node;

static Node node_pool[LIST_NODES];

static Node *list_build(uint32_t *seed) {
    Node *head = 0;
    for (uint32_t i = 0; i < LIST_NODES; i++) {
        Node *node = &node_pool[i];
        node->value = (int16_t)(xorshift32(seed) & 0xffff);
        node->index = (uint16_t)i;
        node->next = head;
        head = node;
    }
    return head;
}

static Node *list_find(Node *head, int16_t value) {
    while (head && head->value != value) head = head->next;
    return head;
}

static Node *list_reverse(Node *head) {
    Node *previous = 0;
    while (head) {
        Node *next = head->next;
        head->next = previous;
        previous = head;
        head = next;
    }
    return previous;
}

static int compare_by_value(const Node *a, const Node *b) {
    return a->value != b->value ? (a->value < b->value ? -1 : 1) : (a->index < b->index ? -1 : 1);
}

static int compare_by_index(const Node *a, const Node *b) {
    return a->index < b->index ? -1 : (a->index > b->index ? 1 : 0);
}

/* Bottom-up merge sort of a singly linked list, stable. */
static Node *list_sort(Node *head, int (*compare)(const Node *, const Node *)) {
    for (uint32_t width = 1;; width *= 2) {
        Node *remaining = head;
        Node *tail = 0;
        head = 0;
        uint32_t merges = 0;
        while (remaining) {
            merges++;
            Node *left = remaining;
            uint32_t left_size = 0;
            while (remaining && left_size < width) {
                remaining = remaining->next;
                left_size++;
            }
            Node *right = remaining;
            uint32_t right_size = 0;
            while (remaining && right_size < width) {
                remaining = remaining->next;
                right_size++;
            }
            while (left_size > 0 || right_size > 0) {
                Node *taken;
                if (right_size == 0 || (left_size > 0 && compare(left, right) <= 0)) {
                    taken = left;
                    left = left->next;
                    left_size--;
                } else {
                    taken = right;
                    right = right->next;
                    right_size--;
                }
                if (tail) tail->next = taken; else head = taken;
                tail = taken;
            }
        }
        if (tail) tail->next = 0;
        if (merges <= 1) return head;
    }
}

static uint32_t list_kernel(uint32_t *seed, uint16_t *crc16) {
    Node *head = list_build(seed);
    uint32_t found = 0;
    for (int i = 0; i < 16; i++) {
        Node *hit = list_find(head, node_pool[(xorshift32(seed) % LIST_NODES)].value);
        found += hit ? hit->index : 0xffff;
    }
    head = list_reverse(head);
    head = list_sort(head, compare_by_value);
    uint32_t position = 0;
    for (Node *node = head; node; node = node->next, position++) {
        if ((position & 7) == 0) *crc16 = crc16_word(*crc16, (uint16_t)node->value);
    }
    head = list_sort(head, compare_by_index);
    return found ^ (uint32_t)head->value ^ ((uint32_t)*crc16 << 16);
}

/* ---- Integer matrices ----------------------------------------------------------------- */

#define MATRIX_N 32

static int16_t matrix_a[MATRIX_N][MATRIX_N];
static int16_t matrix_b[MATRIX_N][MATRIX_N];
static int32_t matrix_c[MATRIX_N][MATRIX_N];

static uint32_t matrix_kernel(uint32_t *seed, uint16_t *crc16) {
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            matrix_a[i][j] = (int16_t)(xorshift32(seed) % 2048) - 1024;
            matrix_b[i][j] = (int16_t)((i * 5 + j * 3) % 64) - 32;
        }
    }
    int16_t constant = (int16_t)(xorshift32(seed) % 16 + 1);
    for (int i = 0; i < MATRIX_N; i++)
        for (int j = 0; j < MATRIX_N; j++) matrix_a[i][j] = (int16_t)(matrix_a[i][j] + constant);
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            int32_t sum = 0;
            for (int k = 0; k < MATRIX_N; k++) sum += (int32_t)matrix_a[i][k] * matrix_b[k][j];
            matrix_c[i][j] = sum;
        }
    }
    uint32_t result = 0;
    for (int i = 0; i < MATRIX_N; i++) {
        int32_t row = 0;
        for (int j = 0; j < MATRIX_N; j++) {
            /* Bit extraction: bits 2..9 of each product, signed fold. */
            int32_t bits = (matrix_c[i][j] >> 2) & 0xff;
            row += (matrix_c[i][j] < 0) ? -bits : bits;
        }
        result = result * 33 + (uint32_t)row;
        *crc16 = crc16_word(*crc16, (uint32_t)row);
    }
    return result;
}

/* ---- State machine -------------------------------------------------------------------- */

#define TEXT_BYTES 1024

enum State { START, INTEGER, SIGN, DECIMAL_POINT, FRACTION, EXPONENT_MARK, EXPONENT_SIGN, EXPONENT, INVALID, STATE_COUNT };

static uint8_t text[TEXT_BYTES];

static void text_generate(uint32_t *seed) {
    static const char alphabet[] = "0123456789012345678901234567890123456789..eE+-,,,,x ";
    for (uint32_t i = 0; i < TEXT_BYTES; i++) {
        text[i] = (uint8_t)alphabet[xorshift32(seed) % (sizeof alphabet - 1)];
    }
}

static enum State next_state(enum State state, uint8_t c) {
    int digit = c >= '0' && c <= '9';
    switch (state) {
    case START:
        if (digit) return INTEGER;
        if (c == '+' || c == '-') return SIGN;
        if (c == '.') return DECIMAL_POINT;
        return INVALID;
    case SIGN:
        if (digit) return INTEGER;
        if (c == '.') return DECIMAL_POINT;
        return INVALID;
    case INTEGER:
        if (digit) return INTEGER;
        if (c == '.') return DECIMAL_POINT;
        if (c == 'e' || c == 'E') return EXPONENT_MARK;
        return INVALID;
    case DECIMAL_POINT:
        return digit ? FRACTION : INVALID;
    case FRACTION:
        if (digit) return FRACTION;
        if (c == 'e' || c == 'E') return EXPONENT_MARK;
        return INVALID;
    case EXPONENT_MARK:
        if (digit) return EXPONENT;
        if (c == '+' || c == '-') return EXPONENT_SIGN;
        return INVALID;
    case EXPONENT_SIGN:
    case EXPONENT:
        return digit ? EXPONENT : INVALID;
    default:
        return INVALID;
    }
}

static uint32_t state_machine_kernel(uint32_t *seed, uint16_t *crc16) {
    text_generate(seed);
    uint32_t final_counts[STATE_COUNT] = {0};
    uint32_t transitions = 0;
    enum State state = START;
    for (uint32_t i = 0; i < TEXT_BYTES; i++) {
        uint8_t c = text[i];
        if (c == ',' || c == ' ') {
            final_counts[state]++;
            state = START;
            continue;
        }
        enum State next = next_state(state, c);
        if (next != state) transitions++;
        state = next;
    }
    final_counts[state]++;
    uint32_t result = transitions;
    for (int s = 0; s < STATE_COUNT; s++) {
        result = result * 31 + final_counts[s];
        *crc16 = crc16_byte(*crc16, (uint8_t)final_counts[s]);
    }
    return result;
}

/* ---- Driver --------------------------------------------------------------------------- */

uint32_t run(uint32_t iterations) {
    crc32_init();
    uint32_t crc = 0xffffffffu;
    uint16_t crc16 = 0xffff;
    for (uint32_t iteration = 0; iteration < iterations; iteration++) {
        uint32_t seed = 0x6C078965u ^ (iteration * 0x9E3779B9u);
        if (seed == 0) seed = 1;
        crc = crc32_word(crc, list_kernel(&seed, &crc16));
        crc = crc32_word(crc, matrix_kernel(&seed, &crc16));
        crc = crc32_word(crc, state_machine_kernel(&seed, &crc16));
        crc = crc32_word(crc, crc16);
    }
    return ~crc;
}
