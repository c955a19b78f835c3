/*
 * check_util.h: helpers the check files share to fill a bs_check (internal to decide/).
 */
#ifndef BS_CHECK_UTIL_H
#define BS_CHECK_UTIL_H

#include "decide/checks.h"

void check_set(bs_check *c, const char *id, bs_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void check_fix(bs_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "24.0 GiB" style, for summaries: MiB in, one decimal out. */
void fmt_gib(long long mib, char *out, size_t size);
/* A figure from the requirements page passes from this many MiB (cards and machines
 * report a little less than their nominal size). */
long long nominal_floor(const bs_tables *t, long long mib);

#endif
