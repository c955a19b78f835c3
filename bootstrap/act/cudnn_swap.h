/*
 * cudnn_swap.h: the cuDNN swap as a journaled transaction over torch\lib. patch backs
 * up every file it will touch (hash-checked), stages the new DLLs beside torch's under
 * names that do not end in .dll (torch loads every *.dll at import), renames them over
 * torch's one by one, and marks the journal complete; a failing smoke test rolls back.
 * restore puts a journal's "before" files back exactly. recover finishes or undoes
 * whatever a killed run left, so torch\lib never holds a mix of two sets.
 */
#ifndef BS_CUDNN_SWAP_H
#define BS_CUDNN_SWAP_H

#include "act/cudnn_journal.h"
#include "act/cudnn_source.h"
#include "act/cudnn_torch.h"
#include "core/error.h"
#include "core/events.h"

#include <signal.h>

typedef struct bs_cudnn_hooks {
    /* Whether another process holds one of the files (default plat_files_in_use). */
    int (*in_use)(void *user, const char *const *paths, size_t n, size_t *which);
    /* Called once the journal records each step ("backing-up", "staged", "replacing",
     * "replacing:1" after the first file, "complete", "rolling-back", "restoring",
     * "restoring:1"); a non-zero return stops the run there at once, leaving everything
     * as a kill would (tests). NULL: never stops. */
    int (*step)(void *user, const char *step);
    /* torch's smoke test with the new set: 0 when it passed; otherwise msg says why.
     * NULL: no smoke test. */
    int (*smoke)(void *user, const bs_torch_lib *t, const bs_cudnn_journal *j, char *msg,
                 size_t size);
    void *user;
    const bs_events *events;
    volatile sig_atomic_t *cancel;
} bs_cudnn_hooks;

/* What a step hook's stop returns through every function here. */
#define BS_CUDNN_STOPPED BS_E_INTERRUPTED

/* Swaps src's DLL set into t->lib. j receives the journal (its id names the backup).
 * Returns 0; BS_E_LOCKED (a file is in use: nothing changed); BS_E_FILESYSTEM (not
 * enough space, or a write failed: rolled back); BS_E_CHILD (the smoke test failed:
 * rolled back; err says what torch said); BS_E_INTEGRITY (a copy did not hash right:
 * rolled back). */
int bs_cudnn_patch(const char *root, const bs_torch_lib *t, bs_cudnn_source *src,
                   const bs_cudnn_hooks *h, bs_cudnn_journal *j, bs_error *err);

typedef enum bs_backup_status {
    BS_BACKUP_RESTORABLE, /* torch\lib holds the backup's "after" set */
    BS_BACKUP_AT_BEFORE,  /* torch\lib already holds its "before" set */
    BS_BACKUP_STALE,      /* torch changed since: restoring would mix sets */
} bs_backup_status;

/* How a journal relates to torch as it is now; why says what changed when stale. */
bs_backup_status bs_cudnn_backup_status(const bs_cudnn_journal *j, const bs_torch_lib *t, char *why,
                                        size_t size);

/* Puts back the "before" set of backup id (NULL: the newest). Returns 0 (*changed says
 * whether anything had to change), BS_E_NOT_FOUND (no such backup), BS_E_INTEGRITY (stale
 * or damaged backup: nothing changed), BS_E_LOCKED (in use: nothing changed). */
int bs_cudnn_restore(const char *root, const bs_torch_lib *t, const char *id,
                     const bs_cudnn_hooks *h, bs_cudnn_journal *j, bool *changed, bs_error *err);

/* Finishes or undoes every interrupted swap under root. *done counts the journals it
 * acted on. Returns 0 or the first failure. */
int bs_cudnn_recover(const char *root, const bs_cudnn_hooks *h, int *done, bs_error *err);

/* After an install or repair ran pip on torch: marks stale (with why) every backup whose
 * "after" set is no longer what torch\lib holds, so a later restore cannot put an old
 * set into a new torch. A root without backups costs one directory read. */
int bs_cudnn_retire_changed(const char *root, const char *why);

#endif
