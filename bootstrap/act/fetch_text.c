/*
 * fetch_text.c: one small unpinned download into memory (a manifest given by URL). What
 * it fetches is only a list of pins: every artifact it names is still checked against
 * its SHA-256 by bs_fetch.
 */
#include "act/fetch.h"
#include "act/fetch_xfer.h"
#include "act/tls_trust.h"
#include "core/buf.h"
#include "core/strutil.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

struct text_sink {
    bs_buf buf;
    size_t max;
};

static size_t fetch_text_write_cb(char *data, size_t size, size_t nmemb, void *user)
{
    struct text_sink *s = user;
    size_t len = size * nmemb;
    if (s->buf.len + len > s->max || bs_buf_append(&s->buf, data, len) != 0)
        return 0;
    return len;
}

int bs_fetch_text(const char *url, const bs_fetch_options *opt, size_t max_bytes, char **out,
                  bs_error *err)
{
    return bs_fetch_text_ex(url, opt, max_bytes, NULL, out, NULL, 0, err);
}

static int fetch_body(const char *url, const bs_fetch_options *opt, size_t max_bytes,
                      const char *accept, char **out, size_t *len, char *content_type,
                      size_t ct_size, bs_error *err);

int bs_fetch_text_ex(const char *url, const bs_fetch_options *opt, size_t max_bytes,
                     const char *accept, char **out, char *content_type, size_t ct_size,
                     bs_error *err)
{
    return fetch_body(url, opt, max_bytes, accept, out, NULL, content_type, ct_size, err);
}

int bs_fetch_bytes(const char *url, const bs_fetch_options *opt, size_t max_bytes, char **out,
                   size_t *len, bs_error *err)
{
    return fetch_body(url, opt, max_bytes, NULL, out, len, NULL, 0, err);
}

static int fetch_body(const char *url, const bs_fetch_options *opt, size_t max_bytes,
                      const char *accept, char **out, size_t *len, char *content_type,
                      size_t ct_size, bs_error *err)
{
    struct text_sink sink = {.max = max_bytes};
    char errbuf[CURL_ERROR_SIZE] = "";
    char accept_header[512];
    struct curl_slist *headers = NULL;
    long status = 0;
    CURL *easy = curl_easy_init();
    *out = NULL;
    if (content_type && ct_size)
        content_type[0] = '\0';
    if (!easy)
        return bs_error_set(err, BS_E_NOMEM, "cannot start a transfer");
    if (accept) {
        snprintf(accept_header, sizeof(accept_header), "Accept: %s", accept);
        headers = curl_slist_append(headers, accept_header);
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    }
    bs_buf_init(&sink.buf);
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, opt->connect_timeout_s);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, opt->low_speed_bytes);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, opt->low_speed_time_s);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "invokeai-bootstrap/" BS_VERSION);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, fetch_text_write_cb);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &sink);
    bs_curl_set_trust(easy, opt->cacert);
    CURLcode cc = curl_easy_perform(easy);
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    if (cc == CURLE_OK && content_type && ct_size) {
        char *ct = NULL;
        curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &ct);
        bs_strlcpy(content_type, ct ? ct : "", ct_size);
    }
    curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
    if (cc != CURLE_OK || status != 200) {
        bs_buf_free(&sink.buf);
        if (cc != CURLE_OK)
            return bs_error_set(err, BS_E_NETWORK, "%s: %s", url,
                                errbuf[0] ? errbuf : curl_easy_strerror(cc));
        if (status == 404)
            return bs_error_set(err, BS_E_NOT_FOUND, "%s: HTTP 404 (not found)", url);
        return bs_error_set(err, BS_E_NETWORK, "%s: HTTP %ld", url, status);
    }
    if (len)
        *len = sink.buf.len;
    *out = bs_buf_take(&sink.buf);
    return *out ? 0 : BS_E_NOMEM;
}
