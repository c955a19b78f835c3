/*
 * fetch.c: the download loop. libcurl's multi interface drives up to max_parallel
 * transfers; each finished attempt is classified (done, integrity failure, transient,
 * next mirror, final) and retried with exponential backoff and jitter, honouring
 * Retry-After, within a number of tries and a time budget.
 */
#include "act/fetch.h"
#include "act/fetch_xfer.h"
#include "act/fs_tree.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void bs_fetch_options_init(bs_fetch_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->max_parallel = 4;
    opt->connect_timeout_s = 30;
    opt->low_speed_bytes = 1024;
    opt->low_speed_time_s = 60;
    opt->max_tries = 5;
    opt->max_total_s = 900;
    opt->backoff_base_ms = 1000;
    opt->retry_after_cap_s = 60;
    opt->unknown_size_cap = (int64_t)1 << 30;
}

static const char *current_url(const xfer *x)
{
    return x->art->urls[x->url_index];
}

static void finish(xfer *x, int rc)
{
    x->state = XFER_DONE;
    x->res->rc = rc;
    if (rc == 0) {
        const char *slash = strrchr(x->final_path, '/');
        bs_strlcpy(x->res->path, x->final_path, sizeof(x->res->path));
        bs_strlcpy(x->res->sha256, slash ? slash + 1 : x->final_path, sizeof(x->res->sha256));
    }
}

/* A verified cache entry is used as it is; anything else in its place is removed. */
static bool cached_ok(xfer *x)
{
    char hex[65];
    int64_t size = 0;
    if (!x->art->sha256 || !plat_exists(x->final_path))
        return false; /* an unpinned one is not known by its hash yet */
    if (bs_sha256_file_hex(x->final_path, hex, &size) == 0 &&
        (!xfer_size_known(x) || size == x->art->size) && strcmp(hex, x->art->sha256) == 0)
        return true;
    bs_emit(x->opt->events, BS_EV_WARNING, x->art->name,
            "cached %s is damaged (hash differs): downloading it again", x->final_path);
    plat_unlink(x->final_path);
    return false;
}

/* Moves to the next mirror; false when there is none. */
static bool next_url(xfer *x)
{
    if (x->url_index + 1 >= x->art->url_count)
        return false;
    x->url_index++;
    x->tries = 0;
    /* A validator from one server means nothing to another. */
    plat_unlink(x->meta_path);
    x->due_ms = 0;
    return true;
}

/* Schedules another attempt after a transient failure, or gives up on this URL. */
static void retry_later(xfer *x, const char *why)
{
    const bs_fetch_options *o = x->opt;
    uint64_t now = plat_now_ms();
    x->tries++;
    if (x->tries >= o->max_tries || now - x->started_ms > (uint64_t)o->max_total_s * 1000u) {
        if (next_url(x))
            return;
        bs_error_set(&x->res->err, BS_E_NETWORK, "%s: %s (gave up after %d tries)", current_url(x),
                     why, x->tries);
        bs_error_hint(&x->res->err, "check the connection (or proxy) and rerun: the download "
                                    "resumes where it stopped");
        finish(x, BS_E_NETWORK);
        return;
    }
    long delay = o->backoff_base_ms << (x->tries - 1 < 10 ? x->tries - 1 : 10);
    delay = delay / 2 + (long)(rand() % (delay / 2 + 1)); /* jitter: half to full delay */
    if (x->retry_after_s >= 0) {
        long ra =
            (x->retry_after_s < o->retry_after_cap_s ? x->retry_after_s : o->retry_after_cap_s) *
            1000;
        if (ra > delay)
            delay = ra;
    }
    x->due_ms = now + (uint64_t)delay;
    bs_emit(o->events, BS_EV_WARNING, x->art->name, "%s: %s; retrying in %.1f s", current_url(x),
            why, (double)delay / 1000.0);
}

/* A failure that another mirror may not have; final when there is no other mirror. */
static void fail_or_next(xfer *x, int code, const char *why)
{
    bs_emit(x->opt->events, BS_EV_WARNING, x->art->name, "%s: %s", current_url(x), why);
    if (next_url(x))
        return;
    bs_error_set(&x->res->err, code, "%s: %s", current_url(x), why);
    finish(x, code);
}

static void verify_and_commit(xfer *x)
{
    char actual[65];
    if (bs_sha256_final_hex(&x->hash, actual) != 0) {
        finish(x, bs_error_set(&x->res->err, BS_E_INTEGRITY, "cannot hash %s", x->part_path));
        return;
    }
    if (!x->art->sha256) { /* unpinned: stored under what it turned out to be */
        char *slash = strrchr(x->final_path, '/');
        size_t room = sizeof(x->final_path) - (size_t)(slash + 1 - x->final_path);
        bs_strlcpy(slash + 1, actual, room); /* "url-<hex>" is longer: it fits */
    }
    if (!x->art->sha256 || strcmp(actual, x->art->sha256) == 0) {
        /* No fsync: a cached file is re-hashed before every reuse, so a rename that a
         * crash left ahead of its data is caught then, and 2.5 GB torch wheels do not
         * wait for the disk here. */
        int mv = plat_rename_replace(x->part_path, x->final_path);
        if (mv != 0) {
            finish(x, bs_error_set(&x->res->err, BS_E_FILESYSTEM, "cannot store %s: %s",
                                   x->final_path, strerror(-mv)));
            return;
        }
        plat_unlink(x->meta_path);
        bs_event done = {BS_EV_PROGRESS, x->art->name, NULL, (uint64_t)x->written,
                         (uint64_t)x->written};
        if (x->opt->events && x->opt->events->fn)
            x->opt->events->fn(&done, x->opt->events->user);
        finish(x, 0);
        return;
    }
    xfer_discard_part(x);
    if (!x->fresh_after_mismatch) {
        /* One fresh full download: a flipped bit in transit or a stale partial. */
        x->fresh_after_mismatch = true;
        x->due_ms = 0;
        bs_emit(x->opt->events, BS_EV_WARNING, x->art->name,
                "%s: SHA-256 mismatch, downloading it once more from the start", current_url(x));
        return;
    }
    bs_error_set(&x->res->err, BS_E_INTEGRITY, "%s: SHA-256 mismatch: expected %s, got %s",
                 current_url(x), x->art->sha256, actual);
    bs_error_hint(&x->res->err, "the server sends other bytes than the pinned ones; a mirror or "
                                "proxy may be altering downloads");
    finish(x, BS_E_INTEGRITY);
}

static void on_http_status(xfer *x)
{
    char why[96];
    long s = x->status;
    if (s == 416) {
        /* The partial may be complete already: hash what is there. */
        if (x->offset == x->art->size || !xfer_size_known(x)) {
            verify_and_commit(x);
            return;
        }
        xfer_discard_part(x);
        retry_later(x, "server refused the resume range");
        return;
    }
    if (s >= 200 && s < 300) {
        if (x->written == x->art->size || !xfer_size_known(x))
            verify_and_commit(x);
        else
            retry_later(x, "connection closed early");
        return;
    }
    snprintf(why, sizeof(why), "HTTP %ld", s);
    if (s == 408 || s == 429 || s >= 500)
        retry_later(x, why);
    else
        fail_or_next(x, BS_E_NETWORK, why);
}

static void on_done(xfer *x, CURLcode cc)
{
    long connect_code = 0;
    char why[CURL_ERROR_SIZE + 64];
    int flushed = xfer_flush(x);
    if (flushed != 0 && x->abort_reason == ABORT_NONE) {
        x->abort_reason = ABORT_IO;
        x->res->err.code = flushed;
    }
    curl_easy_getinfo(x->easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
    snprintf(why, sizeof(why), "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(cc));
    if (x->abort_reason == ABORT_OVERSIZE) {
        xfer_discard_part(x);
        snprintf(why, sizeof(why), "sent more than the %s %lld bytes",
                 xfer_size_known(x) ? "pinned" : "allowed", (long long)xfer_cap(x));
        fail_or_next(x, BS_E_INTEGRITY, why);
    } else if (x->abort_reason == ABORT_BAD_RANGE) {
        xfer_discard_part(x);
        retry_later(x, "answered the resume with a different range; restarting from zero");
    } else if (x->abort_reason == ABORT_IO) {
        finish(x, bs_error_set(&x->res->err, BS_E_FILESYSTEM, "cannot write %s: %s", x->part_path,
                               strerror(-x->res->err.code)));
    } else if (connect_code == 407) {
        finish(x, bs_error_set(&x->res->err, BS_E_NETWORK,
                               "%s: the proxy needs credentials (HTTP 407)", current_url(x)));
        bs_error_hint(&x->res->err, "put them in HTTPS_PROXY: https://user:password@proxy:port");
    } else if (cc == CURLE_OK) {
        on_http_status(x);
    } else if (cc == CURLE_PEER_FAILED_VERIFICATION || cc == CURLE_SSL_CACERT_BADFILE ||
               cc == CURLE_SSL_CERTPROBLEM || cc == CURLE_SSL_CONNECT_ERROR) {
        /* Certificate problems are final: retrying cannot make a certificate valid. */
        finish(x, bs_error_set(&x->res->err, BS_E_NETWORK, "%s: TLS: %s", current_url(x), why));
        bs_error_hint(&x->res->err, "behind a proxy that inspects TLS, pass its CA with --cacert "
                                    "FILE (or SSL_CERT_FILE)");
    } else if (cc == CURLE_COULDNT_RESOLVE_HOST || cc == CURLE_COULDNT_RESOLVE_PROXY ||
               cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_TOO_MANY_REDIRECTS) {
        if (cc == CURLE_UNSUPPORTED_PROTOCOL)
            snprintf(why, sizeof(why), "refused a redirect to a non-HTTPS URL");
        fail_or_next(x, BS_E_NETWORK, why);
    } else {
        retry_later(x, why); /* timeouts, resets, stalls, refused connections */
    }
}

static int make_paths(xfer *x, const char *cache)
{
    char url_key[70];
    const char *name = x->art->sha256;
    if (!name) { /* unpinned: the .part is known by its URL until the hash is */
        bs_sha256 h;
        char hex[65];
        bs_sha256_init(&h);
        bs_sha256_update(&h, x->art->urls[0], strlen(x->art->urls[0]));
        bs_sha256_final_hex(&h, hex);
        bs_sha256_free(&h);
        snprintf(url_key, sizeof(url_key), "url-%s", hex);
        name = url_key;
    }
    int a = snprintf(x->final_path, sizeof(x->final_path), "%s/%s", cache, name);
    int b = snprintf(x->part_path, sizeof(x->part_path), "%s/%s.part", cache, name);
    int c = snprintf(x->meta_path, sizeof(x->meta_path), "%s/%s.part.meta", cache, name);
    return a > 0 && b > 0 && c > 0 && (size_t)c < sizeof(x->meta_path) ? 0 : BS_E_USAGE;
}

static bool valid_pin(const bs_artifact *a)
{
    if (a->url_count < 1 || a->size < 0)
        return false;
    if (!a->sha256) /* unpinned: only from a URL, never a local copy */
        return strstr(a->urls[0], "://") != NULL;
    if (strlen(a->sha256) != 64)
        return false;
    return strspn(a->sha256, "0123456789abcdef") == 64;
}

/* A pin whose first URL is a local path (an offline mirror: --offline with a local
 * manifest) is copied into the cache and verified like a download. Returns true when it
 * handled the artifact (finished, well or not). */
static bool local_copy(xfer *x)
{
    const char *src = x->art->urls[0];
    char hex[65];
    int64_t size = 0;
    if (!src || strstr(src, "://"))
        return false;
    int in = plat_open(src, O_RDONLY | O_CLOEXEC, 0);
    int out =
        in >= 0 ? plat_open(x->part_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    int rc = in < 0 ? in : out < 0 ? out : 0;
    char buf[1 << 16];
    ssize_t got;
    while (rc == 0 && (got = read(in, buf, sizeof(buf))) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || write(out, buf, (size_t)got) != got)
            rc = errno ? -errno : -EIO;
    }
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0 && rc == 0)
        rc = -errno;
    if (rc != 0) {
        plat_unlink(x->part_path);
        finish(x, bs_error_set(&x->res->err, BS_E_NOT_FOUND, "%s: %s", src, bs_code_str(rc)));
        return true;
    }
    if (bs_sha256_file_hex(x->part_path, hex, &size) != 0 || strcmp(hex, x->art->sha256) != 0 ||
        (xfer_size_known(x) && size != x->art->size)) {
        plat_unlink(x->part_path);
        finish(x, bs_error_set(&x->res->err, BS_E_INTEGRITY, "%s: SHA-256 %s, expected %s", src,
                               hex, x->art->sha256));
        return true;
    }
    int mv = plat_rename_replace(x->part_path, x->final_path);
    if (mv != 0) {
        finish(x,
               bs_error_set(&x->res->err, BS_E_FILESYSTEM, "%s: %s", x->final_path, strerror(-mv)));
        return true;
    }
    finish(x, 0);
    return true;
}

/* Starts waiting transfers that are due, up to the cap. */
static void start_due(CURLM *multi, xfer *xs, int n, int *running)
{
    uint64_t now = plat_now_ms();
    for (int i = 0; i < n && *running < xs[i].opt->max_parallel; i++) {
        xfer *x = &xs[i];
        if (x->state != XFER_WAITING || x->due_ms > now)
            continue;
        if (xfer_begin(x) != 0) {
            xfer_end_attempt(x);
            finish(x, x->res->err.code ? x->res->err.code : BS_E_FILESYSTEM);
            continue;
        }
        /* The whole artifact is here already (killed after the last byte): verify it. */
        if (xfer_size_known(x) && x->offset == x->art->size) {
            verify_and_commit(x);
            xfer_end_attempt(x);
            continue;
        }
        x->state = XFER_RUNNING;
        curl_multi_add_handle(multi, x->easy);
        (*running)++;
    }
}

static void collect_done(CURLM *multi, int *running)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        xfer *x = NULL;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        curl_multi_remove_handle(multi, msg->easy_handle);
        (*running)--;
        x->state = XFER_WAITING;
        on_done(x, msg->data.result);
        xfer_end_attempt(x);
    }
}

static int run_loop(CURLM *multi, xfer *xs, int n, const bs_fetch_options *opt)
{
    int running = 0;
    for (;;) {
        if (opt->cancel && *opt->cancel)
            return BS_E_INTERRUPTED;
        start_due(multi, xs, n, &running);
        int pending = 0;
        for (int i = 0; i < n; i++)
            pending += xs[i].state != XFER_DONE;
        if (pending == 0)
            return 0;
        int still = 0;
        curl_multi_perform(multi, &still);
        collect_done(multi, &running);
        /* Short waits keep Ctrl-C and retry timers responsive without spinning. */
        curl_multi_poll(multi, NULL, 0, running > 0 ? 100 : 20, NULL);
    }
}

int bs_fetch(const bs_artifact *arts, int count, const bs_fetch_options *opt, bs_fetch_result *res)
{
    xfer *xs = calloc((size_t)(count > 0 ? count : 1), sizeof(*xs));
    CURLM *multi = NULL;
    int rc = 0;
    if (!xs)
        return BS_E_NOMEM;
    if ((rc = bs_make_dirs(opt->cache_dir, 0700)) != 0) {
        free(xs);
        return rc;
    }
    for (int i = 0; i < count; i++) {
        xfer *x = &xs[i];
        memset(&res[i], 0, sizeof(res[i]));
        x->art = &arts[i];
        x->res = &res[i];
        x->opt = opt;
        x->fd = -1;
        x->started_ms = plat_now_ms();
        if (!valid_pin(x->art) || make_paths(x, opt->cache_dir) != 0)
            finish(x, bs_error_set(&res[i].err, BS_E_USAGE,
                                   "%s: not a valid pin (sha256, size, URL)", x->art->name));
        else if (cached_ok(x)) {
            res[i].reused = true;
            finish(x, 0);
        } else {
            local_copy(x);
        }
    }
    /* Jitter only spreads a fleet's retries if every machine draws different numbers. */
    srand((unsigned)(plat_now_ms() ^ ((uint64_t)plat_getpid() << 16)));
    curl_global_init(CURL_GLOBAL_DEFAULT);
    multi = curl_multi_init();
    rc = multi ? run_loop(multi, xs, count, opt) : BS_E_NOMEM;
    for (int i = 0; i < count; i++) {
        if (xs[i].easy) {
            curl_multi_remove_handle(multi, xs[i].easy);
            xfer_end_attempt(&xs[i]);
        }
        if (xs[i].state != XFER_DONE && rc == BS_E_INTERRUPTED) {
            res[i].rc = BS_E_INTERRUPTED;
            bs_error_set(&res[i].err, BS_E_INTERRUPTED, "%s: interrupted; rerun to resume",
                         arts[i].name);
        }
    }
    for (int i = 0; rc == 0 && i < count; i++)
        if (res[i].rc)
            rc = res[i].rc;
    if (multi)
        curl_multi_cleanup(multi);
    free(xs);
    return rc;
}

int bs_fetch_all(const bs_artifact *arts, int count, const bs_fetch_options *opt,
                 bs_fetch_result *res, bs_error *err)
{
    int rc = bs_fetch(arts, count, opt, res);
    for (int i = 0; rc != 0 && i < count; i++)
        if (res[i].rc) {
            *err = res[i].err;
            break;
        }
    return rc;
}
