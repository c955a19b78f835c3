/*
 * root_lock.c: the install root's lock.
 */
#include "core/root_layout.h"
#include "act/root_lock.h"
#include "act/fs_tree.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int bs_root_lock_take(const char *root, bs_root_lock *lock, bs_error *err)
{
    char dir[PATH_MAX], path[PATH_MAX];
    long holder = 0;
    lock->fd = -1;
    if (bs_root_path(root, BS_ROOT_STATE, dir, sizeof(dir)) != 0 ||
        bs_root_path(root, BS_ROOT_LOCK, path, sizeof(path)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "path too long: %s", root);
    int rc = bs_make_dirs(dir, 0755);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create %s: %s", dir, strerror(-rc));
    rc = plat_lock_file(path, &lock->fd, &holder);
    if (rc == BS_E_LOCKED) {
        if (holder > 0)
            bs_error_set(err, rc, "another run (PID %ld) is working on %s", holder, root);
        else
            bs_error_set(err, rc, "another run is working on %s", root);
        bs_error_hint(err, "wait for it to finish; a run that was killed frees the lock at once");
        return rc;
    }
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot lock %s: %s", path, strerror(-rc));
    return 0;
}

void bs_root_lock_release(bs_root_lock *lock)
{
    plat_unlock_file(lock->fd);
    lock->fd = -1;
}
