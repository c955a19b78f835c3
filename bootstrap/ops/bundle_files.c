/*
 * bundle_files.c: filling a bundle folder with its files, shared by `bundle` (making one
 * from an install) and `install --bundle https://` (copying a served one into the cache).
 */
#include "act/file_copy.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "ops/bundle.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Whether path holds exactly the bytes of sha256. */
static bool hashes_to(const char *path, const char *sha256)
{
    char hex[65];
    int64_t size;
    return bs_sha256_file_hex(path, hex, &size) == 0 && strcmp(hex, sha256) == 0;
}

/* Puts from at dst: a freshly fetched file is moved (it was fetched for this), a kept one
 * copied (the install still uses it); a copy is checked again on the way. */
static int place(const char *from, const char *dst, const char *sha256, bool move, bs_error *err)
{
    char sha[65];
    int64_t size;
    plat_remove_tree(dst);
    int rc = move ? plat_rename_replace(from, dst) : -EXDEV;
    if (rc != 0) { /* another filesystem, or a copy wanted */
        rc = bs_copy_to_new_file(from, dst, sha, &size);
        if (rc == 0 && strcmp(sha, sha256) != 0)
            rc = BS_E_INTEGRITY;
    }
    if (rc)
        return bs_error_set(err, rc == BS_E_INTEGRITY ? rc : BS_E_FILESYSTEM, "cannot write %s: %s",
                            dst, bs_code_str(rc));
    return 0;
}

int bs_bundle_fill(const bs_fetch_options *fo, const char *dir, const bs_bundle_file *files, int n,
                   bs_error *err)
{
    bs_artifact *arts = calloc((size_t)n + 1, sizeof(*arts));
    bs_fetch_result *res = calloc((size_t)n + 1, sizeof(*res));
    int *slot = calloc((size_t)n + 1, sizeof(*slot)), k = 0;
    char(*kept)[PATH_MAX] = calloc((size_t)n + 1, sizeof(*kept));
    int rc = arts && res && slot && kept ? 0 : BS_E_NOMEM;
    for (int i = 0; rc == 0 && i < n; i++) {
        char dst[PATH_MAX], parent[PATH_MAX], wheels[PATH_MAX];
        const char *base = strrchr(files[i].path, '/') + 1;
        slot[i] = -1;
        if (bs_path_join(dst, sizeof(dst), dir, files[i].path) != 0 ||
            bs_path_join(wheels, sizeof(wheels), fo->cache_dir, "wheels") != 0 ||
            bs_path_join(kept[i], sizeof(kept[i]), wheels, base) != 0) {
            rc = bs_error_set(err, BS_E_USAGE, "%s: path too long", dir);
            break;
        }
        bs_strlcpy(parent, dst, sizeof(parent));
        *strrchr(parent, '/') = '\0';
        bs_make_dirs(parent, 0755);
        if (hashes_to(dst, files[i].sha256))
            kept[i][0] = '\0'; /* already in place */
        else if (!hashes_to(kept[i], files[i].sha256)) {
            /* Not kept under its name by an install (the torch wheel is): fetch it. */
            kept[i][0] = '\0';
            slot[i] = k;
            arts[k++] = (bs_artifact){.name = files[i].path,
                                      .urls = {files[i].url},
                                      .url_count = 1,
                                      .sha256 = files[i].sha256,
                                      .size = files[i].size};
        }
    }
    if (rc == 0 && k > 0)
        rc = bs_fetch_all(arts, k, fo, res, err);
    for (int i = 0; rc == 0 && i < n; i++) {
        char dst[PATH_MAX];
        bs_path_join(dst, sizeof(dst), dir, files[i].path);
        if (slot[i] >= 0)
            rc = place(res[slot[i]].path, dst, files[i].sha256, true, err);
        else if (kept[i][0])
            rc = place(kept[i], dst, files[i].sha256, false, err);
    }
    free(arts);
    free(res);
    free(slot);
    free(kept);
    return rc;
}
