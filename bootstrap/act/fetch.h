/*
 * fetch.h: downloads that can be trusted. Each artifact is pinned by SHA-256 and size and
 * may have several URLs (mirrors, tried in order). Bytes are hashed as they arrive into
 * <cache>/<sha256>.part; a broken transfer resumes with Range + If-Range; the file is
 * renamed to <cache>/<sha256> only when size and hash match. HTTPS only, redirects too.
 * Several artifacts download at once (libcurl multi), up to a cap.
 */
#ifndef BS_FETCH_H
#define BS_FETCH_H

#include "act/fetch_types.h"
#include "core/error.h"
#include "core/events.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

/* Defaults as documented above; cache_dir must still be set. */
void bs_fetch_options_init(bs_fetch_options *opt);
/* Downloads every artifact; res[i] says how each ended. Returns 0 when all succeeded,
 * BS_E_INTERRUPTED when cancelled (.part files kept for the next run), else the code of
 * the first failure. */
int bs_fetch(const bs_artifact *arts, int count, const bs_fetch_options *opt, bs_fetch_result *res);

/* bs_fetch, with the first failure's description copied into err. */
int bs_fetch_all(const bs_artifact *arts, int count, const bs_fetch_options *opt,
                 bs_fetch_result *res, bs_error *err);

/* A small unpinned text (a manifest named by URL) into memory: HTTPS only, the same TLS
 * rules, at most max_bytes. *out is malloc'd (caller frees). Returns 0 or BS_E_NETWORK. */
int bs_fetch_text(const char *url, const bs_fetch_options *opt, size_t max_bytes, char **out,
                  bs_error *err);
/* Any small unpinned body (a signed installer, checked by its signature before use) into
 * memory: the same rules as bs_fetch_text; *len is its length (it may hold NULs). */
int bs_fetch_bytes(const char *url, const bs_fetch_options *opt, size_t max_bytes, char **out,
                   size_t *len, bs_error *err);
/* The same with an Accept header (NULL: none) and the answer's Content-Type copied into
 * content_type (may be NULL). A 404 is BS_E_NOT_FOUND. */
int bs_fetch_text_ex(const char *url, const bs_fetch_options *opt, size_t max_bytes,
                     const char *accept, char **out, char *content_type, size_t ct_size,
                     bs_error *err);

#endif
