// A wasi:http/incoming-handler component written against the canonical ABI directly (no libc,
// no adapter). It answers every request with 200, a header, and a body that starts with the
// method and path and then echoes the request body, streamed in pieces both ways, then lists
// the request's trailers. Path /early first sends a 103 informational response; path
// /trailers ends the response with a trailer field.
#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define TYPES "wasi:http/types@0.2.12"
#define STREAMS "wasi:io/streams@0.2.12"

IMPORT(TYPES, "[method]incoming-request.method") void request_method(int32_t self, int32_t *ret);
IMPORT(TYPES, "[method]incoming-request.path-with-query") void request_path(int32_t self, int32_t *ret);
IMPORT(TYPES, "[method]incoming-request.consume") void request_consume(int32_t self, int32_t *ret);
IMPORT(TYPES, "[resource-drop]incoming-request") void drop_request(int32_t handle);
IMPORT(TYPES, "[method]incoming-body.stream") void body_stream(int32_t self, int32_t *ret);
IMPORT(TYPES, "[static]incoming-body.finish") int32_t body_finish(int32_t body);
IMPORT(TYPES, "[resource-drop]future-trailers") void drop_future_trailers(int32_t handle);
IMPORT(TYPES, "[method]future-trailers.get") void future_trailers_get(int32_t self, int64_t *ret);
IMPORT(TYPES, "[method]fields.entries") void fields_entries(int32_t self, int32_t *ret);
IMPORT(TYPES, "[resource-drop]fields") void drop_fields(int32_t handle);
IMPORT(TYPES, "[method]response-outparam.send-informational")
void send_informational(int32_t self, int32_t status, int32_t headers, int64_t *ret);
IMPORT(TYPES, "[constructor]fields") int32_t fields_new(void);
IMPORT(TYPES, "[method]fields.append")
void fields_append(int32_t self, const char *name, int32_t name_len, const char *value, int32_t value_len, int32_t *ret);
IMPORT(TYPES, "[constructor]outgoing-response") int32_t response_new(int32_t headers);
IMPORT(TYPES, "[method]outgoing-response.set-status-code") int32_t response_set_status(int32_t self, int32_t status);
IMPORT(TYPES, "[method]outgoing-response.body") void response_body(int32_t self, int32_t *ret);
IMPORT(TYPES, "[method]outgoing-body.write") void outgoing_body_write(int32_t self, int32_t *ret);
IMPORT(TYPES, "[static]outgoing-body.finish")
void outgoing_body_finish(int32_t body, int32_t has_trailers, int32_t trailers, int64_t *ret);
IMPORT(TYPES, "[static]response-outparam.set")
void outparam_set(int32_t param, int32_t is_error, int32_t a, int32_t b, int64_t c, int32_t d, int32_t e, int32_t f, int32_t g);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void blocking_read(int32_t self, int64_t len, int32_t *ret);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input_stream(int32_t handle);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void blocking_write_and_flush(int32_t self, const char *ptr, int32_t len, int32_t *ret);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output_stream(int32_t handle);

static unsigned char heap[1 << 20];
static size_t heap_used;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    size_t start = (heap_used + align - 1) & ~(align - 1);
    if (start + new_size > sizeof heap) heap_used = start = 0;  // a request never needs more than the heap
    if (new_size > sizeof heap) __builtin_trap();
    unsigned char *result = heap + start;
    for (size_t i = 0; old && i < old_size && i < new_size; i++) result[i] = ((unsigned char *)old)[i];
    heap_used = start + new_size;
    return result;
}

static size_t length(const char *text) {
    size_t count = 0;
    while (text[count]) count++;
    return count;
}

static void write_all(int32_t stream, const char *ptr, int32_t len) {
    // blocking-write-and-flush takes at most 4096 bytes at a time.
    while (len > 0) {
        int32_t piece = len < 4096 ? len : 4096;
        int32_t ret[3];
        blocking_write_and_flush(stream, ptr, piece, ret);
        if ((ret[0] & 0xff) != 0) __builtin_trap();
        ptr += piece;
        len -= piece;
    }
}

static int equal(const char *a, int32_t a_len, const char *b) {
    if (a_len != (int32_t)length(b)) return 0;
    for (int32_t i = 0; i < a_len; i++) if (a[i] != b[i]) return 0;
    return 1;
}

static const char *method_names[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" };

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(int32_t request, int32_t outparam) {
    heap_used = 0;
    int32_t headers = fields_new();
    int32_t ret[4];
    fields_append(headers, "x-served-by", 11, "wcomp-test", 10, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t response = response_new(headers);
    if (response_set_status(response, 200) != 0) __builtin_trap();
    response_body(response, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t body = ret[1];
    outgoing_body_write(body, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t output = ret[1];
    request_path(request, ret);
    // A copy: the bump heap may reuse the lowered string's memory for later reads.
    static char path[2048];
    int32_t path_len = (ret[0] & 0xff) == 1 && ret[2] <= (int32_t)sizeof path ? ret[2] : 0;
    for (int32_t i = 0; i < path_len; i++) path[i] = ((const char *)(uintptr_t)ret[1])[i];
    if (equal(path, path_len, "/early")) {
        int32_t hints = fields_new();
        fields_append(hints, "link", 4, "</style.css>; rel=preload", 25, ret);
        int64_t sent[4];
        send_informational(outparam, 103, hints, sent);
        if ((sent[0] & 0xff) != 0) __builtin_trap();
    }
    // Send the head now: the body follows as it is written.
    outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);

    request_method(request, ret);
    int32_t method = ret[0] & 0xff;
    if (method < 9) write_all(output, method_names[method], length(method_names[method]));
    else write_all(output, (const char *)(uintptr_t)ret[1], ret[2]);
    write_all(output, " ", 1);
    write_all(output, path, path_len);
    write_all(output, "\n", 1);

    request_consume(request, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t incoming = ret[1];
    body_stream(incoming, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t input = ret[1];
    for (;;) {
        blocking_read(input, 1000, ret);
        if ((ret[0] & 0xff) != 0) break;  // closed: the whole body was read
        write_all(output, (const char *)(uintptr_t)ret[1], ret[2]);
    }
    drop_input_stream(input);
    int32_t future = body_finish(incoming);
    int64_t got[8];
    future_trailers_get(future, got);
    // some(ok(ok(some(trailers)))): option @0, results @8 and @16, option @24, handle @28.
    if ((got[0] & 0xff) == 1 && (got[1] & 0xff) == 0 && (got[2] & 0xff) == 0 && (got[3] & 0xff) == 1) {
        int32_t trailers = (int32_t)(got[3] >> 32);
        fields_entries(trailers, ret);
        int32_t *entries = (int32_t *)(uintptr_t)ret[0];
        for (int32_t i = 0; i < ret[1]; i++) {
            write_all(output, "trailer: ", 9);
            write_all(output, (const char *)(uintptr_t)entries[4 * i], entries[4 * i + 1]);
            write_all(output, "=", 1);
            write_all(output, (const char *)(uintptr_t)entries[4 * i + 2], entries[4 * i + 3]);
            write_all(output, "\n", 1);
        }
        drop_fields(trailers);
    }
    drop_future_trailers(future);
    drop_request(request);
    drop_output_stream(output);
    int32_t has_trailers = equal(path, path_len, "/trailers");
    int32_t trailers = 0;
    if (has_trailers) {
        trailers = fields_new();
        fields_append(trailers, "x-response-trailer", 18, "done", 4, ret);
    }
    int64_t finished[8];
    outgoing_body_finish(body, has_trailers, trailers, finished);
    if ((finished[0] & 0xff) != 0) __builtin_trap();
}
