/*
 * fetch_xfer.h: one artifact's transfer inside fetch (internal to act/): its state across
 * attempts, the easy handle's setup and the libcurl callbacks.
 */
#ifndef BS_FETCH_XFER_H
#define BS_FETCH_XFER_H

#include "act/fetch_types.h"
#include "act/hash.h"

#include <curl/curl.h>
#include <limits.h>

typedef enum xfer_state { XFER_WAITING = 0, XFER_RUNNING, XFER_DONE } xfer_state;

/* Why the write callback stopped a transfer (curl then reports CURLE_WRITE_ERROR). */
typedef enum xfer_abort {
    ABORT_NONE = 0,
    ABORT_OVERSIZE,  /* more bytes than the pinned size */
    ABORT_BAD_RANGE, /* a 206 whose Content-Range is not the range asked for */
    ABORT_IO,        /* writing the .part file failed */
} xfer_abort;

typedef struct xfer {
    const bs_artifact *art;
    bs_fetch_result *res;
    const bs_fetch_options *opt;
    xfer_state state;
    int url_index;
    int tries;                 /* attempts at the current URL */
    bool fresh_after_mismatch; /* the one fresh download after a hash mismatch was used */
    uint64_t started_ms;       /* first attempt, for the total time budget */
    uint64_t due_ms;           /* a waiting transfer starts at or after this time */

    CURL *easy;
    struct curl_slist *headers;
    char errbuf[CURL_ERROR_SIZE];
    int fd;
    char *wbuf; /* bytes received but not yet written: fewer, larger writes */
    size_t wlen;
    uint64_t flushed_ms; /* when the buffer last went to the .part */
    int64_t offset;      /* bytes in .part when this attempt started */
    int64_t written;     /* bytes in .part now */
    bs_sha256 hash;      /* over bytes 0..written */
    uint64_t last_progress_ms;

    /* the current response (reset at every status line: redirects have several) */
    long status;
    bool body_seen;
    bool discard; /* an error page: never written into the artifact */
    char etag[256];
    char last_modified[64];
    char content_range[128];
    long retry_after_s;
    xfer_abort abort_reason;

    char part_path[PATH_MAX];
    char meta_path[PATH_MAX];
    char final_path[PATH_MAX];
} xfer;

/* A pin may lack a size (python-build-standalone's table gives only hashes): then the
 * hash alone decides, and unknown_size_cap bounds what a server may send. */
static inline bool xfer_size_known(const xfer *x)
{
    return x->art->size > 0;
}

static inline int64_t xfer_cap(const xfer *x)
{
    return xfer_size_known(x) ? x->art->size : x->opt->unknown_size_cap;
}

/* Opens .part, hashes what it holds, and prepares the easy handle for the current URL
 * (Range + If-Range when resuming). Returns 0 or an error code (res->err filled). */
int xfer_begin(xfer *x);
/* Writes what is buffered to .part; 0 or -errno. */
int xfer_flush(xfer *x);
/* Releases the easy handle, headers, hash and file of the attempt; the .part stays. */
void xfer_end_attempt(xfer *x);
/* Empties .part (and its validator): the next attempt starts from zero. */
void xfer_discard_part(xfer *x);

#endif
