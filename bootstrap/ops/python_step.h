/*
 * python_step.h: the Python an install uses, shared by `python find|install` and the
 * install pipeline: the managed one in the root, else a usable system one, else the
 * managed one to be installed; and installing it.
 */
#ifndef BS_PYTHON_STEP_H
#define BS_PYTHON_STEP_H

#include "act/fetch.h"
#include "act/python_install.h"
#include "ops/request.h"
#include "core/tables.h"
#include "core/facts.h"

typedef struct bs_py_choice {
    char path[1024]; /* "" when the managed one is still to be installed */
    char version[32];
    const char *source; /* managed, system, path, install */
    char reason[256];
} bs_py_choice;

/* Chooses the Python for InvokeAI version (NULL: the newest era) as `python find` does. */
int bs_choose_python(const bs_config *cfg, const bs_tables *t, bs_facts *f, const char *version,
                     bs_py_choice *c, bs_error *err);

/* The table of Python builds: a bundle's, --python-manifest (file or https URL), or the
 * built-in one. *text is malloc'd. */
int bs_load_python_manifest(const bs_config *cfg, const bs_fetch_options *fo, char **text,
                            bs_error *err);
/* The manifest's libc key for these facts: "gnu", "musl", or "none" off Linux. */
const char *bs_python_libc(const bs_facts *f);

/* Installs the managed Python (the caller holds the root lock). */
int bs_install_managed_python(const bs_config *cfg, const bs_facts *f, const bs_fetch_options *fo,
                              bs_managed_python *m, bs_error *err);

#endif
