/*
 * cache.c: the cache's size and cleaning, only in what is ours (downloads/ and pip/).
 */
#include "ops/cache.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const owned[] = {"downloads", "pip"};

uint64_t bs_cache_size(const char *cache)
{
    uint64_t bytes = 0;
    for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
        char path[4096];
        if (bs_path_join(path, sizeof(path), cache, owned[i]) == 0)
            plat_tree_size(path, &bytes);
    }
    return bytes;
}

int bs_cache_clean(const char *cache, uint64_t *freed)
{
    uint64_t before = bs_cache_size(cache);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof(owned) / sizeof(owned[0]); i++) {
        char path[4096];
        rc = bs_path_join(path, sizeof(path), cache, owned[i]);
        if (rc == 0)
            rc = plat_remove_tree(path);
    }
    uint64_t after = bs_cache_size(cache);
    *freed = before > after ? before - after : 0;
    return rc;
}
