/*
 * platforms.c: the platform table (see platforms.h).
 */
#include "core/platforms.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *os, *arch;
} platforms[] = {{"linux-x86_64", "linux", "x86_64"},
                 {"linux-aarch64", "linux", "aarch64"},
                 {"windows-x86_64", "windows", "x86_64"},
                 {"macos-arm64", "darwin", "aarch64"}};
#define PLATFORM_COUNT (sizeof(platforms) / sizeof(platforms[0]))

bool bs_platform_parse(const char *name, const char **os, const char **arch)
{
    for (size_t i = 0; name && i < PLATFORM_COUNT; i++)
        if (strcmp(name, platforms[i].name) == 0) {
            if (os)
                *os = platforms[i].os;
            if (arch)
                *arch = platforms[i].arch;
            return true;
        }
    return false;
}

const char *bs_platform_name(const char *os, const char *arch)
{
    for (size_t i = 0; i < PLATFORM_COUNT; i++)
        if (strcmp(os, platforms[i].os) == 0 && strcmp(arch, platforms[i].arch) == 0)
            return platforms[i].name;
    return NULL;
}

const char *bs_platform_names(void)
{
    static char names[160];
    if (names[0])
        return names;
    size_t used = 0;
    for (size_t i = 0; i < PLATFORM_COUNT; i++) {
        const char *sep = i == 0 ? "" : i + 1 == PLATFORM_COUNT ? " or " : ", ";
        int n = snprintf(names + used, sizeof(names) - used, "%s%s", sep, platforms[i].name);
        if (n < 0 || (size_t)n >= sizeof(names) - used)
            break;
        used += (size_t)n;
    }
    return names;
}
