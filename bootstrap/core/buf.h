/*
 * buf.h: a growable, always NUL-terminated byte buffer, used wherever text is assembled
 * (messages, fixes, command lines shown to users) so no code needs sprintf or strcat.
 */
#ifndef BS_BUF_H
#define BS_BUF_H

#include <stddef.h>

typedef struct bs_buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    int failed; /* set once an allocation failed; later appends are no-ops */
} bs_buf;

void bs_buf_init(bs_buf *b);
void bs_buf_free(bs_buf *b);
int bs_buf_append(bs_buf *b, const char *s, size_t n);
int bs_buf_puts(bs_buf *b, const char *s);
int bs_buf_printf(bs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty); valid until the next append or free. */
const char *bs_buf_str(const bs_buf *b);
/* Empties the buffer, keeping its memory. */
void bs_buf_clear(bs_buf *b);
/* Hands the text to the caller (who frees it) and resets the buffer. */
char *bs_buf_take(bs_buf *b);

#endif
