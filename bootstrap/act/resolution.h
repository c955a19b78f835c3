/*
 * resolution.h: the exact set of wheels an install needs, each with its URL and SHA-256,
 * whichever way it was found (InvokeAI's uv.lock, pip's dry-run report) and as it is kept
 * in the cache for the next install of the same plan: a JSON file
 *   {"version": 1, "source": "...", "key": "...", "files": [{"name", "version",
 *    "filename", "url", "sha256", "size"}]}
 * which the lock reader also prints. Every entry is checked on the way in: a wheel file
 * name with no path in it, an https:// URL, a SHA-256 of 64 hex digits or none.
 */
#ifndef BS_RESOLUTION_H
#define BS_RESOLUTION_H

#include "core/error.h"
#include "probe/parse_pip.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bs_locked_file {
    char name[96]; /* normalised */
    char version[64];
    char filename[200];
    char url[1024];
    char sha256[65]; /* "" when the source gave none: filled from the first download */
    int64_t size;    /* 0 when not known */
} bs_locked_file;

typedef struct bs_resolution {
    char source[16]; /* "uv.lock", "pip", or "install" (a bundle of an install) */
    char key[2600];  /* what it was resolved for (versions, backend, platform, indexes) */
    bs_locked_file *files;
    size_t count;
} bs_resolution;

void bs_resolution_init(bs_resolution *r);
void bs_resolution_free(bs_resolution *r);
int bs_resolution_add(bs_resolution *r, const bs_locked_file *f);
const bs_locked_file *bs_resolution_find(const bs_resolution *r, const char *name);

/* Parses the JSON form. Returns 0, BS_E_PARSE (err names the entry that is wrong) or
 * BS_E_NOMEM. */
int bs_resolution_parse(const char *json, bs_resolution *out, bs_error *err);
/* The JSON form, malloc'd (NULL when out of memory). */
char *bs_resolution_to_json(const bs_resolution *r);
/* From pip's dry-run report: every item must be a wheel at an https:// URL. Returns 0 or
 * BS_E_PARSE naming the first that is not (an sdist would need building). */
int bs_resolution_from_report(const bs_pip_report *rep, bs_resolution *out, bs_error *err);

/* A resolution kept at path for key: 0 when it is there, readable and for that key, else
 * BS_E_NOT_FOUND (a damaged or foreign file is ignored, never trusted). */
int bs_resolution_load(const char *path, const char *key, bs_resolution *out);
/* Writes it atomically (its folder is created). */
int bs_resolution_save(const char *path, const bs_resolution *r);

/* The last path segment of a URL without its #fragment, percent-decoded (pip reports
 * "%2B" for "+"). */
void bs_url_basename(const char *url, char *out, size_t size);
/* A plain file name: not empty, no leading dot, no separators or drive colon. */
bool bs_safe_file_name(const char *name);

#endif
