/* A full disk, for tests (LD_PRELOAD): a write to a file whose name ends in ".partial" fails
 * with ENOSPC once the file's allocated bytes plus the write would exceed the number of bytes
 * in the environment variable CXSIM_TEST_DISK_BYTES (read at every write). Freeing the file's
 * blocks (ftruncate) frees "disk space", as on a real disk. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int disk_full(int fd, size_t count) {
  const char* limit = getenv("CXSIM_TEST_DISK_BYTES");
  char link[64], path[4096];
  struct stat st;
  if (!limit) return 0;
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n < 8 || strncmp(path + n - 8, ".partial", 8) != 0 || fstat(fd, &st) != 0) return 0;
  return (unsigned long long)st.st_blocks * 512 + count > strtoull(limit, NULL, 10);
}

ssize_t write(int fd, const void* buf, size_t count) {
  static ssize_t (*real)(int, const void*, size_t);
  if (!real) real = (ssize_t (*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
  if (disk_full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (!real) real = (ssize_t (*)(int, const void*, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
  if (disk_full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off_t offset) {
  static ssize_t (*real)(int, const void*, size_t, off_t);
  if (!real) real = (ssize_t (*)(int, const void*, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");
  if (disk_full(fd, count)) { errno = ENOSPC; return -1; }
  return real(fd, buf, count, offset);
}
