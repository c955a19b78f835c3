/*
 * parse_pip.h: what pip and the venv's Python tell us after an install. pip's
 * installation report (`pip install --report`, version "1", shared/data/pip-report.md)
 * names each distribution it installed with its URL and SHA-256 (in either the legacy
 * "hash" or the "hashes" form); the torch answer is the JSON our verify script prints.
 */
#ifndef BS_PARSE_PIP_H
#define BS_PARSE_PIP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_installed_dist {
    char name[96]; /* normalised */
    char version[64];
    char url[1024];
    char sha256[65]; /* "" when pip had none (old cache entries) */
    bool requested;
} bs_installed_dist;

typedef struct bs_pip_report {
    bs_installed_dist *items; /* owned */
    size_t count;
    char pip_version[32];
} bs_pip_report;

void bs_pip_report_init(bs_pip_report *r);
void bs_pip_report_free(bs_pip_report *r);
/* Parses a report; returns 0, BS_E_PARSE (not a version "0"/"1" report) or BS_E_NOMEM.
 * Items are appended, so the reports of several pip runs can be collected in one. */
int bs_pip_report_parse(const char *json, bs_pip_report *out);
/* The item for a normalised name, or NULL. */
const bs_installed_dist *bs_pip_report_find(const bs_pip_report *r, const char *name);

/* What the verify script found in the venv. Empty strings for what is missing. */
typedef struct bs_torch_answer {
    char python[32];
    char torch[64];      /* torch.__version__, "2.7.1+cu128" */
    char cuda[16];       /* torch.version.cuda */
    char hip[32];        /* torch.version.hip */
    bool available;      /* the build's accelerator is usable now */
    char device[128];    /* its name, when available */
    char arch_list[256]; /* torch.cuda.get_arch_list(), space separated */
    char torchvision[64];
    char xformers[64];
    char invokeai[64];
    bool has_web;      /* the invokeai-web entry point exists */
    int files_changed; /* files under torch/lib that differ from pip's RECORD (-1: not checked) */
    char changed_example[160];
    char error[256]; /* the import error, if torch did not import */
} bs_torch_answer;

int bs_torch_answer_parse(const char *json, bs_torch_answer *out);

#endif
