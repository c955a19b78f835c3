/*
 * hash.c: SHA-256 with EVP.
 */
#include "act/hash.h"
#include "core/error.h"
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <unistd.h>

int bs_sha256_init(bs_sha256 *h)
{
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx)
        return BS_E_NOMEM;
    if (EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
        bs_sha256_free(h);
        return BS_E_INTEGRITY;
    }
    return 0;
}

int bs_sha256_update(bs_sha256 *h, const void *data, size_t len)
{
    return EVP_DigestUpdate(h->ctx, data, len) == 1 ? 0 : BS_E_INTEGRITY;
}

int bs_sha256_final_hex(bs_sha256 *h, char hex[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1 || len != 32)
        return BS_E_INTEGRITY;
    for (unsigned int i = 0; i < len; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    hex[64] = '\0';
    return EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) == 1 ? 0 : BS_E_INTEGRITY;
}

void bs_sha256_free(bs_sha256 *h)
{
    if (h && h->ctx) {
        EVP_MD_CTX_free(h->ctx);
        h->ctx = NULL;
    }
}

int bs_sha256_add_file(bs_sha256 *h, const char *path, int64_t limit, int64_t *hashed)
{
    unsigned char buf[1 << 16];
    int64_t total = 0;
    int fd = plat_open(path, O_RDONLY | O_CLOEXEC, 0);
    *hashed = 0;
    if (fd < 0)
        return fd;
    while (limit < 0 || total < limit) {
        size_t want = sizeof(buf);
        if (limit >= 0 && (int64_t)want > limit - total)
            want = (size_t)(limit - total);
        ssize_t n = read(fd, buf, want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return -e;
        }
        if (n == 0)
            break;
        bs_sha256_update(h, buf, (size_t)n);
        total += n;
    }
    close(fd);
    *hashed = total;
    return 0;
}

int bs_sha256_file_hex(const char *path, char hex[65], int64_t *size)
{
    bs_sha256 h;
    int64_t n = 0;
    int rc = bs_sha256_init(&h);
    if (rc)
        return rc;
    rc = bs_sha256_add_file(&h, path, -1, &n);
    if (rc == 0)
        rc = bs_sha256_final_hex(&h, hex);
    bs_sha256_free(&h);
    if (size)
        *size = n;
    return rc;
}
