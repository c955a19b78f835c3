/*
 * tls_trust.h: which certificates a download trusts. One place decides it for every
 * libcurl handle: the system's store (the operating system's own on Windows, the
 * distribution's CA bundle elsewhere, found at run time because a static binary's built-in
 * OpenSSL path matches no distribution), plus the user's --cacert bundle on top.
 */
#ifndef BS_TLS_TRUST_H
#define BS_TLS_TRUST_H

#include <curl/curl.h>
#include <stddef.h>

/* The first CA bundle present under base ("" or "/" for this machine), by distribution
 * family, written to out. Returns 0, or BS_E_NOT_FOUND when none is there. */
int bs_find_ca_bundle(const char *base, char *out, size_t out_size);

/* Sets up trust on a libcurl handle: system store, plus cacert (may be NULL) added to it. */
void bs_curl_set_trust(CURL *easy, const char *cacert);

#endif
