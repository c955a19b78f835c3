/*
 * parse_meminfo.c: /proc/meminfo.
 */
#include "probe/parse_meminfo.h"

#include <stdlib.h>
#include <string.h>

long long bs_parse_meminfo_total_mib(const char *text)
{
    const char *p = strstr(text, "MemTotal:");
    if (!p || (p != text && p[-1] != '\n'))
        return -1;
    char *end = NULL;
    long long kb = strtoll(p + strlen("MemTotal:"), &end, 10);
    if (end == p + strlen("MemTotal:") || kb <= 0)
        return -1;
    while (*end == ' ')
        end++;
    if (strncmp(end, "kB", 2) != 0)
        return -1;
    return kb / 1024;
}
