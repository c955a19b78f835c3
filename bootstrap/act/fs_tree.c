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
#include <sys/stat.h>
#include <unistd.h>

int bs_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -errno;
    if (!S_ISDIR(st.st_mode))
        return unlink(path) == 0 ? 0 : -errno;
    /* A directory we could not read (mode 0) must still go: make it ours first. */
    chmod(path, 0700);
    char **names = NULL;
    size_t count = 0;
    int rc = plat_list_dir(path, &names, &count);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        char child[PATH_MAX];
        rc = bs_path_join(child, sizeof(child), path, names[i]);
        if (rc == 0)
            rc = bs_remove_tree(child);
    }
    plat_free_names(names, count);
    if (rc == 0 && rmdir(path) != 0)
        rc = -errno;
    return rc;
}

int bs_make_dirs(const char *path, unsigned mode)
{
    char buf[PATH_MAX];
    if (bs_strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
        return -ENAMETOOLONG;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
        return -errno;
    return plat_is_dir(buf) ? 0 : -ENOTDIR;
}
