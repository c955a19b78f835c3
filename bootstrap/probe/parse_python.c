/*
 * parse_python.c: the Python probe script's answer.
 */
#include "probe/parse_python.h"
#include "core/error.h"
#include "core/strutil.h"
#include "core/version.h"

#include <stdlib.h>
#include <string.h>

int bs_parse_python_answer(const char *text, bs_python_answer *out)
{
    memset(out, 0, sizeof(*out));
    char *copy = strdup(text);
    if (!copy)
        return BS_E_NOMEM;
    char *cursor = copy, *line;
    while ((line = bs_next_line(&cursor)) != NULL) {
        bs_trim(line);
        if (bs_starts_with(line, "version="))
            bs_strlcpy(out->version, line + 8, sizeof(out->version));
        else if (bs_starts_with(line, "impl="))
            bs_strlcpy(out->implementation, line + 5, sizeof(out->implementation));
        else if (bs_starts_with(line, "arch="))
            bs_strlcpy(out->arch, line + 5, sizeof(out->arch));
        else if (strcmp(line, "venv=1") == 0)
            out->has_venv = true;
    }
    free(copy);
    return bs_version_valid(out->version) ? 0 : BS_E_PARSE;
}
