/*
 * backend_request.h: the grammar of a backend name, in one place. What a person asks for
 * with --backend (or the wizard, or an earlier run's receipt) is parsed once into a typed
 * request: automatic, a kind of build (cpu, cuda, rocm, mps, xpu) or one exact build
 * (cu128, rocm6.3). Everything that compares or decides backends takes the request.
 */
#ifndef BS_BACKEND_REQUEST_H
#define BS_BACKEND_REQUEST_H

#include "core/error.h"
#include "core/tables.h"

#include <stdbool.h>

typedef enum bs_backend_kind {
    BS_BACKEND_AUTO = 0, /* decided from the machine */
    BS_BACKEND_CPU,
    BS_BACKEND_CUDA,       /* any CUDA build: the era's, with its fallbacks */
    BS_BACKEND_CUDA_BUILD, /* one CUDA build: cuXYZ */
    BS_BACKEND_ROCM,       /* the era's ROCm build */
    BS_BACKEND_ROCM_BUILD, /* one ROCm build: rocmX.Y */
    BS_BACKEND_MPS,
    BS_BACKEND_XPU,
} bs_backend_kind;

typedef struct bs_backend_request {
    bs_backend_kind kind;
    char name[16]; /* as written ("cu128", "rocm6.3", "cpu"); "auto" for automatic */
} bs_backend_request;

/* Parses a backend name: auto (or NULL/empty), cpu, cuda, cuXYZ, rocm, rocmX.Y, mps, xpu.
 * Returns 0, or BS_E_USAGE with err naming what was expected. */
int bs_backend_request_parse(const char *text, bs_backend_request *out, bs_error *err);
/* The family of builds a request asks for (automatic: BS_FAMILY_COUNT, none yet). */
bs_family bs_backend_request_family(const bs_backend_request *r);
/* The family of a backend name as builds and receipts spell it (cu128, cuda, rocm6.3, mps,
 * xpu, cpu); a name that is none of these counts as CPU. */
bs_family bs_backend_family(const char *backend);
/* Whether an installed backend (its name and index, as the receipt has them) is what the
 * request asks for: the same build, or any build of the kind asked for ("cuda" matches
 * cu126). An automatic request matches nothing here: the caller decides it first. */
bool bs_backend_request_matches(const bs_backend_request *r, const char *backend,
                                const char *index);

#endif
