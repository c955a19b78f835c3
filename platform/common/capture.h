/*
 * capture.h: a child's captured output, capped in size, shared by every platform's process
 * code: keep the first bytes (a tool's answer) or the newest (pip's last lines).
 */
#ifndef PLAT_CAPTURE_H
#define PLAT_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>

struct capture {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
    bool keep_tail;
};

/* Appends n bytes, dropping what is over the cap. Returns 0 or -ENOMEM. */
int capture_append(struct capture *c, const char *src, size_t n);
/* Makes data a NUL-terminated string even when nothing was captured. */
int capture_finish(struct capture *c);

#endif
