/*
 * sysroot.c: path prefixing for replayable probes.
 */
#include "core/sysroot.h"
#include "core/error.h"
#include "platform/platform.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bs_sysroot_path(const char *abs_path, char *out, size_t size)
{
    const char *root = getenv("INVOKEAI_BOOTSTRAP_SYSROOT");
    if (!root || !*root)
        root = "/";
    size_t rlen = strlen(root);
    while (rlen > 1 && root[rlen - 1] == '/')
        rlen--; /* "/x/" + "/etc" must not become "/x//etc" */
    if (rlen == 1 && root[0] == '/')
        rlen = 0;
    int n = snprintf(out, size, "%.*s%s", (int)rlen, root, abs_path);
    return n < 0 || (size_t)n >= size ? BS_E_USAGE : 0;
}

int bs_sysroot_read(const char *abs_path, size_t max, char **out)
{
    char path[PATH_MAX];
    *out = NULL;
    int rc = bs_sysroot_path(abs_path, path, sizeof(path));
    if (rc)
        return rc;
    return plat_read_file(path, max, out, NULL);
}

bool bs_sysroot_exists(const char *abs_path)
{
    char path[PATH_MAX];
    return bs_sysroot_path(abs_path, path, sizeof(path)) == 0 && plat_exists(path);
}
