/*
 * venv.h: the install's virtual environment (<root>/.venv, prompt "invoke") and running
 * Python and pip inside it, isolated from the user's settings: `python -I` (no PYTHON*
 * variables, no user site), PIP_* variables dropped, every pip configuration file
 * ignored (PIP_CONFIG_FILE=os.devnull), --no-input. Proxies (HTTPS_PROXY, NO_PROXY) still
 * apply, as they must behind a corporate proxy.
 */
#ifndef BS_VENV_H
#define BS_VENV_H

#include "core/error.h"
#include "core/events.h"
#include "platform/platform.h"
#include "probe/parse_pip.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* <root>/.venv and its interpreter for this OS ("windows": Scripts\python.exe). */
int bs_venv_dir(const char *root, char *out, size_t size);
int bs_venv_python(const char *root, const char *os, char *out, size_t size);

/* The environment a child Python gets: ours without PIP_*, PYTHON*, VIRTUAL_ENV and
 * CONDA_PREFIX, plus PIP_CONFIG_FILE pointing at the null device; with own_ca_bundle
 * (we pass pip --cert) also without REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE. NULL-ended
 * array; free with bs_child_env_free. */
char **bs_child_env(const char *os, bool own_ca_bundle);
void bs_child_env_free(char **env);

/* Makes sure the venv exists and runs on a Python of python_version's major.minor with
 * pip importable; re-creates it (removing the old one) when it is broken, of another
 * minor version, or recreate is set. *created says whether it was made now. Returns 0,
 * BS_E_CHILD (venv failed: its last lines in err), BS_E_FILESYSTEM or BS_E_INTERRUPTED. */
int bs_venv_ensure(const char *root, const char *os, const char *python, const char *python_version,
                   bool recreate, volatile sig_atomic_t *cancel, const bs_events *ev, bool *created,
                   bs_error *err);

typedef struct bs_pip_request {
    const char *venv_python;
    const char *os;
    const char *const *requirements; /* NULL-ended */
    const char *index_url;           /* --index-url (NULL with no_index) */
    const char *extra_index_url;     /* or NULL */
    const char *find_links;          /* or NULL */
    bool no_index;
    const char *constraints; /* a constraints file, or NULL */
    const char *cert;        /* CA bundle for pip (--cert), or NULL for pip's default */
    const char *cache_dir;   /* pip's cache (completed downloads survive a failed run) */
    const char *report_path; /* where pip writes its installation report */
    bool force_reinstall;
    bool no_deps;
    bool dry_run;                  /* --dry-run --ignore-installed: resolve, install nothing */
    const char *requirements_file; /* -r FILE (pinned with hashes: --require-hashes), or NULL */
    const char *step;              /* event step name */
    volatile sig_atomic_t *cancel;
    const bs_events *events;
} bs_pip_request;

/* Runs `python -I -m pip install ...` and appends pip's report to report. Returns 0,
 * BS_E_CHILD (pip failed; its last lines in err), BS_E_INTERRUPTED or BS_E_NOMEM. */
int bs_pip_install(const bs_pip_request *r, bs_pip_report *report, bs_error *err);

/* Runs the verify script in the venv. quick: only package versions from metadata (no
 * torch import, for the fast "already installed" check); files: also compare torch/lib
 * against pip's RECORD. Returns 0 with *answer filled, or BS_E_CHILD. */
int bs_venv_verify(const char *venv_python, const char *os, bool quick, bool files,
                   bs_torch_answer *answer, bs_error *err);

/* Runs argv (argv[0]: the venv's Python) isolated like pip, for scripts of our own.
 * Returns 0 when it exited 0 (output in res, free with plat_run_result_free), else
 * BS_E_CHILD with its last lines in err, or BS_E_INTERRUPTED. */
int bs_venv_run(const char *const argv[], const char *os, int timeout_ms,
                volatile sig_atomic_t *cancel, plat_run_result *res, const char *what,
                bs_error *err);

#endif
