/*
 * uninstall.c: `uninstall` removes what this program put in the root (.venv, .python,
 * .cache, the launchers, and last its own .invokeai-bootstrap folder, so an interrupted
 * uninstall can be run again) and keeps everything else: the user's models, outputs,
 * databases and invokeai.yaml. --purge removes the whole root. Nothing is followed
 * through a link: a link is removed as a link, and what it points at is left alone.
 */
#include "ops/uninstall.h"
#include "act/root_lock.h"
#include "core/root_layout.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <string.h>

/* In removal order; the state folder is last so a rerun still knows the root is ours. */
static const bs_root_part ours[] = {BS_ROOT_VENV,        BS_ROOT_PYTHON,       BS_ROOT_CACHE,
                                    BS_ROOT_LAUNCHER_SH, BS_ROOT_LAUNCHER_BAT, BS_ROOT_STATE};
#define OURS_COUNT (sizeof(ours) / sizeof(ours[0]))

static bool is_ours(const char *name)
{
    for (size_t i = 0; i < OURS_COUNT; i++)
        if (strcmp(name, bs_root_rel(ours[i])) == 0)
            return true;
    return false;
}

static void describe(const char *root, const char *name, bs_uninstall_entry *e)
{
    char path[4096];
    bs_strlcpy(e->name, name, sizeof(e->name));
    e->bytes = 0;
    if (bs_path_join(path, sizeof(path), root, name) == 0) {
        e->link = plat_is_link(path);
        plat_tree_size(path, &e->bytes);
    }
}

/* Empties the state folder but for the lock we hold, then (after the caller released it)
 * the folder itself goes. */
static int remove_state(const char *root, bs_root_lock *lock)
{
    char dir[4096], **names = NULL;
    size_t n = 0;
    int rc = bs_root_path(root, BS_ROOT_STATE, dir, sizeof(dir));
    if (rc == 0 && plat_list_dir(dir, &names, &n) == 0) {
        for (size_t i = 0; rc == 0 && i < n; i++) {
            char path[4096];
            if (strcmp(names[i], "lock") != 0 &&
                (rc = bs_path_join(path, sizeof(path), dir, names[i])) == 0)
                rc = plat_remove_tree(path);
        }
        plat_free_names(names, n);
    }
    bs_root_lock_release(lock);
    return rc ? rc : plat_remove_tree(dir);
}

int bs_uninstall_plan(const char *root, bool purge, bs_uninstall_list *l, bs_error *err)
{
    char marker[4096], **names = NULL;
    size_t n = 0;
    l->gone_n = l->kept_n = 0;
    if (!plat_is_dir(root))
        return bs_error_set(err, BS_E_NOT_FOUND, "no install in %s", root);
    if (bs_root_path(root, BS_ROOT_STATE, marker, sizeof(marker)) != 0 || !plat_is_dir(marker) ||
        plat_is_link(marker)) {
        bs_error_set(err, BS_E_NOT_FOUND,
                     "%s was not installed by invokeai-bootstrap (it has no %s folder); nothing "
                     "was removed",
                     root, bs_root_rel(BS_ROOT_STATE));
        bs_error_hint(err, "delete it yourself if it is yours to delete");
        return BS_E_NOT_FOUND;
    }
    if (plat_list_dir(root, &names, &n) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot read %s", root);
    for (size_t i = 0; i < OURS_COUNT; i++) {
        char path[4096];
        if (bs_root_path(root, ours[i], path, sizeof(path)) == 0 &&
            (plat_exists(path) || plat_is_link(path)))
            describe(root, bs_root_rel(ours[i]), &l->gone[l->gone_n++]);
    }
    for (size_t i = 0; i < n && l->kept_n < BS_UNINSTALL_MAX && l->gone_n < BS_UNINSTALL_MAX; i++)
        if (!is_ours(names[i]))
            describe(root, names[i], purge ? &l->gone[l->gone_n++] : &l->kept[l->kept_n++]);
    plat_free_names(names, n);
    return 0;
}

int bs_uninstall_commit(const char *root, bool purge, const bs_uninstall_list *l, bs_error *err)
{
    const bs_uninstall_entry *gone = l->gone;
    size_t n = l->gone_n;
    bs_root_lock lock = {.fd = -1};
    int rc = bs_root_lock_take(root, &lock, err);
    if (rc)
        return rc;
    /* The user's entries (with --purge) first, then ours, the state folder last of all. */
    for (size_t pass = 0; pass < 2 && rc == 0; pass++)
        for (size_t i = 0; i < n && rc == 0; i++) {
            char path[4096];
            if ((pass == 0) == is_ours(gone[i].name) ||
                strcmp(gone[i].name, bs_root_rel(BS_ROOT_STATE)) == 0)
                continue;
            if ((rc = bs_path_join(path, sizeof(path), root, gone[i].name)) == 0 &&
                (rc = plat_remove_tree(path)) != 0)
                bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s: %s", path, bs_code_str(rc));
        }
    if (rc) {
        bs_root_lock_release(&lock);
        bs_error_hint(err, "close InvokeAI if it is running, then run uninstall again to finish");
        return BS_E_FILESYSTEM;
    }
    if ((rc = remove_state(root, &lock)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s/%s: %s", root,
                            bs_root_rel(BS_ROOT_STATE), bs_code_str(rc));
    if (purge && (rc = plat_remove_tree(root)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s: %s", root, bs_code_str(rc));
    return 0;
}
