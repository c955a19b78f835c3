/*
 * capture.c: the size-capped output buffer of a child process (see capture.h).
 */
#include "platform/common/capture.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int capture_append(struct capture *c, const char *src, size_t n)
{
    if (c->keep_tail && n >= c->max) {
        src += n - c->max; /* only the newest bytes matter */
        n = c->max;
        c->len = 0;
    } else if (c->keep_tail && c->len + n > c->max) {
        size_t drop = c->len + n - c->max;
        memmove(c->data, c->data + drop, c->len - drop);
        c->len -= drop;
    } else if (c->len + n > c->max) {
        n = c->max - c->len; /* keep draining the pipe, drop what is over the cap */
    }
    if (n == 0)
        return 0;
    if (c->len + n + 1 > c->cap) {
        size_t ncap = c->cap ? c->cap : 1024;
        while (ncap < c->len + n + 1)
            ncap *= 2;
        char *nd = realloc(c->data, ncap);
        if (!nd)
            return -ENOMEM;
        c->data = nd;
        c->cap = ncap;
    }
    memcpy(c->data + c->len, src, n);
    c->len += n;
    c->data[c->len] = '\0';
    return 0;
}

int capture_finish(struct capture *c)
{
    if (!c->data) {
        c->data = calloc(1, 1);
        if (!c->data)
            return -ENOMEM;
    }
    return 0;
}
