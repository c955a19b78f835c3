/*
 * cudnn_journal.h: the record of one cuDNN swap, <root>/.invokeai-bootstrap/backups/
 * cudnn-<timestamp>/journal.json, beside the backed-up files (files/<name>). It lists
 * every file the swap touches with its SHA-256 before and after ("" = absent) and the
 * state the swap reached, and is rewritten atomically at each step, so a run killed at
 * any point leaves enough to finish or undo the job.
 */
#ifndef BS_CUDNN_JOURNAL_H
#define BS_CUDNN_JOURNAL_H

#include "act/cudnn_torch.h"
#include "core/error.h"

#include <limits.h>
#include <stddef.h>

typedef enum bs_cudnn_state {
    BS_CJ_BACKING_UP = 0, /* copying the "before" files out; torch\lib untouched */
    BS_CJ_STAGED,         /* new DLLs sit in torch\lib under temporary names, hashed */
    BS_CJ_REPLACING,      /* renaming them over torch's, one by one */
    BS_CJ_COMPLETE,       /* torch\lib holds the "after" set */
    BS_CJ_ROLLING_BACK,   /* putting the "before" set back after a failure */
    BS_CJ_RESTORING,      /* `cudnn restore` putting the "before" set back */
    BS_CJ_RESTORED,       /* torch\lib holds the "before" set again */
    BS_CJ_STATE_COUNT
} bs_cudnn_state;

typedef struct bs_cudnn_file {
    char name[128];
    char before[65]; /* "" = the file was not there */
    char after[65];  /* "" = the swap removes it */
} bs_cudnn_file;

typedef struct bs_cudnn_journal {
    char id[48];        /* cudnn-20261203T120102Z */
    char dir[PATH_MAX]; /* the backup folder */
    bs_cudnn_state state;
    char created[32];
    char torch[64];
    char torch_record_sha256[65];
    char torch_lib[PATH_MAX];
    char source[PATH_MAX];
    char before_version[32];
    char after_version[32];
    char stale[200]; /* why the backup no longer applies ("" = it does) */
    bs_cudnn_file files[BS_CUDNN_MAX_DLLS * 2];
    int count;
} bs_cudnn_journal;

const char *bs_cudnn_state_name(bs_cudnn_state s);

/* <root>/.invokeai-bootstrap/backups */
int bs_cudnn_backups_dir(const char *root, char *out, size_t size);
/* Writes j to <j->dir>/journal.json atomically. 0 or -errno. */
int bs_cudnn_journal_write(const bs_cudnn_journal *j);
/* Reads <dir>/journal.json. 0, BS_E_NOT_FOUND or BS_E_PARSE. */
int bs_cudnn_journal_read(const char *dir, bs_cudnn_journal *j);
/* Every journal under the backups folder, oldest first (ids sort by time). *out is
 * malloc'd (caller frees); folders without a readable journal are skipped. */
int bs_cudnn_journal_list(const char *root, bs_cudnn_journal **out, size_t *count);
/* <j->dir>/files/<name>: where the "before" copy of a file is kept. */
int bs_cudnn_backup_file(const bs_cudnn_journal *j, const char *name, char *out, size_t size);

#endif
