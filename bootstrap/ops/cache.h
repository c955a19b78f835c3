/*
 * cache.h: where downloads and pip's cache live: <root>/.cache by default, or one folder
 * given by --cache-dir / INVOKEAI_BOOTSTRAP_CACHE that several roots (a lab's machines on
 * one share, or one machine's several installs) can use at once. Inside it we own only
 * downloads/ (our content-addressed artifacts) and pip/ (pip's cache).
 */
#ifndef BS_CACHE_H
#define BS_CACHE_H

#include "ops/request.h"

#include <stddef.h>
#include <stdint.h>

/* Bytes in the parts of the cache that are ours (downloads/ and pip/). */
uint64_t bs_cache_size(const char *cache);
/* Removes downloads/ and pip/ of the cache, nothing else there. 0 or -errno. */
int bs_cache_clean(const char *cache, uint64_t *freed);

#endif
