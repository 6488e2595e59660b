// A wasi:cli/command component written against the WASI 0.2 canonical ABI directly (no libc,
// no adapter). argv[1] picks what it does; see build.sh and ComponentCommandTests.swift.
#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

IMPORT("wasi:cli/environment@0.2.12", "get-arguments") void get_arguments(int32_t *ret);
IMPORT("wasi:cli/environment@0.2.12", "get-environment") void get_environment(int32_t *ret);
IMPORT("wasi:cli/exit@0.2.12", "exit-with-code") void exit_with_code(int32_t code);
IMPORT("wasi:cli/stdout@0.2.12", "get-stdout") int32_t get_stdout(void);
IMPORT("wasi:io/streams@0.2.12", "[method]output-stream.blocking-write-and-flush")
void blocking_write_and_flush(int32_t self, const char *ptr, int32_t len, int32_t *ret);
IMPORT("wasi:io/streams@0.2.12", "[resource-drop]output-stream") void drop_output_stream(int32_t handle);
IMPORT("wasi:io/poll@0.2.12", "poll") void poll(const int32_t *ptr, int32_t len, int32_t *ret);
IMPORT("wasi:io/poll@0.2.12", "[resource-drop]pollable") void drop_pollable(int32_t handle);
IMPORT("wasi:clocks/monotonic-clock@0.2.12", "now") int64_t monotonic_now(void);
IMPORT("wasi:clocks/monotonic-clock@0.2.12", "subscribe-duration") int32_t subscribe_duration(int64_t nanoseconds);
IMPORT("wasi:random/random@0.2.12", "get-random-bytes") void get_random_bytes(int64_t len, int32_t *ret);
IMPORT("wasi:filesystem/preopens@0.2.12", "get-directories") void get_directories(int32_t *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[method]descriptor.open-at")
void open_at(int32_t self, int32_t path_flags, const char *path, int32_t path_len, int32_t open_flags,
             int32_t flags, int32_t *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[method]descriptor.write")
void descriptor_write(int32_t self, const char *ptr, int32_t len, int64_t offset, int64_t *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[method]descriptor.read")
void descriptor_read(int32_t self, int64_t len, int64_t offset, int32_t *ret);
IMPORT("wasi:filesystem/types@0.2.12", "[resource-drop]descriptor") void drop_descriptor(int32_t handle);

#define HTTP "wasi:http/types@0.2.12"
IMPORT(HTTP, "[constructor]fields") int32_t fields_new(void);
IMPORT(HTTP, "[constructor]outgoing-request") int32_t outgoing_request_new(int32_t headers);
IMPORT(HTTP, "[method]outgoing-request.set-scheme")
int32_t set_scheme(int32_t self, int32_t is_some, int32_t scheme, const char *other, int32_t other_len);
IMPORT(HTTP, "[method]outgoing-request.set-authority")
int32_t set_authority(int32_t self, int32_t is_some, const char *ptr, int32_t len);
IMPORT(HTTP, "[method]outgoing-request.set-path-with-query")
int32_t set_path_with_query(int32_t self, int32_t is_some, const char *ptr, int32_t len);
IMPORT("wasi:http/outgoing-handler@0.2.12", "handle")
void outgoing_handle(int32_t request, int32_t has_options, int32_t options, int64_t *ret);
IMPORT(HTTP, "[method]future-incoming-response.subscribe") int32_t future_subscribe(int32_t self);
IMPORT(HTTP, "[method]future-incoming-response.get") void future_get(int32_t self, int64_t *ret);
IMPORT(HTTP, "[resource-drop]future-incoming-response") void drop_future(int32_t handle);
IMPORT(HTTP, "[method]incoming-response.status") int32_t response_status(int32_t self);
IMPORT(HTTP, "[method]incoming-response.consume") void response_consume(int32_t self, int32_t *ret);
IMPORT(HTTP, "[method]incoming-body.stream") void incoming_body_stream(int32_t self, int32_t *ret);
IMPORT(HTTP, "[method]outgoing-request.set-method")
int32_t set_method(int32_t self, int32_t method, const char *other, int32_t other_len);
IMPORT(HTTP, "[method]outgoing-request.body") void outgoing_request_body(int32_t self, int32_t *ret);
IMPORT(HTTP, "[method]outgoing-body.write") void outgoing_body_write(int32_t self, int32_t *ret);
IMPORT(HTTP, "[static]outgoing-body.finish") void outgoing_body_finish(int32_t self, int32_t has_trailers, int32_t trailers, int64_t *ret);
IMPORT(HTTP, "[constructor]request-options") int32_t request_options_new(void);
IMPORT(HTTP, "[method]request-options.set-connect-timeout")
int32_t set_connect_timeout(int32_t self, int32_t is_some, int64_t nanoseconds);
IMPORT(HTTP, "[method]request-options.set-first-byte-timeout")
int32_t set_first_byte_timeout(int32_t self, int32_t is_some, int64_t nanoseconds);
IMPORT(HTTP, "[method]request-options.set-between-bytes-timeout")
int32_t set_between_bytes_timeout(int32_t self, int32_t is_some, int64_t nanoseconds);
IMPORT(HTTP, "http-error-code") void http_error_code(int32_t error, int64_t *ret);
IMPORT("wasi:io/error@0.2.12", "[resource-drop]error") void drop_error(int32_t handle);
IMPORT("wasi:io/poll@0.2.12", "[method]pollable.block") void pollable_block(int32_t self);
IMPORT("wasi:io/streams@0.2.12", "[method]input-stream.blocking-read") void blocking_read(int32_t self, int64_t len, int32_t *ret);
IMPORT("wasi:io/streams@0.2.12", "[resource-drop]input-stream") void drop_input_stream(int32_t handle);

#define SOCKETS(name) "wasi:sockets/" name "@0.2.12"
IMPORT(SOCKETS("instance-network"), "instance-network") int32_t instance_network(void);
IMPORT(SOCKETS("tcp-create-socket"), "create-tcp-socket") void create_tcp_socket(int32_t family, int32_t *ret);
IMPORT(SOCKETS("tcp"), "[method]tcp-socket.start-connect")
void start_connect(int32_t self, int32_t network, int32_t family, int32_t port, int32_t a, int32_t b, int32_t c, int32_t d,
                   int32_t e, int32_t f, int32_t g, int32_t h, int32_t i, int32_t j, int32_t *ret);
IMPORT(SOCKETS("tcp"), "[method]tcp-socket.finish-connect") void finish_connect(int32_t self, int32_t *ret);
IMPORT(SOCKETS("tcp"), "[method]tcp-socket.subscribe") int32_t tcp_subscribe(int32_t self);
IMPORT(SOCKETS("tcp"), "[resource-drop]tcp-socket") void drop_tcp_socket(int32_t handle);
IMPORT(SOCKETS("udp-create-socket"), "create-udp-socket") void create_udp_socket(int32_t family, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.start-bind")
void udp_start_bind(int32_t self, int32_t network, int32_t family, int32_t port, int32_t a, int32_t b, int32_t c, int32_t d,
                    int32_t e, int32_t f, int32_t g, int32_t h, int32_t i, int32_t j, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.finish-bind") void udp_finish_bind(int32_t self, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.stream")
void udp_stream(int32_t self, int32_t is_some, int32_t family, int32_t port, int32_t a, int32_t b, int32_t c, int32_t d,
                int32_t e, int32_t f, int32_t g, int32_t h, int32_t i, int32_t j, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.local-address") void udp_local_address(int32_t self, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.remote-address") void udp_remote_address(int32_t self, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.set-unicast-hop-limit") void udp_set_hop_limit(int32_t self, int32_t value, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.unicast-hop-limit") void udp_hop_limit(int32_t self, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]udp-socket.receive-buffer-size") void udp_receive_buffer_size(int32_t self, int64_t *ret);
IMPORT(SOCKETS("udp"), "[method]incoming-datagram-stream.receive") void udp_receive(int32_t self, int64_t max, int32_t *ret);
IMPORT(SOCKETS("udp"), "[method]incoming-datagram-stream.subscribe") int32_t udp_incoming_subscribe(int32_t self);
IMPORT(SOCKETS("udp"), "[method]outgoing-datagram-stream.check-send") void udp_check_send(int32_t self, int64_t *ret);
IMPORT(SOCKETS("udp"), "[method]outgoing-datagram-stream.send") void udp_send(int32_t self, const void *ptr, int32_t len, int64_t *ret);
IMPORT(SOCKETS("udp"), "[resource-drop]incoming-datagram-stream") void drop_incoming_datagram_stream(int32_t handle);
IMPORT(SOCKETS("udp"), "[resource-drop]outgoing-datagram-stream") void drop_outgoing_datagram_stream(int32_t handle);
IMPORT(SOCKETS("udp"), "[resource-drop]udp-socket") void drop_udp_socket(int32_t handle);
IMPORT(SOCKETS("ip-name-lookup"), "resolve-addresses")
void resolve_addresses(int32_t network, const char *name, int32_t len, int32_t *ret);
IMPORT(SOCKETS("ip-name-lookup"), "[method]resolve-address-stream.resolve-next-address")
void resolve_next_address(int32_t self, int16_t *ret);

// A bump allocator is all the host's lowering needs.
static unsigned char heap[1 << 16];
static size_t heap_used;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    size_t start = (heap_used + align - 1) & ~(align - 1);
    if (start + new_size > sizeof heap) __builtin_trap();
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

static int equal(const char *a, int32_t a_len, const char *b) {
    if (a_len != (int32_t)length(b)) return 0;
    for (int32_t i = 0; i < a_len; i++) if (a[i] != b[i]) return 0;
    return 1;
}

static int32_t stdout_handle;

static void print_bytes(const char *ptr, int32_t len) {
    int32_t ret[3];
    blocking_write_and_flush(stdout_handle, ptr, len, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
}

static void print(const char *text) { print_bytes(text, length(text)); }

static void print_number(uint64_t value) {
    char digits[24];
    int count = 0;
    do { digits[sizeof digits - 1 - count++] = '0' + value % 10; value /= 10; } while (value);
    print_bytes(digits + sizeof digits - count, count);
}

struct string { const char *ptr; int32_t len; };

static void hello(void) { print("hello from a component\n"); }

static void environment(struct string *args, int32_t count) {
    for (int32_t i = 0; i < count; i++) { print("arg: "); print_bytes(args[i].ptr, args[i].len); print("\n"); }
    int32_t list[2];
    get_environment(list);
    struct string *pairs = (struct string *)(uintptr_t)list[0];
    for (int32_t i = 0; i < list[1]; i++) {
        print_bytes(pairs[2 * i].ptr, pairs[2 * i].len); print("="); print_bytes(pairs[2 * i + 1].ptr, pairs[2 * i + 1].len); print("\n");
    }
}

// open-at with path-flags 0; returns the descriptor or prints the error code and returns -1.
static int32_t open_file(int32_t directory, const char *path, int32_t open_flags, int32_t flags) {
    int32_t ret[2];
    open_at(directory, 0, path, length(path), open_flags, flags, ret);
    if ((ret[0] & 0xff) == 0) return ret[1];
    print("open "); print(path); print(": error "); print_number(ret[1] & 0xff); print("\n");
    return -1;
}

static void filesystem(void) {
    int32_t list[2];
    get_directories(list);
    int32_t *entries = (int32_t *)(uintptr_t)list[0];
    print("preopens: "); print_number(list[1]); print("\n");
    if (list[1] == 0) return;
    int32_t directory = entries[0];
    print("preopen: "); print_bytes((const char *)(uintptr_t)entries[1], entries[2]); print("\n");
    // open-flags: create = 1, truncate = 8; descriptor-flags: read = 1, write = 2.
    int32_t file = open_file(directory, "note.txt", 1 | 8, 1 | 2);
    if (file >= 0) {
        const char *text = "written by the guest";
        int64_t written[2];
        descriptor_write(file, text, length(text), 0, written);
        if ((written[0] & 0xff) != 0) { print("write failed: "); print_number((uint64_t)written[1] & 0xff); print("\n"); }
        int32_t read[4];
        descriptor_read(file, 100, 0, read);
        if ((read[0] & 0xff) == 0) { print("read back: "); print_bytes((const char *)(uintptr_t)read[1], read[2]); print("\n"); }
        drop_descriptor(file);
    }
    open_file(directory, "../outside.txt", 0, 1);
    open_file(directory, "/etc/passwd", 0, 1);
    open_file(directory, "link-out/passwd", 0, 1);
    drop_descriptor(directory);
}

static void clocks_and_random(void) {
    int64_t start = monotonic_now();
    int32_t pollables[2] = { subscribe_duration(60ll * 1000 * 1000 * 1000), subscribe_duration(5 * 1000 * 1000) };
    int32_t ready[2];
    poll(pollables, 2, ready);
    int32_t *indices = (int32_t *)(uintptr_t)ready[0];
    print("ready:");
    for (int32_t i = 0; i < ready[1]; i++) { print(" "); print_number(indices[i]); }
    print("\n");
    int64_t elapsed = monotonic_now() - start;
    print(elapsed >= 5 * 1000 * 1000 ? "waited at least 5 ms\n" : "returned too early\n");
    drop_pollable(pollables[0]);
    drop_pollable(pollables[1]);
    int32_t bytes[2];
    get_random_bytes(16, bytes);
    print("random bytes: "); print_number(bytes[1]); print("\n");
}

static int32_t parse_number(struct string text) {
    int32_t value = 0;
    for (int32_t i = 0; i < text.len; i++) value = value * 10 + (text.ptr[i] - '0');
    return value;
}

// Prints "error: N" for the `error-code` case N at `code` (its discriminant byte).
static void print_error_code(const char *what, int64_t *code) { print(what); print_number(code[0] & 0xff); print("\n"); }

// Sends REQUEST (with options OPTIONS, or none when 0) and waits for the response; returns it,
// or prints the error-code case index and returns -1.
static int32_t await_response(int32_t request, int32_t options) {
    int64_t handled[6];
    outgoing_handle(request, options != 0, options, handled);
    if ((handled[0] & 0xff) != 0) { print_error_code("error: ", &handled[1]); return -1; }
    int32_t future = (int32_t)handled[1];
    int32_t pollable = future_subscribe(future);
    pollable_block(pollable);
    drop_pollable(pollable);
    int64_t got[8];
    future_get(future, got);
    drop_future(future);
    // option @0, outer result @8, inner result @16, payload @24
    if ((got[0] & 0xff) != 1 || (got[1] & 0xff) != 0) __builtin_trap();
    if ((got[2] & 0xff) != 0) { print_error_code("error: ", &got[3]); return -1; }
    return (int32_t)got[3];
}

// await_response, then prints the status.
static int32_t send_request(int32_t request, int32_t options) {
    int32_t response = await_response(request, options);
    if (response >= 0) { print("status: "); print_number(response_status(response)); print("\n"); }
    return response;
}

// Prints the body of RESPONSE as it arrives; a failed read prints the body's error-code.
static void print_body(int32_t response) {
    int32_t ret[3];
    response_consume(response, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    incoming_body_stream(ret[1], ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t input = ret[1];
    for (;;) {
        blocking_read(input, 4096, ret);
        if ((ret[0] & 0xff) == 0) { print_bytes((const char *)(uintptr_t)ret[1], ret[2]); continue; }
        if ((ret[1] & 0xff) == 0) {  // last-operation-failed(error)
            int64_t code[4];
            http_error_code(ret[2], code);
            if ((code[0] & 0xff) == 1) print_error_code("body error: ", &code[1]); else print("body error\n");
            drop_error(ret[2]);
        }
        break;
    }
    drop_input_stream(input);
}

static int32_t new_request(struct string authority, struct string path, int32_t https) {
    int32_t request = outgoing_request_new(fields_new());
    if (set_scheme(request, 1, https, 0, 0) != 0) __builtin_trap();  // some(HTTP) or some(HTTPS)
    if (set_authority(request, 1, authority.ptr, authority.len) != 0) __builtin_trap();
    if (set_path_with_query(request, 1, path.ptr, path.len) != 0) __builtin_trap();
    return request;
}

// GET http(s)://AUTHORITY/PATH: prints the status and the body, or the error-code case index.
// With TIMEOUT_MS, the connect, first-byte and between-bytes timeouts are set to it.
static void http_get(struct string authority, struct string path, int32_t https, int32_t timeout_ms) {
    int32_t request = new_request(authority, path, https);
    int32_t options = 0;
    if (timeout_ms > 0) {
        options = request_options_new();
        if (set_connect_timeout(options, 1, timeout_ms * 1000000ll) != 0) __builtin_trap();
        if (set_first_byte_timeout(options, 1, timeout_ms * 1000000ll) != 0) __builtin_trap();
        if (set_between_bytes_timeout(options, 1, timeout_ms * 1000000ll) != 0) __builtin_trap();
    }
    int32_t response = send_request(request, options);
    if (response >= 0) print_body(response);
}

static void write_body(int32_t stream, const char *text) {
    int32_t written[3];
    blocking_write_and_flush(stream, text, length(text), written);
    if ((written[0] & 0xff) != 0) { print("body write failed\n"); }
}

// POST http://AUTHORITY/PATH with a body written in two parts: the request is handled after
// the first, and the response awaited before the second is written (which needs a client
// that streams the body), then the echoed body is printed.
static void http_post_streamed(struct string authority, struct string path) {
    int32_t request = new_request(authority, path, 0);
    if (set_method(request, 2, 0, 0) != 0) __builtin_trap();  // post
    int32_t ret[2];
    outgoing_request_body(request, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t body = ret[1];
    outgoing_body_write(body, ret);
    if ((ret[0] & 0xff) != 0) __builtin_trap();
    int32_t stream = ret[1];
    write_body(stream, "first part\n");
    int32_t response = await_response(request, 0);
    if (response < 0) return;
    print("status before the body was finished: "); print_number(response_status(response)); print("\n");
    write_body(stream, "second part\n");
    drop_output_stream(stream);
    int64_t finished[4];
    outgoing_body_finish(body, 0, 0, finished);
    if ((finished[0] & 0xff) != 0) print_error_code("finish error: ", &finished[1]);
    print_body(response);
}


// Connects to 127.0.0.1:PORT, sends an HTTP request by hand and prints the first reply line.
static void tcp_exchange(struct string port_text) {
    int32_t network = instance_network();
    int32_t ret[3];
    create_tcp_socket(0, ret);  // ipv4
    if ((ret[0] & 0xff) != 0) { print("create failed\n"); return; }
    int32_t socket = ret[1];
    start_connect(socket, network, 0, parse_number(port_text), 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, ret);
    if ((ret[0] & 0xff) != 0) { print("connect error: "); print_number(ret[0] >> 8 & 0xff); print("\n"); return; }
    int32_t pollable = tcp_subscribe(socket);
    pollable_block(pollable);
    drop_pollable(pollable);
    finish_connect(socket, ret);
    if ((ret[0] & 0xff) != 0) { print("finish error: "); print_number(ret[1] & 0xff); print("\n"); return; }
    int32_t input = ret[1], output = ret[2];
    const char *request = "GET /over-tcp HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    int32_t written[3];
    blocking_write_and_flush(output, request, length(request), written);
    if ((written[0] & 0xff) != 0) __builtin_trap();
    blocking_read(input, 4096, ret);
    if ((ret[0] & 0xff) != 0) { print("read failed\n"); return; }
    const char *reply = (const char *)(uintptr_t)ret[1];
    int32_t line = 0;
    while (line < ret[2] && reply[line] != '\r') line++;
    print("reply: "); print_bytes(reply, line); print("\n");
    drop_input_stream(input);
    drop_output_stream(output);
    drop_tcp_socket(socket);
}

// The canonical ABI layout of `outgoing-datagram` (size 44): data, then option<ip-socket-address>.
struct outgoing_datagram {
    const char *data; int32_t data_len;
    uint8_t has_address, pad0[3];
    uint8_t family, pad1[3];
    uint16_t port; uint8_t address[4]; uint8_t rest[22];
};

// A datagram to 127.0.0.1:PORT, or to the stream's remote address when PORT is 0.
static struct outgoing_datagram datagram(const char *text, int32_t port) {
    struct outgoing_datagram d = { text, (int32_t)length(text) };
    if (port) {
        d.has_address = 1; d.family = 0; d.port = (uint16_t)port;
        d.address[0] = 127; d.address[3] = 1;
    }
    return d;
}

static void print_error(const char *what, int32_t code) { print(what); print(" error: "); print_number(code); print("\n"); }

// Binds 127.0.0.1:0, streams with 127.0.0.1:PORT, sends a datagram, prints the reply and the
// socket's settings; then sends to OTHER (not granted, or not the stream's address).
static void udp_exchange(struct string port_text, struct string other_text) {
    int32_t port = parse_number(port_text), other = parse_number(other_text);
    int32_t ret[8];
    int64_t wide[2];
    create_udp_socket(0, ret);
    if ((ret[0] & 0xff) != 0) { print_error("create", ret[1] & 0xff); return; }
    int32_t socket = ret[1];
    udp_local_address(socket, ret);
    if ((ret[0] & 0xff) != 0) print_error("unbound local-address", (ret[1] & 0xff));
    udp_start_bind(socket, instance_network(), 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, ret);
    if ((ret[0] & 0xff) != 0) { print_error("bind", (ret[0] >> 8) & 0xff); return; }
    udp_finish_bind(socket, ret);
    if ((ret[0] & 0xff) != 0) { print_error("finish-bind", (ret[0] >> 8) & 0xff); return; }
    udp_local_address(socket, ret);
    print(((ret[0] & 0xff) == 0 && *(uint16_t *)((char *)ret + 8) != 0) ? "bound to a port\n" : "not bound\n");
    udp_set_hop_limit(socket, 42, ret);
    udp_hop_limit(socket, ret);
    print("hop limit: "); print_number(((ret[0] & 0xff) == 0) ? ((ret[0] >> 8) & 0xff) : 0); print("\n");
    udp_receive_buffer_size(socket, wide);
    print(((wide[0] & 0xff) == 0 && wide[1] > 0) ? "receive buffer: positive\n" : "receive buffer: failed\n");
    udp_stream(socket, 1, 0, port, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, ret);
    if ((ret[0] & 0xff) != 0) { print_error("stream", (ret[1]) & 0xff); return; }
    int32_t incoming = ret[1], outgoing = ret[2];
    udp_remote_address(socket, ret);
    print("remote port matches: "); print(*(uint16_t *)((char *)ret + 8) == port ? "yes\n" : "no\n");
    udp_check_send(outgoing, wide);
    if ((wide[0] & 0xff) != 0 || wide[1] < 2) { print("check-send refused\n"); return; }
    struct outgoing_datagram pair[2] = { datagram("ping from the guest", 0), datagram("second", port) };
    udp_send(outgoing, pair, 2, wide);
    print("sent: "); print_number((wide[0] & 0xff) == 0 ? wide[1] : 0); print("\n");
    int32_t pollable = udp_incoming_subscribe(incoming);
    pollable_block(pollable);
    drop_pollable(pollable);
    udp_receive(incoming, 10, ret);
    if ((ret[0] & 0xff) != 0) { print_error("receive", (ret[1]) & 0xff); return; }
    int32_t *records = (int32_t *)(uintptr_t)ret[1];
    for (int32_t i = 0; i < ret[2]; i++) {
        int32_t *record = records + 10 * i;
        print("received: "); print_bytes((const char *)(uintptr_t)record[0], record[1]);
        print(" from port "); print_number(*(uint16_t *)(record + 3)); print("\n");
    }
    udp_check_send(outgoing, wide);
    struct outgoing_datagram stray = datagram("stray", other);
    udp_send(outgoing, &stray, 1, wide);
    if ((wide[0] & 0xff) != 0) print_error("send to another port", wide[1] & 0xff);
    drop_incoming_datagram_stream(incoming);
    drop_outgoing_datagram_stream(outgoing);
    // Unconnected: a new stream pair without a remote address, sending to OTHER explicitly.
    udp_stream(socket, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ret);
    if ((ret[0] & 0xff) != 0) { print_error("restream", ret[1] & 0xff); return; }
    udp_check_send(ret[2], wide);
    udp_send(ret[2], &stray, 1, wide);
    if ((wide[0] & 0xff) != 0) print_error("unconnected send to another port", wide[1] & 0xff);
    else { print("unconnected sent: "); print_number(wide[1]); print("\n"); }
    drop_incoming_datagram_stream(ret[1]);
    drop_outgoing_datagram_stream(ret[2]);
    drop_udp_socket(socket);
}

static void lookup(struct string name) {
    int32_t ret[3];
    resolve_addresses(instance_network(), name.ptr, name.len, ret);
    if ((ret[0] & 0xff) != 0) { print("lookup error: "); print_number(ret[1] & 0xff); print("\n"); return; }
    int16_t next[11];
    for (;;) {
        resolve_next_address(ret[1], next);
        if ((next[0] & 0xff) != 0 || (next[1] & 0xff) == 0) break;
        if ((next[2] & 0xff) == 0) {
            const unsigned char *bytes = (const unsigned char *)&next[3];
            print("address: ");
            for (int i = 0; i < 4; i++) { if (i) print("."); print_number(bytes[i]); }
            print("\n");
        } else {
            print("address: ipv6\n");
        }
    }
}

__attribute__((export_name("wasi:cli/run@0.2.12#run")))
int32_t run(void) {
    stdout_handle = get_stdout();
    int32_t list[2];
    get_arguments(list);
    struct string *args = (struct string *)(uintptr_t)list[0];
    int32_t count = list[1];
    if (count < 2) { print("usage: guest MODE\n"); return 1; }
    struct string mode = args[1];
    if (equal(mode.ptr, mode.len, "hello")) hello();
    else if (equal(mode.ptr, mode.len, "exit")) { print("exiting with 42\n"); exit_with_code(42); }
    else if (equal(mode.ptr, mode.len, "fail")) return 1;
    else if (equal(mode.ptr, mode.len, "env")) environment(args, count);
    else if (equal(mode.ptr, mode.len, "fs")) filesystem();
    else if (equal(mode.ptr, mode.len, "clocks")) clocks_and_random();
    else if (equal(mode.ptr, mode.len, "trap")) __builtin_trap();
    else if (equal(mode.ptr, mode.len, "http") && count == 4) http_get(args[2], args[3], 0, 0);
    else if (equal(mode.ptr, mode.len, "https") && count == 4) http_get(args[2], args[3], 1, 0);
    else if (equal(mode.ptr, mode.len, "http-timeout") && count == 5) http_get(args[2], args[3], 0, parse_number(args[4]));
    else if (equal(mode.ptr, mode.len, "http-post-streamed") && count == 4) http_post_streamed(args[2], args[3]);
    else if (equal(mode.ptr, mode.len, "tcp") && count == 3) tcp_exchange(args[2]);
    else if (equal(mode.ptr, mode.len, "lookup") && count == 3) lookup(args[2]);
    else if (equal(mode.ptr, mode.len, "udp") && count == 4) udp_exchange(args[2], args[3]);
    else { print("unknown mode\n"); return 1; }
    drop_output_stream(stdout_handle);
    return 0;
}
