/*
 * version.c: dotted version comparison and specifier matching.
 */
#include "core/version.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Reads the next numeric part; returns 0 when there is none left. */
static long long next_part(const char **p, bool *have)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s)) {
        *have = false;
        return 0;
    }
    long long v = 0;
    while (isdigit((unsigned char)*s)) {
        if (v < 100000000000LL)
            v = v * 10 + (*s - '0');
        s++;
    }
    if (*s == '.' && isdigit((unsigned char)s[1]))
        s++;
    else
        s += strlen(s); /* anything else ends the numeric part */
    *p = s;
    *have = true;
    return v;
}

int bs_version_cmp(const char *a, const char *b)
{
    bool ha = true, hb = true;
    while (ha || hb) {
        long long va = ha ? next_part(&a, &ha) : 0;
        long long vb = hb ? next_part(&b, &hb) : 0;
        if (va != vb)
            return va < vb ? -1 : 1;
    }
    return 0;
}

bool bs_version_valid(const char *v)
{
    return v && isdigit((unsigned char)v[0]);
}

static bool clause_matches(const char *version, const char *clause)
{
    const char *ops[] = {">=", "<=", "==", "!=", ">", "<"};
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        size_t n = strlen(ops[i]);
        if (strncmp(clause, ops[i], n) != 0)
            continue;
        const char *rhs = clause + n;
        if (!bs_version_valid(rhs))
            return false;
        int c = bs_version_cmp(version, rhs);
        switch (i) {
        case 0:
            return c >= 0;
        case 1:
            return c <= 0;
        case 2:
            return c == 0;
        case 3:
            return c != 0;
        case 4:
            return c > 0;
        default:
            return c < 0;
        }
    }
    return false;
}

bool bs_version_matches(const char *version, const char *spec)
{
    char clause[64];
    const char *p = spec;
    if (!bs_version_valid(version))
        return false;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bs_strncpy_bounded(clause, sizeof(clause), p, len);
        bs_trim(clause);
        if (clause[0] && !clause_matches(version, clause))
            return false;
        if (!end)
            break;
        p = end + 1;
    }
    return true;
}
