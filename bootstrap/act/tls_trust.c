/*
 * tls_trust.c: the CA bundle search and the libcurl settings that use it. Verification is
 * never turned off here: a missing bundle only means OpenSSL's own default paths are left
 * to try, and a host that cannot be verified fails with the --cacert hint.
 */
#include "act/tls_trust.h"
#include "core/error.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>

/* Where each distribution family keeps its bundle (the paths Go's crypto/x509 and curl's
 * configure also look at), most common first. */
static const char *const SYSTEM_CA_BUNDLES[] = {
    "/etc/ssl/certs/ca-certificates.crt",                /* Debian, Ubuntu, Arch, Gentoo */
    "/etc/pki/tls/certs/ca-bundle.crt",                  /* Fedora, RHEL */
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", /* RHEL 7+, CentOS */
    "/etc/ssl/ca-bundle.pem",                            /* openSUSE */
    "/var/lib/ca-certificates/ca-bundle.pem",            /* openSUSE (the file behind it) */
    "/etc/ssl/cert.pem",                                 /* Alpine, macOS, Arch */
    NULL};

int bs_find_ca_bundle(const char *base, char *out, size_t out_size)
{
    const char *prefix = base && strcmp(base, "/") != 0 ? base : "";
    for (int i = 0; SYSTEM_CA_BUNDLES[i]; i++) {
        if (snprintf(out, out_size, "%s%s", prefix, SYSTEM_CA_BUNDLES[i]) >= (int)out_size)
            continue;
        if (plat_exists(out) && !plat_is_dir(out))
            return 0;
    }
    out[0] = '\0';
    return BS_E_NOT_FOUND;
}

/* CURLOPT_SSL_CTX_FUNCTION: adds the bundle named by user to OpenSSL's store, so it
 * extends the system CAs instead of replacing them (a corporate proxy's CA next to the
 * public ones). */
static CURLcode tls_ssl_ctx_cb(CURL *easy, void *ssl_ctx, void *user)
{
    const char *bundle = user;
    X509_STORE *store = SSL_CTX_get_cert_store((SSL_CTX *)ssl_ctx);
    (void)easy;
    if (bundle && X509_STORE_load_file(store, bundle) != 1)
        return CURLE_SSL_CACERT_BADFILE;
    return CURLE_OK;
}

void bs_curl_set_trust(CURL *easy, const char *cacert)
{
    char bundle[512];
    if (plat_tls_native_store())
        /* Windows: the certificate store, where a company's proxy CA is already trusted. */
        curl_easy_setopt(easy, CURLOPT_SSL_OPTIONS, (long)CURLSSLOPT_NATIVE_CA);
    else if (bs_find_ca_bundle("/", bundle, sizeof(bundle)) == 0)
        curl_easy_setopt(easy, CURLOPT_CAINFO, bundle);
    if (cacert) {
        curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, tls_ssl_ctx_cb);
        curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, (void *)cacert);
    }
}
