/*
 * uninstall.h: removing an install: first the list of what goes and what stays (so the
 * front-end can show it and ask), then the removal under the root's lock. What this program
 * put in the root goes (.venv, .python, .cache, the launchers, and last its own state
 * folder, so an interrupted uninstall can run again); the person's models, outputs,
 * databases and invokeai.yaml stay, unless purge. Links are removed as links, never followed.
 */
#ifndef BS_UNINSTALL_H
#define BS_UNINSTALL_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BS_UNINSTALL_MAX 512

typedef struct bs_uninstall_entry {
    char name[256]; /* a name in the root */
    uint64_t bytes;
    bool link; /* removed as a link; its target is left alone */
} bs_uninstall_entry;

typedef struct bs_uninstall_list {
    bs_uninstall_entry gone[BS_UNINSTALL_MAX]; /* what will be removed */
    size_t gone_n;
    bs_uninstall_entry kept[BS_UNINSTALL_MAX]; /* what stays (empty with purge) */
    size_t kept_n;
} bs_uninstall_list;

/* What an uninstall of root would remove and keep. BS_E_NOT_FOUND when root is not an
 * install of ours (no state folder): nothing is ever removed from such a folder. */
int bs_uninstall_plan(const char *root, bool purge, bs_uninstall_list *l, bs_error *err);
/* Removes the list's entries, the person's first (with purge), ours next, the state folder
 * last, then the root itself with purge. BS_E_LOCKED while another run works on it. */
int bs_uninstall_commit(const char *root, bool purge, const bs_uninstall_list *l, bs_error *err);

#endif
