/*
 * backend.h: which PyTorch build an install uses, as a pure function of GPU facts, OS,
 * arch, the InvokeAI version and an optional user override. The era table (assets/
 * invokeai_releases.json) names each era's index per GPU class; the CUDA table
 * (assets/cuda_drivers.json) says which driver each CUDA build needs and which GPU
 * generations its wheels carry.
 */
#ifndef BS_BACKEND_H
#define BS_BACKEND_H

#include "core/error.h"
#include "decide/check.h"
#include "core/tables.h"
#include "core/facts.h"

typedef struct bs_backend_choice {
    char backend[16]; /* cu128, rocm7.1, cpu, mps, xpu, or cuda (a CUDA build from the default
                         index) */
    char index[16];   /* the PyTorch index name (cu128, cpu, rocm7.1, xpu) or "default" */
    bs_family family;
    char reason[320];
    bool xformers;           /* install InvokeAI's xformers extra */
    bool gpu_unused;         /* a GPU is present but this build will not use it */
    bs_status driver_status; /* NVIDIA: the driver against this build; PASS elsewhere */
    char driver_needed[32];  /* the lowest driver that would run the wanted CUDA build */
    char driver_note[320];
} bs_backend_choice;

/* The era row for an InvokeAI version (NULL or "latest": the newest era), or NULL. */
const bs_era *bs_era_for(const bs_tables *t, const char *version);
/* The CUDA table row for a backend name, or NULL. */
const bs_cuda_build *bs_cuda_build_for(const bs_tables *t, const char *backend);

/* Chooses the backend. override is NULL or "auto" for automatic, else one of cpu, cuda,
 * cuXYZ, rocm, rocmX.Y, mps, xpu. Returns 0, or BS_E_USAGE (err says why) when the
 * override is unknown or impossible on this machine (rocm on Windows, mps off a Mac). */
int bs_choose_backend(const bs_facts *f, const bs_tables *t, const char *version,
                      const char *override, bs_backend_choice *out, bs_error *err);

/* Whether the index named (cu128, cu126, ...) publishes the torch this InvokeAI pins; the
 * caller looks (install reads the index pages), so the decision itself stays pure. */
typedef bool (*bs_torch_available_fn)(void *user, const char *index_name);

/* bs_choose_backend, but a CUDA build whose index lacks the pinned torch is passed over
 * for the next fallback, as one the driver cannot run is. available NULL: assume yes. */
int bs_choose_backend_for(const bs_facts *f, const bs_tables *t, const char *version,
                          const char *override, bs_torch_available_fn available, void *user,
                          bs_backend_choice *out, bs_error *err);

#endif
