/*
 * cmd_cache.c: `cache info|clean` (ops/cache.c does the work).
 */
#include "ops/cache.h"
#include "act/root_lock.h"
#include "cli/commands.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bs_cmd_cache(bs_session *s, const bs_config *cfg)
{
    const char *cache = s->root.cache;
    bs_error err;
    bs_root_lock lock = {.fd = -1};
    bs_error_init(&err);
    uint64_t bytes = bs_cache_size(cache);
    if (strcmp(cfg->action, "info") == 0) {
        if (cfg->json) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "cache", cache);
            cJSON_AddNumberToObject(o, "bytes", (double)bytes);
            char *text = cJSON_PrintUnformatted(o);
            puts(text ? text : "{}");
            free(text);
            cJSON_Delete(o);
        } else if (!cfg->quiet)
            printf("%s: %.1f MiB\n", cache, (double)bytes / (1 << 20));
        return BS_EXIT_OK;
    }
    /* An install of this root may be using the cache right now: refuse while one runs. A
     * root with no state folder is not (or no longer) an install, and gets none from us. */
    int rc = plat_is_dir(s->root.state) ? bs_root_lock_take(cfg->root, &lock, &err) : 0;
    uint64_t freed = 0;
    if (rc == 0 && (rc = bs_cache_clean(cache, &freed)) != 0)
        bs_error_set(&err, BS_E_FILESYSTEM, "cannot empty %s: %s", cache, bs_code_str(rc));
    bs_root_lock_release(&lock);
    if (rc) {
        bs_print_error(&err);
        return bs_exit_code_for(rc == BS_E_LOCKED ? rc : BS_E_FILESYSTEM);
    }
    if (!cfg->quiet)
        printf("Freed %.1f MiB in %s.\n", (double)freed / (1 << 20), cache);
    return BS_EXIT_OK;
}
