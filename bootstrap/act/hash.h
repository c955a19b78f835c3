/*
 * hash.h: SHA-256 through OpenSSL's EVP interface (the only OpenSSL API we use), for
 * streams (bytes hashed as they arrive) and for files already on disk.
 */
#ifndef BS_HASH_H
#define BS_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct bs_sha256 {
    void *ctx; /* EVP_MD_CTX, owned */
} bs_sha256;

int bs_sha256_init(bs_sha256 *h);
int bs_sha256_update(bs_sha256 *h, const void *data, size_t len);
/* Writes 64 lowercase hex digits and a NUL into hex (65 bytes); the context is reset for
 * reuse. */
int bs_sha256_final_hex(bs_sha256 *h, char hex[65]);
void bs_sha256_free(bs_sha256 *h);
/* Hashes the first `limit` bytes of a file (limit < 0: all) into h, which keeps going.
 * Returns 0 or -errno; *hashed says how many bytes were read. */
int bs_sha256_add_file(bs_sha256 *h, const char *path, int64_t limit, int64_t *hashed);
/* SHA-256 of a whole file as hex. */
int bs_sha256_file_hex(const char *path, char hex[65], int64_t *size);

#endif
