/*
 * parse_macos.c: sysctl and sw_vers outputs.
 */
#include "probe/parse_macos.h"
#include "core/error.h"
#include "core/strutil.h"

#include <stdlib.h>
#include <string.h>

/* Finds "key:" at a line start and returns its trimmed value in a static-free way. */
static bool line_value(const char *text, const char *key, char *out, size_t size)
{
    size_t klen = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, klen) != 0 || p[klen] != ':')
            continue;
        const char *v = p + klen + 1;
        const char *eol = strchr(v, '\n');
        bs_strncpy_bounded(out, size, v, eol ? (size_t)(eol - v) : strlen(v));
        bs_trim(out);
        return true;
    }
    return false;
}

int bs_parse_sysctl(const char *text, bs_sysctl_facts *out)
{
    char mem[32];
    memset(out, 0, sizeof(*out));
    out->memsize_mib = -1;
    if (line_value(text, "hw.memsize", mem, sizeof(mem))) {
        long long bytes = bs_parse_ll(mem);
        out->memsize_mib = bytes >= 0 ? bytes / (1024 * 1024) : -1;
    }
    line_value(text, "machdep.cpu.brand_string", out->cpu_brand, sizeof(out->cpu_brand));
    return out->memsize_mib >= 0 || out->cpu_brand[0] ? 0 : BS_E_PARSE;
}

int bs_parse_sw_vers(const char *text, char *out, size_t size)
{
    out[0] = '\0';
    return line_value(text, "ProductVersion", out, size) && out[0] ? 0 : BS_E_PARSE;
}
