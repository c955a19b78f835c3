/*
 * cudnn_torch.h: what torch in an install's venv has of cuDNN, found from the files
 * alone (no Python needed): the venv's layout (Windows: Lib\site-packages and
 * Scripts\python.exe; elsewhere lib/pythonX.Y/site-packages), torch's version from its
 * dist-info, the cudnn*64_N.dll set in torch\lib and the version resource of its loader
 * DLL; and, when the venv's Python can run, torch's own answer (the smoke test).
 */
#ifndef BS_CUDNN_TORCH_H
#define BS_CUDNN_TORCH_H

#include "core/error.h"
#include "decide/cudnn.h"

#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#define BS_CUDNN_MAX_DLLS 64

typedef struct bs_torch_lib {
    bool windows_layout;
    char venv[PATH_MAX];
    char python[PATH_MAX];
    char site[PATH_MAX];      /* site-packages */
    char lib[PATH_MAX];       /* site-packages/torch/lib (Windows layout only) */
    char torch[64];           /* "2.7.1+cu128", from torch-<version>.dist-info */
    char record_sha256[65];   /* of that dist-info's RECORD: changes when torch is reinstalled */
    int dll_major;            /* the N of cudnn64_N.dll; 0: none */
    bs_cudnn_version version; /* the version resource of cudnn64_N.dll (major 0: none) */
    char dlls[BS_CUDNN_MAX_DLLS][128]; /* every cudnn*.dll in torch\lib, any major */
    int dll_count;
    char wheel[96]; /* elsewhere: "nvidia-cudnn-cu12 9.10.2.21" when that wheel is installed */
} bs_torch_lib;

/* Looks at <root>/.venv. Returns 0, or BS_E_NOT_FOUND (no venv, or no torch in it: err
 * says which and what to run). */
int bs_torch_lib_find(const char *root, bs_torch_lib *t, bs_error *err);

/* The version resource of a PE file on disk (cudnn64_9.dll -> 9.10.2.21). 0,
 * BS_E_NOT_FOUND (none) or BS_E_PARSE. */
int bs_pe_version_of_file(const char *path, bs_cudnn_version *v);

/* torch's own view, from `import torch` in the venv. */
typedef struct bs_torch_cudnn_answer {
    char torch[64];
    long cudnn;      /* torch.backends.cudnn.version(), 0: none */
    bool gpu;        /* torch.cuda.is_available() */
    bool conv;       /* a small convolution ran on the GPU */
    char error[320]; /* what failed: the import, the version check, the convolution */
} bs_torch_cudnn_answer;

/* Runs the smoke test: import torch, read the cuDNN version, and on a GPU run one small
 * convolution through cuDNN. Returns 0 with a filled answer (answer->error set when torch
 * failed), or BS_E_CHILD when the venv's Python could not run at all. conv: also the
 * convolution (the test after a swap; status only asks for the version). */
int bs_torch_cudnn_smoke(const bs_torch_lib *t, bool conv, volatile sig_atomic_t *cancel,
                         bs_torch_cudnn_answer *a, bs_error *err);

#endif
