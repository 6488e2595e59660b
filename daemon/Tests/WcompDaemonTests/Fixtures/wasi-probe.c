// The daemon's WASI test guest (see wasi-probe.wit), written against the WASI 0.2 canonical
// ABI directly: no libc, no preview1 adapter. Built by build.sh.
#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))
#define STREAMS "wasi:io/streams@0.2.12"
#define FILESYSTEM "wasi:filesystem/types@0.2.12"
#define SOCKETS(name) "wasi:sockets/" name "@0.2.12"

IMPORT("wasi:cli/stdout@0.2.12", "get-stdout") int32_t get_stdout(void);
IMPORT("wasi:cli/stderr@0.2.12", "get-stderr") int32_t get_stderr(void);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void blocking_write_and_flush(int32_t self, const char *ptr, int32_t len, int32_t *ret);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output_stream(int32_t handle);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input_stream(int32_t handle);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.block") void pollable_block(int32_t self);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") void drop_pollable(int32_t handle);
IMPORT("wasi:filesystem/preopens@0.2.12", "get-directories") void get_directories(int32_t *ret);
IMPORT(FILESYSTEM, "[method]descriptor.open-at")
void open_at(int32_t self, int32_t path_flags, const char *path, int32_t path_len, int32_t open_flags,
             int32_t flags, int32_t *ret);
IMPORT(FILESYSTEM, "[method]descriptor.read") void descriptor_read(int32_t self, int64_t len, int64_t offset, int32_t *ret);
IMPORT(FILESYSTEM, "[resource-drop]descriptor") void drop_descriptor(int32_t handle);
IMPORT(SOCKETS("instance-network"), "instance-network") int32_t instance_network(void);
IMPORT(SOCKETS("network"), "[resource-drop]network") void drop_network(int32_t handle);
IMPORT(SOCKETS("tcp-create-socket"), "create-tcp-socket") void create_tcp_socket(int32_t family, int32_t *ret);
IMPORT(SOCKETS("tcp"), "[method]tcp-socket.start-connect")
void start_connect(int32_t self, int32_t network, int32_t family, int32_t port, int32_t a, int32_t b, int32_t c, int32_t d,
                   int32_t e, int32_t f, int32_t g, int32_t h, int32_t i, int32_t j, int32_t *ret);
IMPORT(SOCKETS("tcp"), "[method]tcp-socket.finish-connect") void finish_connect(int32_t self, int32_t *ret);
IMPORT(SOCKETS("tcp"), "[method]tcp-socket.subscribe") int32_t tcp_subscribe(int32_t self);
IMPORT(SOCKETS("tcp"), "[resource-drop]tcp-socket") void drop_tcp_socket(int32_t handle);

// A bump allocator, reset at the start of every export call (results live in `result`).
static unsigned char heap[1 << 17];
static size_t heap_used;

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    size_t start = (heap_used + align - 1) & ~(align - 1);
    if (start + new_size > sizeof heap) __builtin_trap();
    unsigned char *result = heap + start;
    for (size_t i = 0; old && i < old_size && i < new_size; i++) result[i] = ((unsigned char *)old)[i];
    heap_used = start + new_size;
    return result;
}

// The return area of every export: a discriminant byte, then the payload at offset 4.
static int32_t result[3];

// The error-code `not-permitted` of wasi:filesystem/types (its case index).
#define FILESYSTEM_NOT_PERMITTED 31

static int32_t preopen = -1;

EXPORT("wcomp:daemon-test/probe#read-file")
int32_t *read_file(const char *path, int32_t path_len) {
    if (preopen < 0) {
        int32_t list[2];
        get_directories(list);
        if (list[1] == 0) { result[0] = 1; result[1] = FILESYSTEM_NOT_PERMITTED; heap_used = 0; return result; }
        preopen = ((int32_t *)(uintptr_t)list[0])[0];
    }
    int32_t opened[2];
    open_at(preopen, 0, path, path_len, 0, 1, opened);  // no path flags, no open flags, read
    if ((opened[0] & 0xff) != 0) { result[0] = 1; result[1] = opened[1] & 0xff; heap_used = 0; return result; }
    int32_t read[4];
    descriptor_read(opened[1], 1 << 16, 0, read);
    drop_descriptor(opened[1]);
    heap_used = 0;  // the bytes read stay in place until the next call
    if ((read[0] & 0xff) != 0) { result[0] = 1; result[1] = read[1] & 0xff; return result; }
    result[0] = 0; result[1] = read[1]; result[2] = read[2];
    return result;
}

EXPORT("wcomp:daemon-test/probe#connect")
unsigned char *connect(int32_t port) {
    static unsigned char outcome[2];
    int32_t network = instance_network();
    int32_t ret[3];
    create_tcp_socket(0, ret);  // ipv4
    if ((ret[0] & 0xff) != 0) { drop_network(network); outcome[0] = 1; outcome[1] = ret[1] & 0xff; return outcome; }
    int32_t socket = ret[1];
    start_connect(socket, network, 0, port, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, ret);
    if ((ret[0] & 0xff) == 0) {
        int32_t pollable = tcp_subscribe(socket);
        pollable_block(pollable);
        drop_pollable(pollable);
        finish_connect(socket, ret);
        if ((ret[0] & 0xff) == 0) {
            drop_input_stream(ret[1]);
            drop_output_stream(ret[2]);
            outcome[0] = 0;
        } else {
            outcome[0] = 1; outcome[1] = ret[1] & 0xff;
        }
    } else {
        outcome[0] = 1; outcome[1] = (ret[0] >> 8) & 0xff;
    }
    drop_tcp_socket(socket);
    drop_network(network);
    heap_used = 0;
    return outcome;
}

static void write_all(int32_t stream, const char *ptr, int32_t len) {
    int32_t ret[3];
    blocking_write_and_flush(stream, ptr, len, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    drop_output_stream(stream);
}

EXPORT("wcomp:daemon-test/probe#print")
void print(const char *out, int32_t out_len, const char *err, int32_t err_len) {
    write_all(get_stdout(), out, out_len);
    write_all(get_stderr(), err, err_len);
    heap_used = 0;
}

EXPORT("wcomp:daemon-test/probe#grow")
int32_t grow(int32_t pages) {
    heap_used = 0;
    return __builtin_wasm_memory_grow(0, pages);
}
