/*
 * file_copy.c: stream -> new file, hashed and flushed.
 */
#include "act/file_copy.h"
#include "act/hash.h"
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

int bs_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? -errno : -EIO;
        done += (size_t)n;
    }
    return 0;
}

int bs_stream_to_new_file(bs_stream_read_fn read_fn, void *user, const char *dst, char sha[65],
                          int64_t *size)
{
    bs_sha256 h = {0};
    char *buf = malloc(1 << 20);
    int64_t total = 0;
    int rc = buf ? bs_sha256_init(&h) : -ENOMEM;
    int fd =
        rc == 0 ? plat_open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644) : -1;
    if (rc == 0 && fd < 0) {
        rc = fd;
        fd = -1;
    }
    while (rc == 0) {
        ssize_t n = read_fn(user, buf, 1 << 20);
        if (n < 0)
            rc = (int)n;
        if (n <= 0)
            break;
        bs_sha256_update(&h, buf, (size_t)n);
        rc = bs_write_all(fd, buf, (size_t)n);
        total += n;
    }
    if (rc == 0)
        rc = plat_sync_fd(fd);
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0)
        rc = bs_sha256_final_hex(&h, sha);
    if (rc != 0 && fd >= 0)
        plat_unlink(dst);
    bs_sha256_free(&h);
    free(buf);
    *size = total;
    return rc;
}

static ssize_t read_fd(void *user, void *buf, size_t cap)
{
    for (;;) {
        ssize_t n = read(*(int *)user, buf, cap);
        if (n >= 0 || errno != EINTR)
            return n < 0 ? -errno : n;
    }
}

int bs_copy_to_new_file(const char *src, const char *dst, char sha[65], int64_t *size)
{
    int fd = plat_open(src, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return fd;
    int rc = bs_stream_to_new_file(read_fd, &fd, dst, sha, size);
    close(fd);
    return rc;
}
