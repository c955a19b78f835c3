/*
 * platforms.h: the platforms an install or a bundle can be for, in one table: the name a
 * person writes (linux-x86_64, windows-x86_64, ...) and the os and arch our facts use.
 */
#ifndef BS_PLATFORMS_H
#define BS_PLATFORMS_H

#include <stdbool.h>

/* A platform name as our os and arch ("windows-x86_64" -> "windows", "x86_64"); false
 * when it is not one. os and arch may be NULL. */
bool bs_platform_parse(const char *name, const char **os, const char **arch);
/* The platform name for an os and arch, or NULL when there is none. */
const char *bs_platform_name(const char *os, const char *arch);
/* Every name, for messages: "linux-x86_64, linux-aarch64, ... or macos-arm64". */
const char *bs_platform_names(void);

#endif
