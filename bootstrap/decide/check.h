/*
 * check.h: one requirement check's record (a stable id, pass / warn / fail, a one-line
 * summary and a fix), and the helpers the check files share to fill it.
 */
#ifndef BS_CHECK_H
#define BS_CHECK_H

#include "core/tables.h"

#include <stddef.h>

typedef enum bs_status { BS_PASS = 0, BS_WARN = 1, BS_FAIL = 2 } bs_status;

typedef struct bs_check {
    char id[24]; /* os, gpu, gpu-problematic, vram, ram, disk, tmpfs, python, driver,
                    opencv-libs, vcredist, long-paths, xcode-clt, backend */
    bs_status status;
    char summary[400];
    char fix[400]; /* "" when status is pass */
} bs_check;

const char *bs_status_name(bs_status s);

/* Sets id, status and a printf-style summary (the fix is cleared). */
void check_set(bs_check *c, const char *id, bs_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void check_fix(bs_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "24.0 GiB" style, for summaries: MiB in, one decimal out. */
void fmt_gib(long long mib, char *out, size_t size);
/* A figure from the requirements page passes from this many MiB (cards and machines
 * report a little less than their nominal size). */
long long nominal_floor(const bs_tables *t, long long mib);

#endif
