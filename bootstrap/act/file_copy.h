/*
 * file_copy.h: copying a byte stream into a new file with its SHA-256 taken on the way
 * and the data flushed to disk before the copy counts as done, so a journal written
 * after it never claims bytes that a power cut could still lose.
 */
#ifndef BS_FILE_COPY_H
#define BS_FILE_COPY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Fills buf with up to cap bytes; returns the count, 0 at the end, or a negative code. */
typedef ssize_t (*bs_stream_read_fn)(void *user, void *buf, size_t cap);

/* Writes all of data to fd, through short writes and EINTR. 0 or -errno. */
int bs_write_all(int fd, const void *data, size_t len);
/* Creates dst (it must not exist), writes the stream into it, flushes it to disk. On
 * success sha (65 bytes) and *size describe what was written; on failure dst is
 * removed. Returns 0, -EEXIST, another -errno, or the reader's negative code. */
int bs_stream_to_new_file(bs_stream_read_fn read, void *user, const char *dst, char sha[65],
                          int64_t *size);
/* The same, from a file. */
int bs_copy_to_new_file(const char *src, const char *dst, char sha[65], int64_t *size);

#endif
