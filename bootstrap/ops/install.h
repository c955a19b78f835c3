/*
 * install.h: the install pipeline shared by `install` and `repair`: lock -> probe ->
 * plan -> Python -> venv -> packages -> verify -> launchers -> receipt. The plan is
 * resolved first (which InvokeAI release, which torch build from which index, which
 * Python) and printed before anything changes.
 */
#ifndef BS_INSTALL_H
#define BS_INSTALL_H

#include "act/fetch.h"
#include "act/receipt.h"
#include "act/root_lock.h"
#include "act/resolution.h"
#include "ops/request.h"
#include "ops/python_step.h"
#include "decide/backend.h"
#include "decide/checks.h"
#include "decide/resolve.h"
#include "ops/session.h"
#include "core/facts.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>

#define BS_INSTALL_PAGES 8

/* The steps an install can run, in order; the plan says which this one runs. */
typedef enum bs_step {
    BS_STEP_OS_DEPS = 0, /* the OS packages (or VC++ runtime, long paths, Xcode tools) */
    BS_STEP_PYTHON,      /* the managed Python into <root>/.python */
    BS_STEP_VENV,
    BS_STEP_PACKAGES, /* torch and InvokeAI, from the prefetched wheels or by pip */
    BS_STEP_VERIFY,
    BS_STEP_LAUNCHERS,
    BS_STEP_RECEIPT,
    BS_STEP_COUNT
} bs_step;

/* "os-deps", "python", "venv", "packages", "verify", "launchers", "receipt". */
const char *bs_step_name(bs_step step);

typedef struct bs_install {
    bs_session *s; /* the run's: events, the cancel flag, the root's paths */
    bs_config cfg; /* a copy: the wizard may change root, version and backend */
    const bs_tables *t;
    bs_facts facts;
    bs_report report;
    bs_fetch_options fo;   /* the session's, with the cache's downloads folder */
    const char *index_url; /* NULL when offline */
    char torch_base[1024];
    /* The plan. */
    bool python_chosen; /* py was chosen already (a bundle for another platform) */
    bs_py_choice py;
    char py_minor[16];
    char version[64];
    bs_index_file invokeai_file; /* the release's wheel on the package index */
    char extras[32];
    char torch_spec[128];
    bs_backend_choice backend;
    bool backend_forced;    /* chosen with --backend (kept by later runs until another) */
    char torch_index[1100]; /* the backend's index URL; "" offline */
    char torch_version[64];
    bs_index_file torch_file;     /* the wheel the plan chose (filename "" when none) */
    char torchvision_version[64]; /* pinned for labelled backends, "" = pip chooses */
    bool float32;
    char float32_why[160];
    bool steps[BS_STEP_COUNT]; /* which steps this plan runs (execution reads it) */
    /* Repair. */
    bool force_torch;
    bool recreate_venv;
    /* Index pages read while planning, by index name ("invokeai" for the package index). */
    struct {
        char name[48];
        bs_index_page page;
    } pages[BS_INSTALL_PAGES];
    int page_count;
    int lookup_rc; /* a network failure inside the backend decision */
    bs_error lookup_err;
    /* Prefetch (install_prefetch.c). */
    bs_resolution prefetch; /* the wheel set, once resolved */
    bool prefetch_ready;    /* ... and every wheel of it fetched */
    bool lock_tried;        /* the release's uv.lock was asked already */
} bs_install;

/* Sets up the context for one run of the session from the request. */
void bs_install_init(bs_install *in, bs_session *s, const bs_config *cfg);
void bs_install_free(bs_install *in);
/* Points the context and the session at another root (the wizard's answer, as typed: it is
 * made absolute). Returns 0 or BS_E_USAGE. */
int bs_install_set_root(bs_install *in, const char *typed_root, bs_error *err);
void bs_install_probe(bs_install *in);

/* Resolves the plan for InvokeAI want ("latest" or X.Y.Z) with backend override (NULL =
 * auto). Network: the package index and the backend indexes (or --find-links only). */
int bs_install_plan(bs_install *in, const char *want, const char *backend, bs_error *err);
/* The report's check with this id (for the planned backend once planned), or NULL. */
const bs_check *bs_install_check(const bs_install *in, const char *id);

/* install, step one: under the root's lock (taken into lock unless dry_run), reads the
 * receipt of the install there (*have_prior; prior is filled) and, when it already is what
 * the request asks for and still answers, sets *nothing_to_do (the launchers are rewritten);
 * else plans InvokeAI want (NULL: the installed version, else latest). Returns 0 or an error. */
int bs_install_prepare(bs_install *in, const char *want, bs_root_lock *lock, bs_receipt *prior,
                       bool *have_prior, bool *nothing_to_do, bs_error *err);
/* repair, step one: under the lock, the receipt says what should be there (r); the venv is
 * checked against it; *nothing_to_do when it answers as it should (and no other backend or
 * --full was asked for), else the plan that puts it back. BS_E_NOT_FOUND without a receipt. */
int bs_repair_prepare(bs_install *in, bs_root_lock *lock, bs_receipt *r, bool *nothing_to_do,
                      bs_error *err);
/* Step two for both: refuses a fresh install the disk cannot hold (for the planned build),
 * then carries the plan out. prior: the receipt of the install being replaced, or NULL. */
int bs_install_commit(bs_install *in, const bs_receipt *prior, bs_error *err);

/* Carries the plan out (the caller holds the root lock). prior: the receipt of the install
 * being upgraded or repaired, or NULL. */
int bs_install_execute(bs_install *in, const bs_receipt *prior, bs_error *err);

/* Installs the whole plan in one pip run from wheels our fetch engine downloaded first
 * (parallel, resumable, hash-checked), resolved from the cache, InvokeAI's uv.lock or
 * pip's dry-run report. Returns 0 when done, 1 when it does not apply here (offline, a
 * wheel folder, repair of torch, no resolution to be had without downloading everything:
 * the caller lets pip install as before), or an error. */
/* The planned release's uv.lock (from --lock-url's base, or GitHub's with the default
 * indexes) walked with python for this machine (platform NULL) or another ("windows-x86_64",
 * ...), checked to pin the planned torch build, with InvokeAI's own wheel added and every
 * wheel pinned by hash. Returns 0, BS_E_NOT_FOUND (no lock for the release), BS_E_NETWORK,
 * BS_E_PARSE (a lock that cannot serve the plan: err says why) or another error. */
int bs_install_lock(bs_install *in, const char *python, const char *platform, bs_resolution *r,
                    bs_error *err);
/* A wheel from the index, pinned by its SHA-256, kept as <cache>/downloads/wheels/<name>:
 * re-hashed and reused when there, else fetched (resumable). path: the kept file. */
int bs_install_keep_wheel(bs_install *in, const bs_index_file *f, char *path, size_t size,
                          bs_error *err);
/* Whether python can run the lock reader (tomllib, and pip's vendored packaging). */
bool bs_install_reads_locks(const bs_install *in, const char *python);
/* Whether the planned release has a lock worth fetching (6.14 or later, and a lock base:
 * --lock-url, or the default indexes). */
bool bs_install_has_lock(const bs_install *in);
/* Fetches the wheels of r that have no SHA-256, pinning each to what it turned out to be
 * (a warning says so once). Returns 0 or the fetch's error. */
int bs_install_pin_unhashed(bs_install *in, bs_resolution *r, bs_error *err);
/* The first half, for a venv that does not exist yet, to run while another thread makes
 * it: the kept resolution, else the release's lock read by python (the interpreter the
 * venv is made from, when it has pip), and every wheel fetched. Returns 0 (ready), 1 (not
 * this early: bs_install_prefetched resolves in the venv) or an error. */
int bs_install_prefetch_early(bs_install *in, const char *python, bs_error *err);
int bs_install_prefetched(bs_install *in, const char *vpy, const char *cert, bs_pip_report *rep,
                          bs_error *err);

/* A line for the person watching: a BS_EV_PHASE event ("==> ..." on a terminal). */
void bs_install_say(bs_install *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
