/*
 * cudnn.h: the rules of the cuDNN swap on Windows, as pure functions: reading cuDNN
 * versions from DLL names, archive names, cudnn_version.h and torch's runtime number, and
 * deciding whether an archive may go into a given torch. Facts: data/cudnn-windows.md.
 */
#ifndef BS_DECIDE_CUDNN_H
#define BS_DECIDE_CUDNN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_cudnn_version {
    unsigned major, minor, patch, build; /* major 0: unknown; build 0: not known */
} bs_cudnn_version;

/* The major version in a cuDNN DLL's name ("cudnn64_9.dll", "CUDNN_OPS64_9.DLL" -> 9), or
 * -1 when the name is not a cuDNN DLL. */
int bs_cudnn_dll_major(const char *name);
/* Whether the name is the loader DLL every cuDNN set has (cudnn64_<major>.dll). */
bool bs_cudnn_dll_is_shim(const char *name);

/* NVIDIA's archive name, with or without ".zip" and folders before it:
 * cudnn-windows-x86_64-9.10.2.21_cuda12-archive -> 9.10.2.21, CUDA 12 ("cuda11.5" -> 11).
 * Returns 0 or BS_E_PARSE. */
int bs_cudnn_parse_archive_name(const char *name, bs_cudnn_version *v, int *cuda_major);
/* CUDNN_MAJOR, CUDNN_MINOR and CUDNN_PATCHLEVEL from cudnn_version.h. 0 or BS_E_PARSE. */
int bs_cudnn_parse_version_header(const char *text, bs_cudnn_version *v);
/* torch.backends.cudnn.version(): 8700 is 8.7.0, 91002 is 9.10.2 (cuDNN 9 "added a zero"). */
void bs_cudnn_from_runtime(long n, bs_cudnn_version *v);
/* Compares two known versions part by part; build only when both know it. */
int bs_cudnn_compare(const bs_cudnn_version *a, const bs_cudnn_version *b);
/* "9.10.2.21", "9.10.2" (no build), "9.x" (major only) or "unknown". */
void bs_cudnn_format(const bs_cudnn_version *v, char *out, size_t size);

/* The CUDA major a torch build targets, from its local label: "2.7.1+cu128" -> 12,
 * "+cu118" -> 11, "+cu130" -> 13; 0 for a build that is not CUDA. */
int bs_torch_cuda_major(const char *torch_version);

typedef struct bs_cudnn_patch_facts {
    const char *torch;            /* torch's version with its label, "2.7.1+cu128" */
    int torch_dll_major;          /* from the cudnn*64_N.dll names in torch\lib; 0: none */
    bs_cudnn_version torch_cudnn; /* what torch\lib holds now */
    bs_cudnn_version floor;       /* the lowest torch accepts: the version it was built with */
    bs_cudnn_version archive;     /* what the archive holds */
    int archive_cuda_major;       /* 0: the archive does not say */
    int archive_dll_major;
    const char *compute_capability; /* the NVIDIA GPU's "8.6", or "" when none was seen */
} bs_cudnn_patch_facts;

typedef enum bs_cudnn_verdict {
    BS_CUDNN_PATCH,   /* go ahead */
    BS_CUDNN_SAME,    /* torch already has exactly this version: nothing to do */
    BS_CUDNN_REFUSED, /* why and hint say what is wrong and what to use instead */
} bs_cudnn_verdict;

typedef struct bs_cudnn_advice {
    char why[320];
    char hint[320];
    char warning[320]; /* set with BS_CUDNN_PATCH when something could not be checked */
} bs_cudnn_advice;

/* Decides whether the archive may replace torch's cuDNN. */
bs_cudnn_verdict bs_cudnn_check_patch(const bs_cudnn_patch_facts *f, bs_cudnn_advice *out);

#endif
