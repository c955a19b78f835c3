/*
 * parse_apt.c: reads apt-cache policy's blocks: "NAME:" at the start of a line, then
 * indented "Installed:" and "Candidate:" lines. Run with LANG=C, so the words are English.
 */
#include "probe/parse_apt.h"

#include <string.h>

bool bs_apt_policy_has_candidate(const char *text, const char *name)
{
    size_t n = strlen(name);
    bool in_block = false;
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (line[0] != ' ' && line[0] != '\t') {
            /* A block header: "libgl1:" (architecture-qualified names carry ":amd64"). */
            in_block = len > n && strncmp(line, name, n) == 0 &&
                       (line[n] == ':' && (len == n + 1 || strncmp(line + n, ":amd64", 6) == 0 ||
                                           strncmp(line + n, ":arm64", 6) == 0));
        } else if (in_block) {
            const char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            if (strncmp(p, "Candidate:", 10) == 0) {
                p += 10;
                while (*p == ' ')
                    p++;
                return strncmp(p, "(none)", 6) != 0 && (size_t)(p - line) < len;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return false;
}
