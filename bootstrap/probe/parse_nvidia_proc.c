/*
 * parse_nvidia_proc.c: NVIDIA kernel module version text.
 */
#include "probe/parse_nvidia_proc.h"
#include "core/error.h"
#include "core/strutil.h"

#include <ctype.h>
#include <string.h>

/* Length of a driver version token ("550.144.03"): digits and dots, starting with a digit
 * and holding at least one dot, so "x86_64" or a year never passes for a version. */
static size_t version_token(const char *p)
{
    size_t n = 0;
    bool dot = false;
    if (!isdigit((unsigned char)p[0]))
        return 0;
    while (isdigit((unsigned char)p[n]) || p[n] == '.') {
        dot = dot || p[n] == '.';
        n++;
    }
    if (p[n] && !isspace((unsigned char)p[n]))
        return 0;
    return dot ? n : 0;
}

int bs_parse_nvidia_module_version(const char *text, char *out, size_t size)
{
    const char *p = strstr(text, "Kernel Module");
    out[0] = '\0';
    if (!p) {
        /* /sys/module/nvidia/version: the whole file is the version. */
        while (isspace((unsigned char)*text))
            text++;
        size_t n = version_token(text);
        if (n == 0)
            return BS_E_PARSE;
        bs_strncpy_bounded(out, size, text, n);
        return 0;
    }
    p += strlen("Kernel Module");
    /* Take the first version-like word after the marker, skipping "for x86_64". */
    const char *eol = strchr(p, '\n');
    while (*p && (!eol || p < eol)) {
        /* Every blank but the newline separates words (CR, VT and FF included, or a
         * pasted report with CRLF endings would never advance: found by fuzzing). */
        while (*p && *p != '\n' && isspace((unsigned char)*p))
            p++;
        size_t n = version_token(p);
        if (n > 0) {
            bs_strncpy_bounded(out, size, p, n);
            return 0;
        }
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (*p == '\n')
            break;
    }
    return BS_E_PARSE;
}
