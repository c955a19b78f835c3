/*
 * receipt.h: <root>/.invokeai-bootstrap/receipt.json, written atomically as the last step
 * of an install, so its presence means "this finished". It records what was asked for
 * and what was installed (versions, indexes, the SHA-256 of every artifact downloaded);
 * a rerun compares against it to skip work, and repair reinstalls from it.
 */
#ifndef BS_RECEIPT_H
#define BS_RECEIPT_H

#include "core/error.h"
#include "probe/parse_pip.h"

#include <stdbool.h>

typedef struct bs_receipt {
    char installer[32];
    char invokeai[64];
    char extras[64];    /* "xformers" or "" */
    char requested[64]; /* the --version asked for: "latest" or X.Y.Z */
    char python_path[4096];
    char python_version[32];
    bool python_managed;
    char backend[16];       /* cu128, rocm6.3, cpu, mps, cuda, xpu */
    char backend_index[16]; /* the index name: cu128, ..., default */
    bool backend_forced;    /* chosen with --backend */
    char index_url[1024];
    char torch_index_url[1024]; /* the full backend index URL used */
    char find_links[1024];
    char bundle[1024]; /* the bundle it was installed from (install --bundle), or "" */
    bool offline;
    char torch[64];
    char torchvision[64];
    char xformers[64];
    char time[32];           /* UTC, ISO 8601 */
    bs_pip_report artifacts; /* what pip downloaded, with hashes */
} bs_receipt;

void bs_receipt_init(bs_receipt *r);
void bs_receipt_free(bs_receipt *r);
/* <root>/.invokeai-bootstrap/receipt.json into out. */
int bs_receipt_path(const char *root, char *out, size_t size);
/* Reads the receipt; BS_E_NOT_FOUND when there is none, BS_E_PARSE when damaged. */
int bs_receipt_read(const char *root, bs_receipt *r);
/* Writes it atomically (temporary file + rename). */
int bs_receipt_write(const char *root, const bs_receipt *r, bs_error *err);

#endif
