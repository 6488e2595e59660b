// A WASI preview1 command exercising the host, one scenario per first argument.
// Built by build.sh; the tests in ../ run it and check what it prints.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#define WASI_IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))
WASI_IMPORT("fd_write") int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t count, int32_t written);
WASI_IMPORT("fd_read") int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t count, int32_t read);
WASI_IMPORT("path_open") int32_t raw_path_open(int32_t fd, int32_t lookup, int32_t path, int32_t length,
                                               int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
                                               int32_t opened);
WASI_IMPORT("random_get") int32_t raw_random_get(int32_t buffer, int32_t length);
WASI_IMPORT("args_get") int32_t raw_args_get(int32_t argv, int32_t buffer);
WASI_IMPORT("poll_oneoff") int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t count, int32_t events);
WASI_IMPORT("proc_raise") int32_t raw_proc_raise(int32_t signal);
WASI_IMPORT("fd_prestat_dir_name") int32_t raw_prestat_dir_name(int32_t fd, int32_t path, int32_t length);

static int fail(const char *what, const char *path) {
    printf("%s %s: errno %d\n", what, path, errno);
    return 1;
}

static int cat(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return fail("open", path);
    char buffer[256];
    ssize_t count;
    while ((count = read(fd, buffer, sizeof buffer)) > 0) fwrite(buffer, 1, (size_t)count, stdout);
    close(fd);
    return count < 0 ? fail("read", path) : 0;
}

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return fail("open", path);
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) return fail("write", path);
    close(fd);
    printf("wrote %s\n", path);
    return 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path) {
    DIR *directory = opendir(path);
    if (!directory) return fail("opendir", path);
    char *names[64];
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)) && count < 64) {
        if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..")) names[count++] = strdup(entry->d_name);
    }
    closedir(directory);
    qsort(names, (size_t)count, sizeof names[0], compare_names);
    for (int i = 0; i < count; i++) printf("%s\n", names[i]);
    return 0;
}

// Creates, writes, reads, lists, stats, renames and removes files under `root`.
static int files(const char *root) {
    char dir[256], a[256], b[256];
    snprintf(dir, sizeof dir, "%s/sub", root);
    snprintf(a, sizeof a, "%s/sub/a.txt", root);
    snprintf(b, sizeof b, "%s/sub/b.txt", root);
    if (mkdir(dir, 0755) != 0) return fail("mkdir", dir);
    int fd = open(a, O_RDWR | O_CREAT | O_EXCL, 0644);
    if (fd < 0) return fail("create", a);
    if (write(fd, "hello, world", 12) != 12) return fail("write", a);
    if (pwrite(fd, "HELLO", 5, 0) != 5) return fail("pwrite", a);
    if (lseek(fd, 7, SEEK_SET) != 7) return fail("seek", a);
    char buffer[32] = {0};
    if (read(fd, buffer, sizeof buffer - 1) != 5) return fail("read", a);
    printf("read after seek: %s\n", buffer);
    memset(buffer, 0, sizeof buffer);
    if (pread(fd, buffer, 5, 0) != 5) return fail("pread", a);
    printf("pread: %s\n", buffer);
    printf("tell: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    if (ftruncate(fd, 3) != 0) return fail("ftruncate", a);
    struct stat status;
    if (fstat(fd, &status) != 0) return fail("fstat", a);
    printf("size after truncate: %lld regular: %d\n", (long long)status.st_size, S_ISREG(status.st_mode));
    close(fd);
    if (stat(dir, &status) != 0) return fail("stat", dir);
    printf("sub is directory: %d\n", S_ISDIR(status.st_mode));
    if (rename(a, b) != 0) return fail("rename", a);
    if (access(a, F_OK) == 0) printf("a.txt still exists\n");
    printf("listing:\n");
    list(dir);
    if (unlink(b) != 0) return fail("unlink", b);
    if (rmdir(dir) != 0) return fail("rmdir", dir);
    printf("removed: %d\n", access(dir, F_OK) != 0 && errno == ENOENT);
    return 0;
}

static int clocks(void) {
    struct timespec wall, start, end;
    if (clock_gettime(CLOCK_REALTIME, &wall) != 0) return fail("clock_gettime", "realtime");
    printf("wall after 2020: %d\n", wall.tv_sec > 1577836800);
    if (clock_gettime(CLOCK_MONOTONIC, &start) != 0) return fail("clock_gettime", "monotonic");
    struct timespec pause = {0, 20 * 1000 * 1000};
    if (nanosleep(&pause, NULL) != 0) return fail("nanosleep", "20ms");
    clock_gettime(CLOCK_MONOTONIC, &end);
    long long elapsed = (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
    printf("slept at least 20ms: %d\n", elapsed >= 20 * 1000 * 1000);
    return 0;
}

static int random_bytes(void) {
    unsigned char bytes[32];
    if (getentropy(bytes, sizeof bytes) != 0) return fail("getentropy", "32");
    for (size_t i = 0; i < sizeof bytes; i++) printf("%02x", bytes[i]);
    printf("\n");
    return 0;
}

// Calls path_open on the first preopen (descriptor 3) with the path as given, bypassing the
// C library's own path handling, and prints the WASI errno (0 and the contents on success).
static int raw_open(const char *path, int follow, int write) {
    int32_t opened = -1;
    int64_t rights = write ? (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ) : __WASI_RIGHTS_FD_READ;
    int32_t oflags = write ? __WASI_OFLAGS_CREAT : 0;
    int32_t result = raw_path_open(3, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, (int32_t)(intptr_t)path,
                                   (int32_t)strlen(path), oflags, rights, 0, 0, (int32_t)(intptr_t)&opened);
    printf("path_open %s: %d\n", path, result);
    if (result == 0 && !write) {
        char buffer[128] = {0};
        ssize_t count = read(opened, buffer, sizeof buffer - 1);
        printf("contents: %s\n", count >= 0 ? buffer : "(unreadable)");
    }
    return result == 0 ? 0 : 1;
}

// Opens `path` `rounds` times while the host swaps what it names; counts what was read.
static int race(const char *path, int rounds) {
    int inside = 0, outside = 0, failed = 0, last_error = 0;
    for (int i = 0; i < rounds; i++) {
        int32_t opened = -1;
        int32_t result = raw_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, (int32_t)(intptr_t)path,
                                       (int32_t)strlen(path), 0, __WASI_RIGHTS_FD_READ, 0, 0, (int32_t)(intptr_t)&opened);
        if (result != 0) { failed++; last_error = result; continue; }
        char buffer[64] = {0};
        read(opened, buffer, sizeof buffer - 1);
        close(opened);
        if (strstr(buffer, "SECRET")) outside++; else inside++;
    }
    printf("inside %d outside %d failed %d\nlast error %d\n", inside, outside, failed, last_error);
    return 0;
}

static long long mtime_seconds(const char *path) {
    struct stat status;
    return stat(path, &status) == 0 ? (long long)status.st_mtim.tv_sec : -1;
}

// Links, times, descriptor flags and numbers, long listings and the calls with no host
// counterpart, under the read-write preopen `root`.
static int more(const char *root) {
    char link_path[256], target[256], hard[256], many[256], name[512];
    snprintf(link_path, sizeof link_path, "%s/link", root);
    snprintf(target, sizeof target, "%s/target.txt", root);
    snprintf(hard, sizeof hard, "%s/hard", root);
    snprintf(many, sizeof many, "%s/many", root);
    printf("symlink: %d\n", symlink("target.txt", link_path));
    char buffer[64] = {0};
    printf("readlink: %d %s\n", (int)readlink(link_path, buffer, sizeof buffer - 1), buffer);
    struct stat status;
    printf("stat dangling: %d errno %d\n", stat(link_path, &status), errno);
    printf("lstat is link: %d\n", lstat(link_path, &status) == 0 && S_ISLNK(status.st_mode));
    snprintf(name, sizeof name, "%s/absolute", root);
    printf("absolute symlink: %d errno %d\n", symlink("/etc/passwd", name), errno);
    write_file(target, "0123456789");
    printf("stat through link: %d size %lld\n", stat(link_path, &status), (long long)status.st_size);
    printf("link: %d\n", link(target, hard));
    stat(target, &status);
    printf("nlink: %d\n", (int)status.st_nlink);
    struct timespec times[2] = {{1000000000, 0}, {1200000000, 0}};
    printf("utimensat: %d mtime %lld\n", utimensat(AT_FDCWD, target, times, 0), mtime_seconds(target));
    int fd = open(target, O_WRONLY | O_APPEND);
    times[1].tv_sec = 1300000000;
    printf("futimens: %d mtime %lld\n", futimens(fd, times), mtime_seconds(target));
    write(fd, "A", 1);
    printf("drop append: %d flags %d\n", fcntl(fd, F_SETFL, 0), fcntl(fd, F_GETFL) & O_APPEND);
    lseek(fd, 0, SEEK_SET);
    write(fd, "B", 1);
    printf("fallocate: %d advise: %d\n", posix_fallocate(fd, 0, 100), posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
    printf("sync: %d datasync: %d\n", fsync(fd), fdatasync(fd));
    __wasi_fdstat_t rights;
    (void)__wasi_fd_fdstat_get(fd, &rights);
    printf("drop write right: %d\n", __wasi_fd_fdstat_set_rights(fd, rights.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE,
                                                                   rights.fs_rights_inheriting));
    printf("write without the right: %d errno %d\n", (int)write(fd, "C", 1), errno);
    printf("grow rights back: %d\n", __wasi_fd_fdstat_set_rights(fd, rights.fs_rights_base, rights.fs_rights_inheriting));
    struct timespec resolution = {0, 0};
    printf("clock_getres: %d positive %d\n", clock_getres(CLOCK_MONOTONIC, &resolution),
           resolution.tv_sec > 0 || resolution.tv_nsec > 0);
    close(fd);
    fd = open(target, O_RDONLY);
    memset(buffer, 0, sizeof buffer);
    read(fd, buffer, 11);
    stat(target, &status);
    printf("contents: %s size %lld\n", buffer, (long long)status.st_size);
    int other = open(hard, O_RDONLY);
    printf("renumber: %d\n", __wasi_fd_renumber(fd, other));
    printf("old number closed: %d\n", __wasi_fd_close(fd));
    lseek(other, 0, SEEK_SET);
    memset(buffer, 0, sizeof buffer);
    read(other, buffer, 3);
    printf("read renumbered: %s\n", buffer);
    close(other);
    mkdir(many, 0755);
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "%s/entry-%03d-with-a-rather-long-name-to-fill-the-listing-buffer", many, i);
        close(open(name, O_WRONLY | O_CREAT, 0644));
    }
    DIR *directory = opendir(many);
    int entries = 0;
    while (readdir(directory)) entries++;
    closedir(directory);
    printf("entries: %d\n", entries);
    printf("sock_shutdown on a file: %d, on nothing: %d\n", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR),
           __wasi_sock_shutdown(99, __WASI_SDFLAGS_WR));
    printf("proc_raise: %d sched_yield: %d\n", raw_proc_raise(15), __wasi_sched_yield());
    return 0;
}

// Waits on stdin with poll: first briefly (nothing there yet), then until the host writes.
static int wait_for_input(void) {
    struct pollfd target = {0, POLLIN, 0};
    printf("short poll: %d\n", poll(&target, 1, 30));
    target.revents = 0;
    int ready = poll(&target, 1, 5000);
    printf("long poll: %d readable %d\n", ready, (target.revents & POLLIN) != 0);
    char buffer[32] = {0};
    read(0, buffer, sizeof buffer - 1);
    printf("got: %s\n", buffer);
    return 0;
}

// Hard-links a file of the first preopen into the second (bypassing the C library).
static int raw_link(const char *from, const char *to) {
    printf("path_link: %d\n", __wasi_path_link(3, 0, from, 4, to));
    return 0;
}

// Accepts one connection on the granted listener `listener`, reads a message and sends it
// back in capitals.
static int serve(int listener) {
    __wasi_fd_t connection;
    __wasi_errno_t result = __wasi_sock_accept((__wasi_fd_t)listener, 0, &connection);
    printf("accept: %d\n", result);
    if (result) return 1;
    char buffer[64] = {0};
    __wasi_iovec_t in = {(uint8_t *)buffer, sizeof buffer - 1};
    __wasi_size_t received = 0;
    __wasi_roflags_t out_flags;
    result = __wasi_sock_recv(connection, &in, 1, 0, &received, &out_flags);
    printf("recv: %d %s\n", result, buffer);
    for (__wasi_size_t i = 0; i < received; i++) {
        if (buffer[i] >= 'a' && buffer[i] <= 'z') buffer[i] = (char)(buffer[i] - 32);
    }
    __wasi_ciovec_t out = {(const uint8_t *)buffer, received};
    __wasi_size_t sent = 0;
    result = __wasi_sock_send(connection, &out, 1, 0, &sent);
    printf("send: %d %u\n", result, (unsigned)sent);
    printf("shutdown: %d\n", __wasi_sock_shutdown(connection, __WASI_SDFLAGS_WR));
    printf("close: %d\n", __wasi_fd_close(connection));
    printf("recv on a file: %d\n", __wasi_sock_recv(1, &in, 1, 0, &received, &out_flags));
    return 0;
}

// Passes bad pointers and lengths straight to the host; prints each errno.
static int hostile(void) {
    static int32_t iovecs[4];
    int32_t written = 0;
    printf("iovec array out of bounds: %d\n", raw_fd_write(1, 0x7ffffff0, 4, (int32_t)(intptr_t)&written));
    printf("iovec array past 4GiB: %d\n", raw_fd_write(1, -8, 2, (int32_t)(intptr_t)&written));
    iovecs[0] = 0x7fff0000; iovecs[1] = 0x100;
    printf("buffer out of bounds: %d\n", raw_fd_write(1, (int32_t)(intptr_t)iovecs, 1, (int32_t)(intptr_t)&written));
    iovecs[0] = (int32_t)(intptr_t)"ok"; iovecs[1] = -1;
    printf("huge length: %d\n", raw_fd_write(1, (int32_t)(intptr_t)iovecs, 1, (int32_t)(intptr_t)&written));
    printf("huge iovec count: %d\n", raw_fd_write(1, (int32_t)(intptr_t)iovecs, 0x10000000, (int32_t)(intptr_t)&written));
    iovecs[0] = (int32_t)(intptr_t)"ok"; iovecs[1] = 2;
    printf("result pointer out of bounds: %d\n", raw_fd_write(1, (int32_t)(intptr_t)iovecs, 1, -4));
    printf("read into bad buffer: %d\n", raw_fd_read(0, -8, 1, (int32_t)(intptr_t)&written));
    int32_t opened;
    printf("path out of bounds: %d\n", raw_path_open(3, 0, 0x7ffffff0, 100, 0, 0, 0, 0, (int32_t)(intptr_t)&opened));
    printf("path length huge: %d\n", raw_path_open(3, 0, 16, -1, 0, 0, 0, 0, (int32_t)(intptr_t)&opened));
    printf("random huge: %d\n", raw_random_get(16, -1));
    printf("args to bad pointers: %d\n", raw_args_get(-4, -4));
    printf("poll huge count: %d\n", raw_poll_oneoff(16, 16, 0x7fffffff, 16));
    printf("poll no subscriptions: %d\n", raw_poll_oneoff(16, 16, 0, (int32_t)(intptr_t)&written));
    printf("prestat name bad buffer: %d\n", raw_prestat_dir_name(3, -2, 100));
    printf("bad descriptor: %d\n", raw_fd_write(12345, (int32_t)(intptr_t)iovecs, 1, (int32_t)(intptr_t)&written));
    // 1024 buffers that each cover all of memory: terabytes named, bytes that exist only once.
    static int32_t overlapping[2048];
    int32_t memory_size = (int32_t)(__builtin_wasm_memory_size(0) * 65536);
    for (int i = 0; i < 1024; i++) { overlapping[2 * i] = 0; overlapping[2 * i + 1] = memory_size; }
    int32_t result = raw_fd_write(2, (int32_t)(intptr_t)overlapping, 1024, (int32_t)(intptr_t)&written);
    printf("overlapping buffers: %d wrote %d\n", result, written);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: probe SCENARIO [ARGS...]\n");
        return 2;
    }
    const char *scenario = argv[1];
    if (!strcmp(scenario, "args")) {
        for (int i = 0; i < argc; i++) printf("%d: %s\n", i, argv[i]);
        return 0;
    }
    if (!strcmp(scenario, "env")) {
        extern char **environ;
        for (char **entry = environ; *entry; entry++) printf("%s\n", *entry);
        return 0;
    }
    if (!strcmp(scenario, "stdio")) {
        char buffer[256];
        size_t count;
        while ((count = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
            for (size_t i = 0; i < count; i++) buffer[i] = (char)(buffer[i] >= 'a' && buffer[i] <= 'z' ? buffer[i] - 32 : buffer[i]);
            fwrite(buffer, 1, count, stdout);
        }
        fprintf(stderr, "this goes to stderr\n");
        return 0;
    }
    if (!strcmp(scenario, "exit") && argc > 2) {
        printf("exiting with %s\n", argv[2]);
        fflush(stdout);
        exit(atoi(argv[2]));
    }
    if (!strcmp(scenario, "trap")) {
        __builtin_trap();
    }
    if (!strcmp(scenario, "clocks")) return clocks();
    if (!strcmp(scenario, "random")) return random_bytes();
    if (!strcmp(scenario, "files") && argc > 2) return files(argv[2]);
    if (!strcmp(scenario, "cat") && argc > 2) return cat(argv[2]);
    if (!strcmp(scenario, "write") && argc > 3) return write_file(argv[2], argv[3]);
    if (!strcmp(scenario, "ls") && argc > 2) return list(argv[2]);
    if (!strcmp(scenario, "raw-open") && argc > 2) return raw_open(argv[2], argc > 3 && !strcmp(argv[3], "follow"), 0);
    if (!strcmp(scenario, "raw-create") && argc > 2) return raw_open(argv[2], 0, 1);
    if (!strcmp(scenario, "race") && argc > 3) return race(argv[2], atoi(argv[3]));
    if (!strcmp(scenario, "hostile")) return hostile();
    if (!strcmp(scenario, "more") && argc > 2) return more(argv[2]);
    if (!strcmp(scenario, "poll")) return wait_for_input();
    if (!strcmp(scenario, "serve") && argc > 2) return serve(atoi(argv[2]));
    if (!strcmp(scenario, "raw-link") && argc > 3) return raw_link(argv[2], argv[3]);
    fprintf(stderr, "unknown scenario %s\n", scenario);
    return 2;
}
