/*
 * verify.h: does what the venv holds match the plan? The answer of the verify script
 * (torch's version and local label, its CUDA/HIP version, whether the GPU is usable, the
 * GPU generations the build carries) is compared with what the plan promised. A GPU plan
 * with a CPU torch is the failure this installer exists to prevent.
 */
#ifndef BS_VERIFY_H
#define BS_VERIFY_H

#include "decide/backend.h"
#include "probe/parse_pip.h"

#include <stddef.h>

typedef struct bs_expectation {
    const char *invokeai; /* exact version */
    const char *torch;    /* exact torch version (with label), or NULL: any with label */
    const char *label;    /* "cu128", "rocm6.3", "cpu", "" */
    bs_family family;
    const char *compute_capability; /* NVIDIA GPU's "6.1", or "" */
    bool gpu_expected;              /* the plan uses a GPU */
} bs_expectation;

/* What an install of backend (cu128, cuda, cpu, ...) from index (cu128, default, ...)
 * should report, for the GPU g (NULL: none). The default index's torch may carry any
 * label; a GPU is expected to be usable when the build is not CPU and uses one. */
void bs_expectation_for(bs_expectation *e, const char *invokeai, const char *torch,
                        const char *backend, const char *index, const bs_gpu *g, bool gpu_unused);

/* PASS, WARN (installed right, but the GPU is not usable right now: driver, reboot) or
 * FAIL (the wrong thing is installed, or something is missing). msg says what, in one
 * sentence a user can act on. */
bs_status bs_verify_install(const bs_torch_answer *a, const bs_expectation *e, char *msg,
                            size_t size);

#endif
