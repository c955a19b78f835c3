/*
 * cudnn_source.h: a cuDNN for Windows as NVIDIA ships it, read in place: the zip
 * (cudnn-windows-x86_64-<version>_cuda<N>-archive.zip, through minizip, nothing extracted
 * elsewhere) or the folder it unpacks to. Every name in a zip passes the path policy
 * first; the DLLs are the cudnn*64_N.dll under bin\ or, in newer archives, bin\x64\.
 */
#ifndef BS_CUDNN_SOURCE_H
#define BS_CUDNN_SOURCE_H

#include "act/cudnn_torch.h"
#include "core/error.h"
#include "decide/cudnn.h"

#include <limits.h>
#include <stdint.h>

typedef struct bs_cudnn_source_dll {
    char name[128];        /* cudnn_ops64_9.dll */
    char member[PATH_MAX]; /* its path in the zip, or its file in the folder */
    uint64_t size;
} bs_cudnn_source_dll;

typedef struct bs_cudnn_source {
    char path[PATH_MAX];
    void *zip; /* minizip's unzFile for a zip; NULL for a folder */
    bs_cudnn_source_dll dlls[BS_CUDNN_MAX_DLLS];
    int count;
    int dll_major;
    bs_cudnn_version version;
    const char *version_from; /* "cudnn_version.h", "cudnn64_N.dll", "the archive's name" */
    int cuda_major;           /* from the name; 0 when it does not say */
} bs_cudnn_source;

/* Opens and checks a zip or folder. Returns 0, BS_E_NOT_FOUND (no such file),
 * BS_E_INTEGRITY (a refused name, a damaged zip, no cuDNN DLLs, DLLs of two majors:
 * err says which). Close it with bs_cudnn_source_close even after a failure. */
int bs_cudnn_source_open(const char *path, bs_cudnn_source *s, bs_error *err);
void bs_cudnn_source_close(bs_cudnn_source *s);

/* Writes DLL i to dst (a new file), with its SHA-256. For a zip the entry's CRC and
 * declared size are checked too. */
int bs_cudnn_source_extract(bs_cudnn_source *s, int i, const char *dst, char sha[65],
                            bs_error *err);

#endif
