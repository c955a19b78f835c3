/*
 * unpack.h: extracting archives under one path policy (act/path_policy.h): tar with
 * gzip, xz or zstd (libarchive) and zip (minizip). Extraction goes into an empty staging
 * directory that the caller made on the same filesystem as the final place and renames
 * into place afterwards; nothing is ever extracted over an existing tree. Links may not
 * leave the root, devices and FIFOs are refused, special mode bits are masked, and the
 * total size and entry count are capped.
 */
#ifndef BS_UNPACK_H
#define BS_UNPACK_H

#include "core/error.h"

#include <stdint.h>

typedef struct bs_unpack_limits {
    uint64_t max_total_bytes; /* sum of entry sizes */
    uint64_t max_entries;
} bs_unpack_limits;

/* Extracts a tar archive (optionally gzip/xz/zstd compressed) into staging_dir, which
 * must exist and be empty. Returns 0, BS_E_INTEGRITY for a refused entry (err names it
 * and says why), or another code. On failure staging_dir may hold part of the archive:
 * the caller removes it. */
int bs_unpack_tar(const char *archive, const char *staging_dir, const bs_unpack_limits *lim,
                  bs_error *err);
/* The same, reading the (compressed) tar stream from fd until EOF: extraction while a
 * download is still arriving. The caller must not trust the result before the bytes'
 * hash is verified, and renames nothing into place until then. */
int bs_unpack_tar_fd(int fd, const char *staging_dir, const bs_unpack_limits *lim, bs_error *err);
/* The same for a zip archive. */
int bs_unpack_zip(const char *archive, const char *staging_dir, const bs_unpack_limits *lim,
                  bs_error *err);

#endif
