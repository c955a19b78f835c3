/*
 * python_install.h: the managed Python inside the install root (<root>/.python), which no
 * one else can break: download (pinned, resumable) -> verify -> extract into
 * <root>/.python.staging-XXXXXX (0700, same filesystem) -> run the interpreter -> rename
 * to <root>/.python. A receipt inside it (invokeai-bootstrap-python.json) says which build
 * it is and where its interpreter lives.
 */
#ifndef BS_PYTHON_INSTALL_H
#define BS_PYTHON_INSTALL_H

#include "act/fetch.h"
#include "act/python_manifest.h"

#include <limits.h>

typedef struct bs_managed_python {
    char executable[PATH_MAX];
    char version[16];
} bs_managed_python;

typedef struct bs_python_install_options {
    const char *root;
    const char *series;        /* "3.11" */
    const char *manifest_json; /* the table to choose from */
    const char *mirror_prefix; /* --python-mirror, or NULL */
    const char *os, *arch, *libc;
    bs_fetch_options fetch; /* cache_dir: where the build is downloaded (made if missing) */
} bs_python_install_options;

/* The managed Python in root, if its receipt is there and the interpreter runs (and, when
 * series is given, is of that series). Returns 0 or BS_E_NOT_FOUND. */
int bs_managed_python_find(const char *root, const char *series, bs_managed_python *out);
/* Installs the managed Python (nothing to do when a working one of the series is there;
 * the caller holds the root's lock, so leftovers of a killed run are removed first;
 * BS_E_USAGE when a working one of another series is there, which it would replace).
 * Returns 0, or BS_E_FILESYSTEM (no room: both numbers in err), BS_E_NETWORK,
 * BS_E_INTEGRITY (hash, hostile archive, an interpreter that does not run),
 * BS_E_NOT_FOUND (no build for this platform), BS_E_INTERRUPTED. An earlier working
 * .python is never touched by a failure. */
int bs_python_install(const bs_python_install_options *opt, bs_managed_python *out, bs_error *err);

#endif
