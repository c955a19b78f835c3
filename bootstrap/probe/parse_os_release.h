/*
 * parse_os_release.h: /etc/os-release (or /usr/lib/os-release) into the few fields the
 * decisions need. Values may be quoted with " or ' and use shell escapes.
 */
#ifndef BS_PARSE_OS_RELEASE_H
#define BS_PARSE_OS_RELEASE_H

#include <stddef.h>

typedef struct bs_os_release {
    char id[32];
    char id_like[96];
    char version_id[32];
    char pretty_name[128];
} bs_os_release;

/* Returns 0, or BS_E_PARSE when no ID= line was found. */
int bs_parse_os_release(const char *text, bs_os_release *out);

#endif
