/*
 * fs_tree.c: directory trees: making a path's folders, and removing a staging directory
 * after a failure. Symlinks are unlinked, never followed, so a hostile archive cannot make
 * cleanup delete anything outside.
 */
#include "act/fs_tree.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>

int bs_remove_tree(const char *path)
{
    return plat_remove_tree(path);
}

int bs_make_dirs(const char *path, unsigned mode)
{
    char buf[PATH_MAX];
    if (bs_strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
        return -ENAMETOOLONG;
    for (char *p = buf + 1; *p; p++) {
        /* Both separators: a Windows root comes as C:\\Users\\me\\invokeai. */
        if (*p != '/' && *p != '\\')
            continue;
        char sep = *p;
        *p = '\0';
        /* "C:" or a folder we may not create but that exists (a network share's top). */
        int rc = plat_mkdir(buf, mode);
        if (rc != 0 && rc != -EEXIST && !plat_is_dir(buf))
            return rc;
        *p = sep;
    }
    int rc = plat_mkdir(buf, mode);
    if (rc != 0 && rc != -EEXIST)
        return rc;
    return plat_is_dir(buf) ? 0 : -ENOTDIR;
}
