/*
 * path_policy.c: archive entry names.
 */
#include "act/path_policy.h"
#include "core/error.h"
#include "core/strutil.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void bs_name_set_init(bs_name_set *s)
{
    s->slots = NULL;
    s->cap = s->count = 0;
}

void bs_name_set_free(bs_name_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    bs_name_set_init(s);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int set_grow(bs_name_set *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 256;
    char **nslots = calloc(ncap, sizeof(char *));
    if (!nslots)
        return BS_E_NOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i])
            continue;
        size_t j = fnv1a(s->slots[i]) & (ncap - 1);
        while (nslots[j])
            j = (j + 1) & (ncap - 1);
        nslots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = nslots;
    s->cap = ncap;
    return 0;
}

/* Adds a folded name; returns 1 if it was new, 0 if already there, <0 on error. */
static int set_add(bs_name_set *s, const char *folded)
{
    if ((s->count + 1) * 2 > s->cap && set_grow(s) != 0)
        return BS_E_NOMEM;
    size_t j = fnv1a(folded) & (s->cap - 1);
    while (s->slots[j]) {
        if (strcmp(s->slots[j], folded) == 0)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    if (!(s->slots[j] = strdup(folded)))
        return BS_E_NOMEM;
    s->count++;
    return 1;
}

/* Windows device names are reserved with any extension: "nul.txt" is NUL. */
static bool reserved_component(const char *c, size_t len)
{
    static const char *const names[] = {"CON", "PRN", "AUX", "NUL"};
    size_t stem = 0;
    while (stem < len && c[stem] != '.')
        stem++;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (stem == 3 && strncasecmp(c, names[i], 3) == 0)
            return true;
    if (stem == 4 && (strncasecmp(c, "COM", 3) == 0 || strncasecmp(c, "LPT", 3) == 0) &&
        c[3] >= '1' && c[3] <= '9')
        return true;
    return c[len - 1] == '.' || c[len - 1] == ' ';
}

int bs_path_check(const char *name, bs_name_set *seen, char *out, size_t out_size, const char **why)
{
    size_t o = 0;
    *why = NULL;
    if (!name || !*name)
        return *why = "empty name", BS_E_INTEGRITY;
    if (name[0] == '/')
        return *why = "absolute path", BS_E_INTEGRITY;
    for (const char *p = name; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x20 || ch == 0x7f)
            return *why = "control character in name", BS_E_INTEGRITY;
        if (ch == '\\')
            return *why = "backslash in name (a Windows path separator)", BS_E_INTEGRITY;
        if (strchr(":<>\"|?*", ch))
            return *why = "character not allowed on Windows (: < > \" | ? *)", BS_E_INTEGRITY;
    }
    const char *p = name;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
            /* "a//b" and "./a": nothing to add */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            return *why = "'..' in path", BS_E_INTEGRITY;
        } else if (reserved_component(p, len)) {
            return *why = "Windows-reserved name or trailing dot or space", BS_E_INTEGRITY;
        } else {
            if (o + len + 2 > out_size)
                return *why = "name too long", BS_E_INTEGRITY;
            if (o > 0)
                out[o++] = '/';
            memcpy(out + o, p, len);
            o += len;
        }
        if (!end)
            break;
        p = end + 1;
    }
    out[o] = '\0';
    if (o == 0)
        return *why = "name names the root itself", BS_E_INTEGRITY;
    if (seen) {
        char folded[4096];
        bs_strlcpy(folded, out, sizeof(folded));
        for (char *f = folded; *f; f++)
            *f = (char)tolower((unsigned char)*f);
        int added = set_add(seen, folded);
        if (added < 0)
            return added;
        if (added == 0)
            return *why = "the same path twice (compared without case)", BS_E_INTEGRITY;
    }
    return 0;
}

bool bs_link_target_inside(const char *link_path, const char *target)
{
    if (!target[0] || target[0] == '/' || strchr(target, '\\') || strchr(target, ':'))
        return false;
    /* Depth of the link's directory, then walk the target from there. */
    int depth = 0;
    for (const char *p = link_path; *p; p++)
        depth += *p == '/';
    const char *p = target;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0)
                return false;
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            depth++;
        }
        if (!end)
            break;
        p = end + 1;
    }
    return true;
}
