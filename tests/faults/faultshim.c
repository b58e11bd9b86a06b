/* A fault-injecting shim for the --fix fault tests, loaded with LD_PRELOAD into a newslint
 * process. write() or fsync() on a file whose path contains $FAULT_MATCH fails with
 * errno $FAULT_ERRNO (28 ENOSPC, 5 EIO): $FAULT_CALL names the call ("write" or "fsync").
 * Every other call goes to libc unchanged. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int faulty(int fd, const char *call) {
    const char *match = getenv("FAULT_MATCH");
    const char *which = getenv("FAULT_CALL");
    if (!match || !which || strcmp(which, call) != 0) return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = 0;
    if (!strstr(path, match)) return 0;
    const char *code = getenv("FAULT_ERRNO");
    errno = code ? atoi(code) : EIO;
    return 1;
}

ssize_t write(int fd, const void *buf, size_t count) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = dlsym(RTLD_NEXT, "write");
    if (faulty(fd, "write")) return -1;
    return real(fd, buf, count);
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = dlsym(RTLD_NEXT, "fsync");
    if (faulty(fd, "fsync")) return -1;
    return real(fd);
}
