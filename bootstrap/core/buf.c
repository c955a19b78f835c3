/*
 * buf.c: growable text buffer.
 */
#include "core/buf.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bs_buf_init(bs_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void bs_buf_free(bs_buf *b)
{
    if (!b)
        return;
    free(b->data);
    bs_buf_init(b);
}

static int buf_reserve(bs_buf *b, size_t extra)
{
    if (b->failed)
        return BS_E_NOMEM;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    char *nd = realloc(b->data, ncap);
    if (!nd) {
        b->failed = 1;
        return BS_E_NOMEM;
    }
    b->data = nd;
    b->cap = ncap;
    return 0;
}

int bs_buf_append(bs_buf *b, const char *s, size_t n)
{
    int rc = buf_reserve(b, n);
    if (rc)
        return rc;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int bs_buf_puts(bs_buf *b, const char *s)
{
    return bs_buf_append(b, s, strlen(s));
}

int bs_buf_printf(bs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0)
        return BS_E_PARSE;
    int rc = buf_reserve(b, (size_t)need);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)need + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)need;
    return 0;
}

const char *bs_buf_str(const bs_buf *b)
{
    return b->data ? b->data : "";
}

char *bs_buf_take(bs_buf *b)
{
    char *s = b->data;
    if (!s)
        s = calloc(1, 1);
    bs_buf_init(b);
    return s;
}

void bs_buf_clear(bs_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}
