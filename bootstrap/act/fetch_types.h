/*
 * fetch_types.h: what a download is (an artifact pinned by SHA-256 and size, with its
 * mirrors), the settings of the fetch engine, and what came of each download. Shared by
 * the engine's interface (fetch.h) and its transfer machinery (fetch_xfer.h).
 */
#ifndef BS_FETCH_TYPES_H
#define BS_FETCH_TYPES_H

#include "core/error.h"
#include "core/events.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
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

#endif
