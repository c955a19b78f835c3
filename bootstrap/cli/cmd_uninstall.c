/*
 * cmd_uninstall.c: `uninstall` removes what this program put in the root (.venv, .python,
 * .cache, the launchers, and last its own .invokeai-bootstrap folder, so an interrupted
 * uninstall can be run again) and keeps everything else: the user's models, outputs,
 * databases and invokeai.yaml. --purge removes the whole root. Nothing is followed
 * through a link: a link is removed as a link, and what it points at is left alone.
 */
#include "core/root_layout.h"
#include "act/root_lock.h"
#include "ops/cache.h"
#include "cli/commands.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* In removal order; the state folder is last so a rerun still knows the root is ours. */
static const bs_root_part ours[] = {BS_ROOT_VENV,        BS_ROOT_PYTHON,       BS_ROOT_CACHE,
                                    BS_ROOT_LAUNCHER_SH, BS_ROOT_LAUNCHER_BAT, BS_ROOT_STATE};
#define OURS_COUNT (sizeof(ours) / sizeof(ours[0]))

typedef struct entry {
    char name[256];
    uint64_t bytes;
    bool link;
} entry;

static bool is_ours(const char *name)
{
    for (size_t i = 0; i < OURS_COUNT; i++)
        if (strcmp(name, bs_root_rel(ours[i])) == 0)
            return true;
    return false;
}

static void describe(const char *root, const char *name, entry *e)
{
    char path[4096];
    bs_strlcpy(e->name, name, sizeof(e->name));
    e->bytes = 0;
    if (bs_path_join(path, sizeof(path), root, name) == 0) {
        e->link = plat_is_link(path);
        plat_tree_size(path, &e->bytes);
    }
}

static void print_list(const char *title, const entry *list, size_t n)
{
    printf("%s\n", title);
    for (size_t i = 0; i < n; i++)
        printf("  %-24s %9.1f MiB%s\n", list[i].name, (double)list[i].bytes / (1 << 20),
               list[i].link ? "  (a link: removed as a link, its target is left alone)" : "");
}

static bool ask(const char *question)
{
    char answer[16] = "";
    printf("%s [y/N] ", question);
    fflush(stdout);
    if (!fgets(answer, sizeof(answer), stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
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

static int uninstall(const bs_config *cfg, entry *gone, size_t *gone_n, entry *kept, size_t *kept_n,
                     bs_error *err)
{
    char marker[4096], **names = NULL;
    size_t n = 0;
    if (!plat_is_dir(cfg->root))
        return bs_error_set(err, BS_E_NOT_FOUND, "no install in %s", cfg->root);
    if (bs_root_path(cfg->root, BS_ROOT_STATE, marker, sizeof(marker)) != 0 ||
        !plat_is_dir(marker) || plat_is_link(marker)) {
        bs_error_set(err, BS_E_NOT_FOUND,
                     "%s was not installed by invokeai-bootstrap (it has no %s folder); nothing "
                     "was removed",
                     cfg->root, bs_root_rel(BS_ROOT_STATE));
        bs_error_hint(err, "delete it yourself if it is yours to delete");
        return BS_E_NOT_FOUND;
    }
    if (plat_list_dir(cfg->root, &names, &n) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot read %s", cfg->root);
    for (size_t i = 0; i < OURS_COUNT; i++) {
        char path[4096];
        if (bs_root_path(cfg->root, ours[i], path, sizeof(path)) == 0 &&
            (plat_exists(path) || plat_is_link(path)))
            describe(cfg->root, bs_root_rel(ours[i]), &gone[(*gone_n)++]);
    }
    for (size_t i = 0; i < n && *kept_n < 256 && *gone_n < 512; i++)
        if (!is_ours(names[i]))
            describe(cfg->root, names[i], cfg->purge ? &gone[(*gone_n)++] : &kept[(*kept_n)++]);
    plat_free_names(names, n);
    return 0;
}

static int remove_all(const bs_config *cfg, const entry *gone, size_t n, bs_error *err)
{
    bs_root_lock lock = {.fd = -1};
    int rc = bs_root_lock_take(cfg->root, &lock, err);
    if (rc)
        return rc;
    /* The user's entries (with --purge) first, then ours, the state folder last of all. */
    for (size_t pass = 0; pass < 2 && rc == 0; pass++)
        for (size_t i = 0; i < n && rc == 0; i++) {
            char path[4096];
            if ((pass == 0) == is_ours(gone[i].name) ||
                strcmp(gone[i].name, bs_root_rel(BS_ROOT_STATE)) == 0)
                continue;
            if ((rc = bs_path_join(path, sizeof(path), cfg->root, gone[i].name)) == 0 &&
                (rc = plat_remove_tree(path)) != 0)
                bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s: %s", path, bs_code_str(rc));
        }
    if (rc) {
        bs_root_lock_release(&lock);
        bs_error_hint(err, "close InvokeAI if it is running, then run uninstall again to finish");
        return BS_E_FILESYSTEM;
    }
    if ((rc = remove_state(cfg->root, &lock)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s/%s: %s", cfg->root,
                            bs_root_rel(BS_ROOT_STATE), bs_code_str(rc));
    if (cfg->purge && (rc = plat_remove_tree(cfg->root)) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s: %s", cfg->root,
                            bs_code_str(rc));
    return 0;
}

int bs_cmd_uninstall(bs_session *s, const bs_config *cfg)
{
    static entry gone[512], kept[256];
    size_t gone_n = 0, kept_n = 0;
    bs_error err;
    bs_error_init(&err);
    int rc = uninstall(cfg, gone, &gone_n, kept, &kept_n, &err);
    if (rc) {
        bs_print_error(&err);
        return bs_exit_code_for(rc);
    }
    if (!cfg->quiet || cfg->dry_run) {
        printf("%s %s:\n", cfg->dry_run ? "Would remove from" : "Removing from", cfg->root);
        print_list(cfg->purge ? "everything (--purge):" : "what invokeai-bootstrap installed:",
                   gone, gone_n);
        if (kept_n)
            print_list("kept (your models, outputs, databases, settings):", kept, kept_n);
    }
    if (cfg->dry_run)
        return BS_EXIT_OK;
    if (!cfg->yes) {
        if (!plat_isatty(STDIN_FILENO)) {
            bs_error_set(&err, BS_E_USAGE, "uninstall needs consent: pass --yes to run unattended");
            bs_print_error(&err);
            return BS_EXIT_USAGE;
        }
        if (!ask(cfg->purge ? "Delete ALL of this, your models and images included?"
                            : "Remove these?")) {
            printf("Nothing was removed.\n");
            return BS_EXIT_FAILURE;
        }
    }
    if ((rc = remove_all(cfg, gone, gone_n, &err)) != 0) {
        bs_print_error(&err);
        return bs_exit_code_for(rc);
    }
    if (!cfg->quiet) {
        printf("Removed.%s\n", kept_n ? " Your data is still there; --purge deletes it too." : "");
        if (cfg->cache_dir)
            printf("The shared cache %s was kept: invokeai-bootstrap cache clean --cache-dir '%s' "
                   "empties it.\n",
                   s->root.cache, s->root.cache);
    }
    return BS_EXIT_OK;
}
