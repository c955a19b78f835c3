/*
 * checks.h: doctor's requirement checks, as pure functions of facts (+ tables + the
 * backend choice). Each check has a stable id that scripts rely on, a status, a one-line
 * summary and, for warn and fail, a one-line fix a person can act on.
 */
#ifndef BS_CHECKS_H
#define BS_CHECKS_H

#include "decide/backend.h"
#include "decide/check.h"

#include <stddef.h>

#define BS_MAX_CHECKS 16

typedef struct bs_python_verdict {
    bool usable;
    char note[160];
} bs_python_verdict;

typedef struct bs_report {
    bs_check checks[BS_MAX_CHECKS];
    int count;
    bs_backend_choice backend;
    bs_python_verdict pythons[BS_MAX_PYTHONS]; /* parallel to facts->pythons */
    int python_choice;            /* index into facts->pythons, or -1: install the managed one */
    char python_recommended[520]; /* a path, or "managed 3.11" */
    char cudnn_note[400];         /* information, not a check: "" or what `cudnn` can do here */
} bs_report;

typedef struct bs_check_options {
    const char *version; /* InvokeAI version to check for; NULL = latest */
    const char *backend; /* --backend override; NULL = auto */
    const char *root;    /* the install root (long-path arithmetic); NULL = unknown */
} bs_check_options;

/* Runs every check. Returns 0, or BS_E_USAGE when the options are impossible here (an
 * impossible --backend); err says why. */
int bs_run_checks(const bs_facts *f, const bs_tables *t, const bs_check_options *opt,
                  bs_report *out, bs_error *err);
/* Worst status over all checks. */
bs_status bs_report_worst(const bs_report *r);

/* The individual rules, for table-driven tests. */
void bs_check_os(const bs_facts *f, const bs_tables *t, bs_check *c);
void bs_check_gpu(const bs_facts *f, bs_check *c);
void bs_check_gpu_problematic(const bs_facts *f, const bs_tables *t, bs_check *c);
void bs_check_vram(const bs_facts *f, const bs_tables *t, bs_check *c);
void bs_check_ram(const bs_facts *f, const bs_tables *t, bs_check *c);
void bs_check_disk(const bs_facts *f, const bs_tables *t, const bs_backend_choice *b, bs_check *c);
void bs_check_tmpfs(const bs_facts *f, const bs_tables *t, const bs_backend_choice *b, bs_check *c);
void bs_check_python(const bs_facts *f, const bs_tables *t, const char *version, bs_report *r,
                     bs_check *c);
void bs_check_driver(const bs_facts *f, const bs_backend_choice *b, bs_check *c);
void bs_check_backend(const bs_facts *f, const bs_backend_choice *b, bs_check *c);
/* Windows with a GPU of the cuDNN-swap table (RTX 30xx/40xx): a note about `cudnn`. */
void bs_note_cudnn(const bs_facts *f, const bs_tables *t, char *out, size_t size);

#endif
