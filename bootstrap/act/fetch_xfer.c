/*
 * fetch_xfer.c: one transfer attempt: the .part file and its hash, the easy handle's
 * options (HTTPS only, redirects, timeouts, CA bundle), and the header and write
 * callbacks that decide whether a response's body may go into the artifact.
 */
#include "act/fetch_xfer.h"
#include "act/file_copy.h"
#include "act/tls_trust.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The validator of the server copy that .part came from, for If-Range. */
static void read_validator(const xfer *x, char *out, size_t size)
{
    char *text = NULL;
    out[0] = '\0';
    if (plat_read_file(x->meta_path, 1024, &text, NULL) == 0 && text) {
        bs_strlcpy(out, bs_trim(text), size);
        free(text);
    }
}

static void write_validator(const xfer *x, const char *value)
{
    FILE *f = plat_fopen(x->meta_path, "w");
    if (f) {
        fprintf(f, "%s\n", value);
        fclose(f);
    }
}

void xfer_discard_part(xfer *x)
{
    plat_unlink(x->part_path);
    plat_unlink(x->meta_path);
}

static void reset_response(xfer *x)
{
    x->status = 0;
    x->body_seen = false;
    x->discard = false;
    x->etag[0] = x->last_modified[0] = x->content_range[0] = '\0';
    x->retry_after_s = -1;
}

/* Copies a header's value if line is "name: value". */
static bool header_is(const char *line, size_t len, const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    if (len <= n + 1 || strncasecmp(line, name, n) != 0 || line[n] != ':')
        return false;
    bs_strncpy_bounded(out, size, line + n + 1, len - n - 1);
    bs_trim(out);
    return true;
}

static size_t fetch_header_cb(char *buf, size_t size, size_t nitems, void *user)
{
    xfer *x = user;
    size_t len = size * nitems;
    char value[256];
    if (len >= 5 && strncmp(buf, "HTTP/", 5) == 0) {
        reset_response(x);
        const char *sp = memchr(buf, ' ', len);
        x->status = sp ? strtol(sp + 1, NULL, 10) : 0;
    } else if (header_is(buf, len, "ETag", x->etag, sizeof(x->etag)) ||
               header_is(buf, len, "Last-Modified", x->last_modified, sizeof(x->last_modified)) ||
               header_is(buf, len, "Content-Range", x->content_range, sizeof(x->content_range))) {
        /* stored */
    } else if (header_is(buf, len, "Retry-After", value, sizeof(value))) {
        /* Seconds only; an HTTP date is rare from mirrors and falls back to backoff. */
        x->retry_after_s = bs_parse_ll(value);
    }
    return len;
}

/* "bytes START-END/TOTAL" must be exactly what was asked: from offset to the end. */
static bool content_range_ok(const xfer *x)
{
    long long start = -1, end = -1;
    char total[32] = "";
    if (sscanf(x->content_range, "bytes %lld-%lld/%31s", &start, &end, total) != 3)
        return false;
    if (start != x->offset)
        return false;
    if (!xfer_size_known(x))
        return end >= start;
    return end == x->art->size - 1 &&
           (strcmp(total, "*") == 0 || bs_parse_ll(total) == x->art->size);
}

/* Decides, at a response's first body byte, what happens to the body. */
static int on_first_body(xfer *x)
{
    x->body_seen = true;
    if (x->status < 200 || x->status >= 300) {
        x->discard = true; /* an error page never lands in the artifact */
        return 0;
    }
    if (x->status == 206) {
        if (!content_range_ok(x)) {
            x->abort_reason = ABORT_BAD_RANGE;
            return -1;
        }
        return 0;
    }
    /* A full body: the server ignored Range or If-Range said the file changed. Restart
     * from zero; never append a whole file to a partial one. */
    if (x->offset > 0 || x->written > 0) {
        x->wlen = 0;
        if (ftruncate(x->fd, 0) != 0 || lseek(x->fd, 0, SEEK_SET) != 0) {
            x->abort_reason = ABORT_IO;
            return -1;
        }
        bs_sha256_free(&x->hash);
        if (bs_sha256_init(&x->hash) != 0) {
            x->abort_reason = ABORT_IO;
            return -1;
        }
        x->offset = x->written = 0;
    }
    if (x->etag[0])
        write_validator(x, x->etag);
    else if (x->last_modified[0])
        write_validator(x, x->last_modified);
    else
        plat_unlink(x->meta_path);
    return 0;
}

#define WBUF_SIZE (1024 * 1024)

int xfer_flush(xfer *x)
{
    int rc = x->wlen && x->fd >= 0 ? bs_write_all(x->fd, x->wbuf, x->wlen) : 0;
    x->wlen = 0;
    x->flushed_ms = plat_now_ms();
    return rc;
}

static size_t fetch_write_cb(char *data, size_t size, size_t nmemb, void *user)
{
    xfer *x = user;
    size_t len = size * nmemb;
    if (!x->body_seen && on_first_body(x) != 0)
        return 0;
    if (x->discard)
        return len;
    if (x->written + (int64_t)len > xfer_cap(x)) {
        x->abort_reason = ABORT_OVERSIZE;
        return 0;
    }
    /* TLS hands over 16 KiB at a time: gather them into 1 MiB writes. */
    if (x->wbuf && x->wlen + len <= WBUF_SIZE) {
        memcpy(x->wbuf + x->wlen, data, len);
        x->wlen += len;
    } else {
        int rc = xfer_flush(x);
        if (rc == 0 && x->wbuf && len < WBUF_SIZE) {
            memcpy(x->wbuf, data, len);
            x->wlen = len;
        } else if (rc == 0) {
            rc = bs_write_all(x->fd, data, len);
        }
        if (rc != 0) {
            x->abort_reason = ABORT_IO;
            x->res->err.code = rc;
            return 0;
        }
    }
    /* A slow link could keep a whole MiB in memory for minutes, and a kill would lose it:
     * whatever arrived goes to the .part at least once a second. */
    if (x->wlen && plat_now_ms() - x->flushed_ms >= 1000) {
        int rc = xfer_flush(x);
        if (rc != 0) {
            x->abort_reason = ABORT_IO;
            x->res->err.code = rc;
            return 0;
        }
    }
    bs_sha256_update(&x->hash, data, len);
    if (x->opt->tee)
        x->opt->tee(x->opt->tee_user, data, len, x->written);
    x->written += (int64_t)len;
    x->res->received += (int64_t)len;
    uint64_t now = plat_now_ms();
    if (x->opt->events && x->opt->events->fn && now - x->last_progress_ms >= 100) {
        bs_event ev = {BS_EV_PROGRESS, x->art->name, NULL, (uint64_t)x->written,
                       (uint64_t)(xfer_size_known(x) ? x->art->size : 0)};
        x->last_progress_ms = now;
        x->opt->events->fn(&ev, x->opt->events->user);
    }
    return len;
}

static int open_part(xfer *x)
{
    int64_t size = 0;
    x->fd = plat_open(x->part_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (x->fd < 0) {
        int rc = x->fd;
        x->fd = -1;
        return bs_error_set(&x->res->err, rc, "cannot write %s: %s", x->part_path, strerror(-rc));
    }
    int rc = plat_fd_size(x->fd, &size);
    if (rc != 0)
        return bs_error_set(&x->res->err, rc, "cannot read %s", x->part_path);
    x->offset = size;
    /* A .part longer than the artifact cannot be a prefix of it. */
    if (x->offset > xfer_cap(x)) {
        if (ftruncate(x->fd, 0) != 0)
            return bs_error_set(&x->res->err, -errno, "cannot truncate %s", x->part_path);
        x->offset = 0;
        plat_unlink(x->meta_path);
    }
    if (bs_sha256_init(&x->hash) != 0)
        return bs_error_set(&x->res->err, BS_E_NOMEM, "out of memory");
    int64_t hashed = 0;
    if (x->offset > 0 && bs_sha256_add_file(&x->hash, x->part_path, x->offset, &hashed) != 0)
        return bs_error_set(&x->res->err, BS_E_FILESYSTEM, "cannot read %s", x->part_path);
    if (lseek(x->fd, x->offset, SEEK_SET) != x->offset)
        return bs_error_set(&x->res->err, -errno, "cannot seek in %s", x->part_path);
    x->written = x->offset;
    x->wlen = 0;
    x->wbuf = malloc(WBUF_SIZE); /* without it, every piece is written as it comes */
    return 0;
}

int xfer_begin(xfer *x)
{
    const bs_fetch_options *o = x->opt;
    char validator[300], header[400];
    int rc = open_part(x);
    if (rc)
        return rc;
    reset_response(x);
    x->abort_reason = ABORT_NONE;
    x->errbuf[0] = '\0';
    x->easy = curl_easy_init();
    if (!x->easy)
        return bs_error_set(&x->res->err, BS_E_NOMEM, "cannot start a transfer");
    curl_easy_setopt(x->easy, CURLOPT_URL, x->art->urls[x->url_index]);
    curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(x->easy, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(x->easy, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(x->easy, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
    curl_easy_setopt(x->easy, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_bytes);
    curl_easy_setopt(x->easy, CURLOPT_LOW_SPEED_TIME, o->low_speed_time_s);
    curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(x->easy, CURLOPT_NOSIGNAL, 1L);
    /* Larger reads mean fewer TLS records handled one by one and fewer write calls. */
    curl_easy_setopt(x->easy, CURLOPT_BUFFERSIZE, 512L * 1024L);
    curl_easy_setopt(x->easy, CURLOPT_USERAGENT, "invokeai-bootstrap/" BS_VERSION);
    curl_easy_setopt(x->easy, CURLOPT_HEADERFUNCTION, fetch_header_cb);
    curl_easy_setopt(x->easy, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(x->easy, CURLOPT_WRITEFUNCTION, fetch_write_cb);
    curl_easy_setopt(x->easy, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(x->easy, CURLOPT_PRIVATE, x);
    /* Compressed transfer encodings would change the bytes we hash: ask for identity. */
    curl_easy_setopt(x->easy, CURLOPT_ACCEPT_ENCODING, NULL);
    bs_curl_set_trust(x->easy, o->cacert);
    if (x->offset > 0) {
        snprintf(header, sizeof(header), "Range: bytes=%lld-", (long long)x->offset);
        x->headers = curl_slist_append(x->headers, header);
        read_validator(x, validator, sizeof(validator));
        if (validator[0]) {
            snprintf(header, sizeof(header), "If-Range: %s", validator);
            x->headers = curl_slist_append(x->headers, header);
        }
        curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers);
    }
    return 0;
}

void xfer_end_attempt(xfer *x)
{
    xfer_flush(x); /* whatever arrived stays in .part for the next attempt */
    free(x->wbuf);
    x->wbuf = NULL;
    bs_sha256_free(&x->hash);
    if (x->easy)
        curl_easy_cleanup(x->easy);
    x->easy = NULL;
    curl_slist_free_all(x->headers);
    x->headers = NULL;
    if (x->fd >= 0)
        close(x->fd);
    x->fd = -1;
}
