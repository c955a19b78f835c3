/*
 * root_layout.h: where everything lives inside an install root, in one place. An install
 * root is one folder a person can delete to remove everything: <root>/.python (the managed
 * Python), <root>/.venv, <root>/.cache (downloads and pip's cache, unless --cache-dir moves
 * them) and <root>/.invokeai-bootstrap (our state: receipt, lock, backups, trash). No other
 * module joins these names; they ask here. The root itself is made absolute once, from what
 * a person typed (a relative path, ~/x, a path pasted with quotes), by bs_root_absolute.
 */
#ifndef BS_ROOT_LAYOUT_H
#define BS_ROOT_LAYOUT_H

#include "core/error.h"

#include <limits.h>
#include <stddef.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* One named place inside the root (or its cache). */
typedef enum bs_root_part {
    BS_ROOT_PYTHON = 0,   /* <root>/.python: the managed Python */
    BS_ROOT_VENV,         /* <root>/.venv */
    BS_ROOT_CACHE,        /* <root>/.cache: the default cache folder */
    BS_ROOT_STATE,        /* <root>/.invokeai-bootstrap */
    BS_ROOT_RECEIPT,      /* <state>/receipt.json: what the last finished install is */
    BS_ROOT_LOCK,         /* <state>/lock: held while a run changes the root */
    BS_ROOT_BACKUPS,      /* <state>/backups: the cuDNN swap's backups and journals */
    BS_ROOT_TRASH,        /* <state>/trash: what could not be removed yet */
    BS_ROOT_LAUNCHER_SH,  /* <root>/invoke.sh */
    BS_ROOT_LAUNCHER_BAT, /* <root>/invoke.bat */
    BS_ROOT_PART_COUNT
} bs_root_part;

/* The root's name for part, relative to the root (".python", ".invokeai-bootstrap/lock"). */
const char *bs_root_rel(bs_root_part part);
/* <root>/<part> into out. Returns 0 or -ENAMETOOLONG. */
int bs_root_path(const char *root, bs_root_part part, char *out, size_t size);
/* A sibling of the managed Python's folder used while replacing it: <root>/.python<suffix>
 * (".python.staging-XXXXXX", ".python.old-123"). Returns 0 or -ENAMETOOLONG. */
int bs_root_python_sibling(const char *root, const char *suffix, char *out, size_t size);

/* Every path of one root, computed once per run (the session holds it). */
typedef struct bs_root {
    char dir[PATH_MAX];       /* the root, absolute */
    char python[PATH_MAX];    /* <root>/.python */
    char venv[PATH_MAX];      /* <root>/.venv */
    char state[PATH_MAX];     /* <root>/.invokeai-bootstrap */
    char receipt[PATH_MAX];   /* <state>/receipt.json */
    char lock[PATH_MAX];      /* <state>/lock */
    char backups[PATH_MAX];   /* <state>/backups */
    char trash[PATH_MAX];     /* <state>/trash */
    char cache[PATH_MAX];     /* --cache-dir, else <root>/.cache */
    char downloads[PATH_MAX]; /* <cache>/downloads: ours, content-addressed */
    char pip_cache[PATH_MAX]; /* <cache>/pip: pip's */
} bs_root;

/* Fills r for an absolute root and an optional cache folder (NULL: <root>/.cache; made
 * absolute too). Returns 0 or BS_E_USAGE (err: a path too long). */
int bs_root_layout(bs_root *r, const char *root, const char *cache_dir, bs_error *err);

/* What a person typed for a folder, made absolute: surrounding white space and one pair of
 * matching quotes removed (Explorer's "Copy as path" adds them), a leading ~ or ~/ replaced
 * by the home folder, a relative path joined to the working directory, then the real path
 * of the nearest parent that exists with the rest appended (so links and ".." are
 * resolved where they can be, and a root that does not exist yet still gets a stable
 * name). Returns 0 or BS_E_USAGE (empty, or too long: err says which). */
int bs_root_absolute(const char *typed, char *out, size_t size, bs_error *err);

#endif
