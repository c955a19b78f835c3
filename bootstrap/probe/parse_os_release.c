/*
 * parse_os_release.c: os-release KEY=VALUE lines, per the freedesktop spec.
 */
#include "probe/parse_os_release.h"
#include "core/error.h"
#include "core/strutil.h"

#include <stdlib.h>
#include <string.h>

/* Unquotes a value in place: "..." with \" \\ \$ \` escapes, '...' literally. */
static void unquote(char *v)
{
    size_t len = strlen(v);
    if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
        char q = v[0];
        char *w = v;
        for (size_t i = 1; i + 1 < len; i++) {
            if (q == '"' && v[i] == '\\' && i + 2 < len && strchr("\"\\$`", v[i + 1]))
                i++;
            *w++ = v[i];
        }
        *w = '\0';
    }
}

int bs_parse_os_release(const char *text, bs_os_release *out)
{
    memset(out, 0, sizeof(*out));
    char *copy = strdup(text);
    if (!copy)
        return BS_E_NOMEM;
    char *cursor = copy, *line;
    while ((line = bs_next_line(&cursor)) != NULL) {
        bs_trim(line);
        if (line[0] == '#' || !strchr(line, '='))
            continue;
        char *eq = strchr(line, '=');
        *eq = '\0';
        char *val = eq + 1;
        unquote(val);
        if (strcmp(line, "ID") == 0)
            bs_strlcpy(out->id, val, sizeof(out->id));
        else if (strcmp(line, "ID_LIKE") == 0)
            bs_strlcpy(out->id_like, val, sizeof(out->id_like));
        else if (strcmp(line, "VERSION_ID") == 0)
            bs_strlcpy(out->version_id, val, sizeof(out->version_id));
        else if (strcmp(line, "PRETTY_NAME") == 0)
            bs_strlcpy(out->pretty_name, val, sizeof(out->pretty_name));
    }
    free(copy);
    return out->id[0] ? 0 : BS_E_PARSE;
}
