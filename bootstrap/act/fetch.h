/*
 * fetch.h: downloads that can be trusted. Each artifact is pinned by SHA-256 and size and
 * may have several URLs (mirrors, tried in order). Bytes are hashed as they arrive into
 * <cache>/<sha256>.part; a broken transfer resumes with Range + If-Range; the file is
 * renamed to <cache>/<sha256> only when size and hash match. HTTPS only, redirects too.
 * Several artifacts download at once (libcurl multi), up to a cap.
 */
#ifndef BS_FETCH_H
#define BS_FETCH_H

#include "core/error.h"
#include "core/events.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#define BS_FETCH_MAX_URLS 8

typedef struct bs_artifact {
    const char *name; /* shown in progress and errors */
    const char *urls[BS_FETCH_MAX_URLS];
    int url_count;
    const char *sha256; /* 64 lowercase hex digits; NULL: unpinned (see below) */
    int64_t size;       /* pinned size in bytes; 0 when the pin has none (hash only) */
} bs_artifact;
/* An unpinned artifact (a wheel whose index gives no hash) is trusted on first download:
 * its .part is named after its first URL, so a dropped download still resumes, and the
 * finished file is stored under the SHA-256 it turned out to have (in the result). The
 * caller keeps that hash and pins every later use to it. */

typedef struct bs_fetch_options {
    const char *cache_dir;    /* where <sha256> and <sha256>.part live (created if missing) */
    const char *cacert;       /* an extra CA bundle (--cacert), added to the system store */
    int max_parallel;         /* transfers at once (default 4) */
    long connect_timeout_s;   /* default 30 */
    long low_speed_bytes;     /* abort below this many bytes/s ... (default 1024) */
    long low_speed_time_s;    /* ... for this long (default 60) */
    int max_tries;            /* attempts per URL for transient failures (default 5) */
    long max_total_s;         /* time budget per artifact for retries (default 900) */
    long backoff_base_ms;     /* first retry delay, doubled each time, with jitter (default 1000) */
    long retry_after_cap_s;   /* the most a Retry-After is honoured (default 60) */
    int64_t unknown_size_cap; /* the most bytes accepted for a pin without size (1 GiB) */
    volatile sig_atomic_t *cancel; /* set (by a signal handler) to stop all transfers */
    /* Optional: sees every body byte that goes into a .part, with its offset in the file, as
     * it arrives (a restart shows as an offset that goes back). The bytes are not verified
     * yet: whoever looks must not trust them until bs_fetch says the hash matched. */
    void (*tee)(void *user, const char *data, size_t len, int64_t offset);
    void *tee_user;
    const bs_events *events;
} bs_fetch_options;

typedef struct bs_fetch_result {
    int rc;           /* 0 or the failure's code (BS_E_NETWORK, BS_E_INTEGRITY, ...) */
    bs_error err;     /* what went wrong, naming the URL */
    char path[1024];  /* the verified file in the cache */
    bool reused;      /* it was in the cache already (re-hashed before reuse) */
    int64_t received; /* body bytes received in this run, across attempts */
    char sha256[65];  /* the verified file's SHA-256 (for an unpinned one, what it had) */
} bs_fetch_result;

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
