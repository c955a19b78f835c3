/*
 * cudnn_swap.c: patch, restore and recovery over torch\lib. Every change to torch\lib is
 * a rename of a file that is already complete and hash-checked, and the journal is on
 * disk before each step starts, so the state after any kill is one the journal names:
 * before replacing begins, nothing in torch\lib changed (undo = delete the staging);
 * while replacing, each file is either the old or the new one and the staged rest is
 * there to finish the job; restoring converges each file to its "before" hash.
 */
#include "act/cudnn_swap.h"
#include "act/file_copy.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STAGED_SUFFIX ".bs-new" /* never ".dll": torch loads every *.dll in torch\lib */
#define RESTORE_SUFFIX ".bs-old"

static int stop_at(const bs_cudnn_hooks *h, const char *step)
{
    if (h && h->cancel && *h->cancel)
        return BS_E_INTERRUPTED;
    return h && h->step && h->step(h->user, step) != 0 ? BS_CUDNN_STOPPED : 0;
}

static void say(const bs_cudnn_hooks *h, const char *what, const char *a, const char *b)
{
    if (h && h->events)
        bs_emit(h->events, BS_EV_NOTE, "cudnn", "%s%s%s", what, a, b);
}

/* Sets the state, writes the journal, then lets the step hook stop the run. */
static int record(bs_cudnn_journal *j, bs_cudnn_state s, const bs_cudnn_hooks *h, bs_error *err)
{
    j->state = s;
    int rc = bs_cudnn_journal_write(j);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot write the journal in %s: %s", j->dir,
                            bs_code_str(rc));
    return stop_at(h, bs_cudnn_state_name(s));
}

static int lib_path(const char *lib, const char *name, const char *suffix, char *out, size_t size)
{
    size_t a = strlen(lib), b = strlen(name), c = strlen(suffix);
    if (a + 1 + b + c + 1 > size)
        return -ENAMETOOLONG;
    memcpy(out, lib, a);
    out[a] = '/';
    memcpy(out + a + 1, name, b);
    memcpy(out + a + 1 + b, suffix, c + 1);
    return 0;
}

/* The SHA-256 of a file, "" when it is absent. */
static int hash_or_absent(const char *path, char out[65])
{
    int64_t size;
    int rc = bs_sha256_file_hex(path, out, &size);
    if (rc == -ENOENT) {
        out[0] = '\0';
        return 0;
    }
    return rc;
}

static void remove_staging(const bs_cudnn_journal *j)
{
    for (int i = 0; i < j->count; i++) {
        char p[PATH_MAX];
        if (lib_path(j->torch_lib, j->files[i].name, STAGED_SUFFIX, p, sizeof(p)) == 0)
            plat_remove_tree(p);
        if (lib_path(j->torch_lib, j->files[i].name, RESTORE_SUFFIX, p, sizeof(p)) == 0)
            plat_remove_tree(p);
    }
}

static int in_use_check(const char *lib, const bs_cudnn_journal *j, const bs_cudnn_hooks *h,
                        bs_error *err)
{
    char(*paths)[PATH_MAX] = malloc(sizeof(*paths) * BS_CUDNN_MAX_DLLS * 2);
    const char *list[BS_CUDNN_MAX_DLLS * 2];
    size_t n = 0, which = 0;
    if (!paths)
        return bs_error_set(err, BS_E_NOMEM, "out of memory");
    for (int i = 0; i < j->count; i++)
        if (lib_path(lib, j->files[i].name, "", paths[n], sizeof(paths[n])) == 0 &&
            plat_exists(paths[n])) {
            list[n] = paths[n];
            n++;
        }
    int busy =
        h && h->in_use ? h->in_use(h->user, list, n, &which) : plat_files_in_use(list, n, &which);
    if (busy > 0) {
        bs_error_set(err, BS_E_LOCKED, "%s is in use by another program", list[which]);
        bs_error_hint(err, "close InvokeAI first (and any Python that imported torch), then run "
                           "this again; nothing was changed");
    }
    free(paths);
    if (busy < 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot tell whether torch's DLLs are in use: %s",
                            bs_code_str(busy));
    return busy > 0 ? BS_E_LOCKED : 0;
}

/* Every backup copy must still hash to its "before" value before a restore starts. */
static int check_backup_copies(const bs_cudnn_journal *j, bs_error *err)
{
    for (int i = 0; i < j->count; i++) {
        char p[PATH_MAX], got[65];
        if (!j->files[i].before[0])
            continue;
        if (bs_cudnn_backup_file(j, j->files[i].name, p, sizeof(p)) != 0 ||
            hash_or_absent(p, got) != 0 || strcmp(got, j->files[i].before) != 0) {
            bs_error_set(err, BS_E_INTEGRITY, "backup %s is damaged: %s %s", j->id, p,
                         got[0] ? "does not match its recorded SHA-256" : "is missing");
            bs_error_hint(err, "torch's own files can be put back with: invokeai-bootstrap repair");
            return BS_E_INTEGRITY;
        }
    }
    return 0;
}

/* Makes every file of the journal its "before" version (copy from the backup under a
 * temporary name, check, rename over), then removes the staging. */
static int put_back(bs_cudnn_journal *j, const bs_cudnn_hooks *h, bool *changed, bs_error *err)
{
    int touched = 0;
    int rc = check_backup_copies(j, err);
    for (int i = 0; rc == 0 && i < j->count; i++) {
        const bs_cudnn_file *f = &j->files[i];
        char live[PATH_MAX], tmp[PATH_MAX], backup[PATH_MAX], now[65], sha[65];
        int64_t size;
        if (lib_path(j->torch_lib, f->name, "", live, sizeof(live)) != 0 ||
            lib_path(j->torch_lib, f->name, RESTORE_SUFFIX, tmp, sizeof(tmp)) != 0)
            return bs_error_set(err, BS_E_FILESYSTEM, "%s: path too long", j->torch_lib);
        if ((rc = hash_or_absent(live, now)) != 0)
            return bs_error_set(err, BS_E_FILESYSTEM, "cannot read %s: %s", live, bs_code_str(rc));
        if (strcmp(now, f->before) == 0)
            continue;
        if (!f->before[0]) {
            rc = plat_remove_tree(live);
        } else {
            plat_remove_tree(tmp);
            bs_cudnn_backup_file(j, f->name, backup, sizeof(backup));
            rc = bs_copy_to_new_file(backup, tmp, sha, &size);
            if (rc == 0 && strcmp(sha, f->before) != 0)
                rc = BS_E_INTEGRITY;
            if (rc == 0)
                rc = plat_rename_replace(tmp, live);
        }
        if (rc)
            return bs_error_set(err, rc == BS_E_INTEGRITY ? rc : BS_E_FILESYSTEM,
                                "cannot put back %s: %s", live, bs_code_str(rc));
        if (++touched == 1 &&
            (rc = stop_at(h, j->state == BS_CJ_RESTORING ? "restoring:1" : "rolling-back:1")))
            return rc;
    }
    if (rc == 0)
        remove_staging(j);
    if (changed)
        *changed = touched > 0;
    return rc;
}

static int roll_back(bs_cudnn_journal *j, const bs_cudnn_hooks *h, bs_error *err)
{
    bs_error inner;
    bs_error_init(&inner);
    int rc = record(j, BS_CJ_ROLLING_BACK, h, &inner);
    if (rc == 0)
        rc = put_back(j, h, NULL, &inner);
    if (rc == 0)
        rc = bs_remove_tree(j->dir); /* nothing is left to restore */
    if (rc && rc != BS_CUDNN_STOPPED)
        bs_error_hint(err, "rolling back failed too (%s); run this again to finish it",
                      inner.message);
    return rc;
}

static int make_backup_dir(const char *root, bs_cudnn_journal *j, bs_error *err)
{
    char base[PATH_MAX], files[PATH_MAX], stamp[24];
    time_t now = time(NULL);
    const struct tm *tm = gmtime(&now);
    if (!tm || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", tm) ||
        !strftime(j->created, sizeof(j->created), "%Y-%m-%dT%H:%M:%SZ", tm))
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot read the clock");
    if (bs_cudnn_backups_dir(root, base, sizeof(base)) != 0 || bs_make_dirs(base, 0755) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create %s", base);
    for (int k = 1; k < 100; k++) {
        if (k == 1)
            snprintf(j->id, sizeof(j->id), "cudnn-%s", stamp);
        else
            snprintf(j->id, sizeof(j->id), "cudnn-%s-%02d", stamp, k);
        if (bs_path_join(j->dir, sizeof(j->dir), base, j->id) != 0)
            break;
        int rc = plat_mkdir(j->dir, 0755);
        if (rc == -EEXIST)
            continue;
        if (rc == 0 && bs_path_join(files, sizeof(files), j->dir, "files") == 0 &&
            plat_mkdir(files, 0755) == 0)
            return 0;
        break;
    }
    return bs_error_set(err, BS_E_FILESYSTEM, "cannot create a backup folder in %s", base);
}

/* Which files the swap touches: every DLL of the new set, and every cuDNN DLL torch\lib
 * has that the new set lacks (another version's sub-library, another major's). */
static void plan_files(const bs_torch_lib *t, const bs_cudnn_source *src, bs_cudnn_journal *j)
{
    for (int i = 0; i < src->count; i++)
        bs_strlcpy(j->files[j->count++].name, src->dlls[i].name, sizeof(j->files[0].name));
    for (int k = 0; k < t->dll_count; k++) {
        bool kept = false;
        for (int i = 0; i < src->count && !kept; i++)
            kept = bs_equals_nocase(t->dlls[k], src->dlls[i].name);
        if (!kept)
            bs_strlcpy(j->files[j->count++].name, t->dlls[k], sizeof(j->files[0].name));
    }
}

static int check_space(const bs_torch_lib *t, const bs_cudnn_source *src, const char *root,
                       bs_error *err)
{
    uint64_t need = 0, have = 0;
    for (int i = 0; i < src->count; i++)
        need += src->dlls[i].size;
    /* The backup copies torch's set, which is about as big as the new one. */
    if (plat_disk_free(t->lib, &have, NULL) == 0 && have < 2 * need + (64u << 20)) {
        bs_error_set(err, BS_E_FILESYSTEM,
                     "not enough free space for the swap: %llu MiB needed near %s, %llu MiB free",
                     (unsigned long long)((2 * need + (64u << 20)) >> 20), root,
                     (unsigned long long)(have >> 20));
        bs_error_hint(err, "free some space; nothing was changed");
        return BS_E_FILESYSTEM;
    }
    return 0;
}

static int back_up(bs_cudnn_journal *j, bs_error *err)
{
    for (int i = 0; i < j->count; i++) {
        char live[PATH_MAX], copy[PATH_MAX], again[65];
        int64_t size;
        bs_cudnn_file *f = &j->files[i];
        lib_path(j->torch_lib, f->name, "", live, sizeof(live));
        if (!plat_exists(live))
            continue;
        bs_cudnn_backup_file(j, f->name, copy, sizeof(copy));
        int rc = bs_copy_to_new_file(live, copy, f->before, &size);
        /* Read back what landed on disk: the backup is the one thing that must be right. */
        if (rc == 0 && (rc = hash_or_absent(copy, again)) == 0 && strcmp(again, f->before) != 0)
            rc = BS_E_INTEGRITY;
        if (rc)
            return bs_error_set(err, rc == BS_E_INTEGRITY ? rc : BS_E_FILESYSTEM,
                                "cannot back up %s to %s: %s", live, copy, bs_code_str(rc));
    }
    return bs_cudnn_journal_write(j) == 0
               ? 0
               : bs_error_set(err, BS_E_FILESYSTEM, "cannot write the journal in %s", j->dir);
}

static int stage(bs_cudnn_journal *j, bs_cudnn_source *src, bs_error *err)
{
    for (int i = 0; i < src->count; i++) {
        char staged[PATH_MAX], again[65];
        bs_cudnn_file *f = &j->files[i]; /* plan_files put the new set first, in order */
        lib_path(j->torch_lib, f->name, STAGED_SUFFIX, staged, sizeof(staged));
        plat_remove_tree(staged);
        int rc = bs_cudnn_source_extract(src, i, staged, f->after, err);
        if (rc)
            return rc;
        if ((rc = hash_or_absent(staged, again)) != 0 || strcmp(again, f->after) != 0)
            return bs_error_set(err, BS_E_INTEGRITY, "%s does not read back as written", staged);
    }
    return 0;
}

/* Renames each staged file over torch's (or removes a file the new set lacks); files
 * already in their "after" state are skipped, so the same code finishes a killed run. */
static int replace_all(bs_cudnn_journal *j, const bs_cudnn_hooks *h, bs_error *err)
{
    int done = 0;
    for (int i = 0; i < j->count; i++) {
        const bs_cudnn_file *f = &j->files[i];
        char live[PATH_MAX], staged[PATH_MAX], now[65];
        lib_path(j->torch_lib, f->name, "", live, sizeof(live));
        lib_path(j->torch_lib, f->name, STAGED_SUFFIX, staged, sizeof(staged));
        int rc = hash_or_absent(live, now);
        if (rc == 0 && strcmp(now, f->after) == 0)
            continue;
        if (rc == 0)
            rc = f->after[0] ? plat_rename_replace(staged, live) : plat_remove_tree(live);
        if (rc)
            return bs_error_set(err, rc == -EACCES ? BS_E_LOCKED : BS_E_FILESYSTEM,
                                "cannot replace %s: %s", live, bs_code_str(rc));
        if (++done == 1 && (rc = stop_at(h, "replacing:1")) != 0)
            return rc;
    }
    return 0;
}

/* Whether every file not yet replaced still has its staged copy, intact. */
static bool can_finish(const bs_cudnn_journal *j)
{
    for (int i = 0; i < j->count; i++) {
        const bs_cudnn_file *f = &j->files[i];
        char live[PATH_MAX], staged[PATH_MAX], now[65];
        lib_path(j->torch_lib, f->name, "", live, sizeof(live));
        lib_path(j->torch_lib, f->name, STAGED_SUFFIX, staged, sizeof(staged));
        if (hash_or_absent(live, now) != 0)
            return false;
        if (strcmp(now, f->after) == 0 || !f->after[0])
            continue;
        if (strcmp(now, f->before) != 0 || hash_or_absent(staged, now) != 0 ||
            strcmp(now, f->after) != 0)
            return false;
    }
    return true;
}

static int smoke_or_roll_back(bs_cudnn_journal *j, const bs_torch_lib *t, const bs_cudnn_hooks *h,
                              bs_error *err)
{
    char msg[400] = "";
    if (!h || !h->smoke || h->smoke(h->user, t, j, msg, sizeof(msg)) == 0)
        return 0;
    bs_error_set(err, BS_E_CHILD, "torch failed its smoke test with cuDNN %s: %s", j->after_version,
                 msg);
    int rc = roll_back(j, h, err);
    if (rc == 0)
        bs_error_hint(err, "torch\\lib was put back as it was (cuDNN %s)", j->before_version);
    return rc == BS_CUDNN_STOPPED ? rc : BS_E_CHILD;
}

int bs_cudnn_patch(const char *root, const bs_torch_lib *t, bs_cudnn_source *src,
                   const bs_cudnn_hooks *h, bs_cudnn_journal *j, bs_error *err)
{
    memset(j, 0, sizeof(*j));
    bs_strlcpy(j->torch, t->torch, sizeof(j->torch));
    bs_strlcpy(j->torch_record_sha256, t->record_sha256, sizeof(j->torch_record_sha256));
    bs_strlcpy(j->torch_lib, t->lib, sizeof(j->torch_lib));
    bs_strlcpy(j->source, src->path, sizeof(j->source));
    bs_cudnn_format(&t->version, j->before_version, sizeof(j->before_version));
    bs_cudnn_format(&src->version, j->after_version, sizeof(j->after_version));
    plan_files(t, src, j);
    int rc = in_use_check(t->lib, j, h, err);
    if (rc == 0)
        rc = check_space(t, src, root, err);
    if (rc == 0)
        rc = make_backup_dir(root, j, err);
    if (rc)
        return rc;
    if ((rc = record(j, BS_CJ_BACKING_UP, h, err)) != 0)
        return rc;
    say(h, "Backing up torch's cuDNN ", j->before_version, "");
    if ((rc = back_up(j, err)) == 0) {
        say(h, "Staging cuDNN ", j->after_version, " in torch\\lib");
        rc = stage(j, src, err);
    }
    if (rc == 0)
        rc = record(j, BS_CJ_STAGED, h, err);
    if (rc) {
        if (rc != BS_CUDNN_STOPPED) {
            remove_staging(j);
            bs_remove_tree(j->dir);
        }
        return rc;
    }
    if ((rc = record(j, BS_CJ_REPLACING, h, err)) != 0)
        return rc;
    if ((rc = replace_all(j, h, err)) != 0) {
        if (rc != BS_CUDNN_STOPPED && roll_back(j, h, err) == BS_CUDNN_STOPPED)
            return BS_CUDNN_STOPPED;
        return rc;
    }
    if ((rc = record(j, BS_CJ_COMPLETE, h, err)) != 0)
        return rc;
    return smoke_or_roll_back(j, t, h, err);
}

static bool all_match(const bs_cudnn_journal *j, bool after, char *first_diff, size_t size)
{
    for (int i = 0; i < j->count; i++) {
        char live[PATH_MAX], now[65];
        const char *want = after ? j->files[i].after : j->files[i].before;
        if (lib_path(j->torch_lib, j->files[i].name, "", live, sizeof(live)) != 0 ||
            hash_or_absent(live, now) != 0 || strcmp(now, want) != 0) {
            if (first_diff)
                bs_strlcpy(first_diff, j->files[i].name, size);
            return false;
        }
    }
    return true;
}

bs_backup_status bs_cudnn_backup_status(const bs_cudnn_journal *j, const bs_torch_lib *t, char *why,
                                        size_t size)
{
    char diff[128] = "";
    why[0] = '\0';
    if (j->stale[0]) {
        snprintf(why, size, "%s", j->stale);
        return BS_BACKUP_STALE;
    }
    if (strcmp(j->torch, t->torch) != 0) {
        snprintf(why, size, "it was made for torch %s, and torch %s is installed now", j->torch,
                 t->torch);
        return BS_BACKUP_STALE;
    }
    if (j->torch_record_sha256[0] && t->record_sha256[0] &&
        strcmp(j->torch_record_sha256, t->record_sha256) != 0) {
        snprintf(why, size, "torch %s was reinstalled since it was made", t->torch);
        return BS_BACKUP_STALE;
    }
    if (j->state != BS_CJ_COMPLETE && j->state != BS_CJ_RESTORED) {
        snprintf(why, size, "its swap did not finish (%s)", bs_cudnn_state_name(j->state));
        return BS_BACKUP_STALE;
    }
    if (all_match(j, false, NULL, 0))
        return BS_BACKUP_AT_BEFORE;
    if (all_match(j, true, diff, sizeof(diff)))
        return BS_BACKUP_RESTORABLE;
    snprintf(why, size, "torch\\lib\\%s changed since it was made", diff);
    return BS_BACKUP_STALE;
}

int bs_cudnn_restore(const char *root, const bs_torch_lib *t, const char *id,
                     const bs_cudnn_hooks *h, bs_cudnn_journal *j, bool *changed, bs_error *err)
{
    bs_cudnn_journal *list = NULL;
    size_t n = 0;
    char why[200];
    *changed = false;
    int rc = bs_cudnn_journal_list(root, &list, &n);
    if (rc)
        return bs_error_set(err, rc, "cannot read the backups of %s", root);
    size_t pick = n;
    for (size_t i = 0; i < n; i++) {
        /* torch\lib is where torch is now, even if the root was moved since. */
        bs_strlcpy(list[i].torch_lib, t->lib, sizeof(list[i].torch_lib));
        if (id && strcmp(list[i].id, id) == 0)
            pick = i;
    }
    /* Without an id: the newest backup that can undo what torch\lib holds now, so
     * restores walk back patch by patch; else the newest one torch\lib already matches
     * (nothing to do); else the newest (refused as stale). */
    static const bs_backup_status wanted[] = {BS_BACKUP_RESTORABLE, BS_BACKUP_AT_BEFORE};
    for (size_t k = 0; !id && k < 2 && pick == n; k++)
        for (size_t i = n; i-- > 0 && pick == n;)
            if (bs_cudnn_backup_status(&list[i], t, why, sizeof(why)) == wanted[k])
                pick = i;
    if (!id && pick == n && n > 0)
        pick = n - 1;
    if (pick == n) {
        free(list);
        if (id)
            return bs_error_set(err, BS_E_NOT_FOUND, "no cuDNN backup named %s in %s", id, root);
        bs_error_set(err, BS_E_NOT_FOUND, "no cuDNN backup in %s: torch was never patched", root);
        return BS_E_NOT_FOUND;
    }
    *j = list[pick];
    free(list);
    bs_backup_status st = bs_cudnn_backup_status(j, t, why, sizeof(why));
    if (st == BS_BACKUP_AT_BEFORE)
        return 0;
    if (st == BS_BACKUP_STALE) {
        bs_error_set(err, BS_E_INTEGRITY, "backup %s is stale: %s", j->id, why);
        bs_error_hint(err, "restoring it would mix two cuDNN sets; torch's own files come back "
                           "with: invokeai-bootstrap repair");
        return BS_E_INTEGRITY;
    }
    if ((rc = check_backup_copies(j, err)) != 0 || (rc = in_use_check(t->lib, j, h, err)) != 0)
        return rc;
    if ((rc = record(j, BS_CJ_RESTORING, h, err)) != 0)
        return rc;
    if ((rc = put_back(j, h, changed, err)) != 0)
        return rc;
    return record(j, BS_CJ_RESTORED, h, err);
}

static int roll_back_failed(bs_error *err)
{
    return err->code ? err->code : BS_E_FILESYSTEM;
}

static int recover_one(bs_cudnn_journal *j, const bs_cudnn_hooks *h, bs_error *err)
{
    switch (j->state) {
    case BS_CJ_BACKING_UP:
    case BS_CJ_STAGED:
        /* torch\lib was not touched yet: drop the staging and the half-made backup. */
        say(h, "Undoing an interrupted cuDNN patch: ", j->id, " (torch\\lib was not changed yet)");
        remove_staging(j);
        return bs_remove_tree(j->dir) == 0
                   ? 1
                   : bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s", j->dir);
    case BS_CJ_REPLACING:
        if (can_finish(j)) {
            say(h, "Finishing the interrupted cuDNN patch ", j->id, "");
            int rc = replace_all(j, h, err);
            if (rc == 0)
                rc = record(j, BS_CJ_COMPLETE, h, err);
            return rc ? rc : 1;
        }
        say(h, "Rolling back the interrupted cuDNN patch ", j->id, " (its staged files are gone)");
        return roll_back(j, h, err) == 0 ? 1 : roll_back_failed(err);
    case BS_CJ_ROLLING_BACK:
        say(h, "Finishing the roll-back of cuDNN patch ", j->id, "");
        return roll_back(j, h, err) == 0 ? 1 : roll_back_failed(err);
    case BS_CJ_RESTORING: {
        say(h, "Finishing the interrupted restore of ", j->id, "");
        int rc = put_back(j, h, NULL, err);
        if (rc == 0)
            rc = record(j, BS_CJ_RESTORED, h, err);
        return rc ? rc : 1;
    }
    default:
        return 0;
    }
}

int bs_cudnn_recover(const char *root, const bs_cudnn_hooks *h, int *done, bs_error *err)
{
    bs_cudnn_journal *list = NULL;
    size_t n = 0;
    *done = 0;
    int rc = bs_cudnn_journal_list(root, &list, &n);
    bs_torch_lib *t = n ? calloc(1, sizeof(*t)) : NULL;
    bs_error ignored;
    bs_error_init(&ignored);
    /* A root moved since the journal was written: work on torch\lib where it is now. */
    bool moved = t && bs_torch_lib_find(root, t, &ignored) == 0 && t->windows_layout;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (moved)
            bs_strlcpy(list[i].torch_lib, t->lib, sizeof(list[i].torch_lib));
        int r = recover_one(&list[i], h, err);
        if (r < 0)
            rc = r;
        else
            *done += r;
    }
    free(t);
    free(list);
    return rc;
}

int bs_cudnn_retire_changed(const char *root, const char *why)
{
    bs_cudnn_journal *list = NULL;
    size_t n = 0;
    int rc = bs_cudnn_journal_list(root, &list, &n);
    bs_torch_lib *t = n ? calloc(1, sizeof(*t)) : NULL;
    bs_error err;
    bs_error_init(&err);
    bool have_torch = t && bs_torch_lib_find(root, t, &err) == 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char reason[200];
        if (have_torch && t->windows_layout)
            bs_strlcpy(list[i].torch_lib, t->lib, sizeof(list[i].torch_lib));
        if (list[i].stale[0] ||
            (have_torch &&
             bs_cudnn_backup_status(&list[i], t, reason, sizeof(reason)) == BS_BACKUP_RESTORABLE))
            continue;
        bs_strlcpy(list[i].stale, why, sizeof(list[i].stale));
        rc = bs_cudnn_journal_write(&list[i]);
    }
    free(t);
    free(list);
    return rc;
}
