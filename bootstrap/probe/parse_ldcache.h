/*
 * parse_ldcache.h: the glibc dynamic linker cache (/etc/ld.so.cache), read as data.
 * The static bootstrapper cannot dlopen, so "is libGL.so.1 installed?" is answered the
 * way the dynamic linker would: from its cache, else from the library directories.
 */
#ifndef BS_PARSE_LDCACHE_H
#define BS_PARSE_LDCACHE_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the cache lists soname. Returns 1 yes, 0 no, BS_E_PARSE when data is not a
 * cache in the "glibc-ld.so.cache1.1" format (alone or after the old "ld.so-1.7.0" one). */
int bs_ldcache_has(const unsigned char *data, size_t len, const char *soname);

#endif
