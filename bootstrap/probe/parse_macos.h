/*
 * parse_macos.h: macOS facts from `sysctl hw.memsize machdep.cpu.brand_string` ("key: value"
 * lines) and `sw_vers` ("ProductVersion:<tabs or spaces>14.5").
 */
#ifndef BS_PARSE_MACOS_H
#define BS_PARSE_MACOS_H

#include <stddef.h>

typedef struct bs_sysctl_facts {
    long long memsize_mib; /* -1 when absent */
    char cpu_brand[64];    /* "Apple M3 Max", "Apple processor" (Big Sur), "Intel(R) ..." */
} bs_sysctl_facts;

/* Returns 0, or BS_E_PARSE when neither key was found. */
int bs_parse_sysctl(const char *text, bs_sysctl_facts *out);
/* The ProductVersion value into out; 0, or BS_E_PARSE. */
int bs_parse_sw_vers(const char *text, char *out, size_t size);

#endif
