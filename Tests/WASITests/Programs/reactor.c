// A WASI preview1 reactor whose exports the tests call more than once, changing grants in
// between. Built by build.sh.
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include <wasi/api.h>

// Reads /data/secret.txt; returns the byte count or -errno.
__attribute__((export_name("read_secret"))) int32_t read_secret(void) {
    int fd = open("/data/secret.txt", O_RDONLY);
    if (fd < 0) return -errno;
    char buffer[128];
    ssize_t count = read(fd, buffer, sizeof buffer);
    int error = errno;
    close(fd);
    return count < 0 ? -error : (int32_t)count;
}

// The number of environment variables granted now, or -errno.
__attribute__((export_name("environment_count"))) int32_t environment_count(void) {
    __wasi_size_t count, size;
    __wasi_errno_t error = __wasi_environ_sizes_get(&count, &size);
    return error ? -(int32_t)error : (int32_t)count;
}

// The errno of drawing 16 random bytes.
__attribute__((export_name("random_errno"))) int32_t random_errno(void) {
    uint8_t bytes[16];
    return (int32_t)__wasi_random_get(bytes, sizeof bytes);
}

// Writes "ping\n" to stdout; returns the errno.
__attribute__((export_name("ping"))) int32_t ping(void) {
    __wasi_ciovec_t vector = {(const uint8_t *)"ping\n", 5};
    __wasi_size_t written;
    return (int32_t)__wasi_fd_write(1, &vector, 1, &written);
}

// Spins forever (for fuel and deadline limits).
__attribute__((export_name("spin"))) void spin(void) {
    for (volatile int i = 0;; i++) {}
}
