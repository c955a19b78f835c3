/*
 * term.c: colour and terminal detection.
 */
#include "cli/term.h"
#include "platform/platform.h"

#include <stdlib.h>
#include <string.h>

bool bs_term_use_color(int fd, bool no_color_flag)
{
    const char *nc = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    /* no-color.org: any non-empty NO_COLOR turns colour off. */
    if (no_color_flag || (nc && *nc))
        return false;
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return plat_isatty(fd);
}

const char *bs_term_color(bool on, const char *which)
{
    static const struct {
        const char *name;
        const char *code;
    } codes[] = {{"green", "\033[32m"}, {"yellow", "\033[33m"}, {"red", "\033[31m"},
                 {"bold", "\033[1m"},   {"dim", "\033[2m"},     {"reset", "\033[0m"}};
    if (!on)
        return "";
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        if (strcmp(codes[i].name, which) == 0)
            return codes[i].code;
    return "";
}
