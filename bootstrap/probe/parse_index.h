/*
 * parse_index.h: what a package index says about one project. Reads the simple
 * repository API in both forms (PEP 691 JSON, PEP 503 HTML with PEP 592/658/714
 * attributes) and wheel file names, and resolves relative links against the page URL.
 * Pure functions: the page text comes from the caller.
 */
#ifndef BS_PARSE_INDEX_H
#define BS_PARSE_INDEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_index_file {
    char filename[256];
    char url[1024];  /* absolute, without the #hash fragment */
    char sha256[65]; /* "" when the index gave none */
    char requires_python[64];
    bool yanked;
    bool has_metadata; /* PEP 658/714: <url>.metadata exists */
    char metadata_sha256[65];
} bs_index_file;

typedef struct bs_index_page {
    bs_index_file *files; /* owned */
    size_t count;
} bs_index_page;

void bs_index_page_init(bs_index_page *p);
void bs_index_page_free(bs_index_page *p);

/* Parses a project page. content_type picks the form (JSON when it names
 * application/vnd.pypi.simple.v1+json, else HTML); page_url resolves relative links.
 * Returns 0, BS_E_PARSE, or BS_E_NOMEM. */
int bs_index_parse(const char *body, const char *content_type, const char *page_url,
                   bs_index_page *out);

/* Resolves href against base (absolute URL); fragment stripped. Returns 0 or -ENAMETOOLONG. */
int bs_url_resolve(const char *base, const char *href, char *out, size_t size);

typedef struct bs_wheel_name {
    char name[96]; /* normalised (PEP 503) */
    char version[64];
    char python_tag[64];
    char abi_tag[64];
    char platform_tag[160];
} bs_wheel_name;

/* Splits "torch-2.7.1+cu128-cp311-cp311-manylinux_2_28_x86_64.whl". False when the name is
 * not a wheel's. */
bool bs_wheel_name_parse(const char *filename, bs_wheel_name *out);

/* Whether a wheel installs on CPython major.minor (py "3.11") on os/arch ("linux"/"x86_64",
 * "windows"/"x86_64", "darwin"/"aarch64"): its python, ABI and platform tags. */
bool bs_wheel_fits(const bs_wheel_name *w, const char *py, const char *os, const char *arch);

#endif
