/*
 * check.c: filling a check record (see check.h).
 */
#include "decide/check.h"
#include "core/strutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void check_set(bs_check *c, const char *id, bs_status status, const char *fmt, ...)
{
    va_list ap;
    memset(c, 0, sizeof(*c));
    bs_strlcpy(c->id, id, sizeof(c->id));
    c->status = status;
    va_start(ap, fmt);
    vsnprintf(c->summary, sizeof(c->summary), fmt, ap);
    va_end(ap);
}

void check_fix(bs_check *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->fix, sizeof(c->fix), fmt, ap);
    va_end(ap);
}

void fmt_gib(long long mib, char *out, size_t size)
{
    if (mib < 0)
        snprintf(out, size, "unknown");
    else
        snprintf(out, size, "%.1f GiB", (double)mib / 1024.0);
}

long long nominal_floor(const bs_tables *t, long long mib)
{
    return (long long)((double)mib * t->nominal_fraction);
}

const char *bs_status_name(bs_status s)
{
    return s == BS_PASS ? "pass" : s == BS_WARN ? "warn" : "fail";
}
