/*
 * cudnn_op.h: the cuDNN operations behind `cudnn status|patch|restore`. Opening one finds
 * torch in the root and, for a Windows layout, takes the root's lock and first finishes or
 * undoes a swap an earlier run left half done. Nothing here prints: status, patch and
 * restore return what the front-end shows.
 */
#ifndef BS_CUDNN_OP_H
#define BS_CUDNN_OP_H

#include "act/cudnn_swap.h"
#include "act/root_lock.h"
#include "ops/session.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_cudnn_op {
    bs_session *s;
    char *root;           /* absolute: the journal records paths that must hold from any folder */
    char smoke_said[400]; /* what the passing smoke test said */
    bs_cudnn_hooks hooks;
    bs_torch_lib torch; /* torch.windows_layout false: cuDNN comes from a wheel, no swap */
    bs_root_lock lock;
    bs_error err; /* what went wrong, for any call that returned an error */
} bs_cudnn_op;

/* What status shows, gathered once: each backup's files are hashed a single time. */
typedef struct bs_cudnn_status {
    const bs_torch_lib *torch;
    bs_cudnn_journal *list; /* every backup, oldest first */
    size_t n;
    bs_backup_status *st;           /* per backup */
    char (*why)[200];               /* per backup: why it is stale */
    const bs_cudnn_journal *active; /* the patch torch\lib holds now, or NULL */
    char have[32], rt[32];          /* cuDNN in torch\lib; what torch itself loaded */
    bool ran;                       /* the smoke test ran (a.error may still say it failed) */
    bs_torch_cudnn_answer a;
    bs_error serr; /* why it did not run */
} bs_cudnn_status;

/* What a patch did. */
typedef struct bs_cudnn_patched {
    bool same;                /* nothing to do: the archive holds what torch has */
    char why[320];            /* with same: why */
    int dll_count;            /* DLLs swapped in */
    char version_from[64];    /* where the archive's version was read */
    bs_cudnn_journal journal; /* before and after versions, the backup's folder */
} bs_cudnn_patched;

/* Opens the operation on the install in root. Returns 0 (look at op->torch.windows_layout)
 * or an error in op->err; call bs_cudnn_op_close in every case. */
int bs_cudnn_op_open(bs_cudnn_op *op, bs_session *s, const char *root);
/* torch's cuDNN, what torch loads, and every backup (bs_cudnn_status_free frees it). */
int bs_cudnn_op_status(bs_cudnn_op *op, bs_cudnn_status *out);
void bs_cudnn_status_free(bs_cudnn_status *v);
/* Swaps the cuDNN of archive or folder `from` into torch\lib, as one journaled transaction
 * with a hash-checked backup and a smoke test; refused (BS_E_REQUIREMENTS) when torch would
 * not load it or the GPU is too old for it. */
int bs_cudnn_op_patch(bs_cudnn_op *op, const char *from, bs_cudnn_patched *out);
/* Puts back the DLLs of a backup (NULL: the latest): *changed false when they are there. */
int bs_cudnn_op_restore(bs_cudnn_op *op, const char *backup, bs_cudnn_journal *j, bool *changed);
/* Ends the operation: after an interrupt the swap in flight is finished or undone at once;
 * the lock is released. Returns rc (op->err says how an interrupt ended). */
int bs_cudnn_op_close(bs_cudnn_op *op, int rc);

#endif
