/*
 * bundle.h: an offline bundle, a folder that installs InvokeAI with no network at all:
 * bundle.json (what it holds: versions, backend, platform, every file with its size and
 * SHA-256), python/ (the managed Python build for the platform), wheels/ (every wheel the
 * install used) and a copy of this program. `bundle --out DIR` makes one from a finished
 * install; `install --bundle DIR|URL` checks every hash and installs from it.
 */
#ifndef BS_BUNDLE_H
#define BS_BUNDLE_H

#include "act/fetch.h"
#include "act/python_manifest.h"
#include "act/resolution.h"
#include "ops/request.h"
#include "core/events.h"
#include "ops/session.h"

#include <stdint.h>

typedef struct bs_bundle_file {
    char path[512]; /* relative: wheels/<name> or python/<name> */
    char url[2048];
    char sha256[65];
    int64_t size; /* 0 when not known */
} bs_bundle_file;

/* What a finished bundle holds, for the front-end to report. */
typedef struct bs_bundle_made {
    char invokeai[64], torch[64], backend[16], os[16], arch[16];
    int files;    /* in the bundle, the Python build included */
    bool program; /* a copy of this program is beside it (false: another platform's) */
} bs_bundle_made;

/* What bundle.json says the bundle is for. */
typedef struct bs_bundle_meta {
    const char *invokeai, *extras, *torch, *backend;
    const char *os, *arch, *libc; /* the platform it installs on */
    const bs_python_build *py;
    bool copy_program;         /* this program goes beside it (it runs on that platform) */
    bs_resolution *resolution; /* the wheel set, kept as resolution.json */
    bs_bundle_made *made;      /* filled when the bundle is written; may be NULL */
} bs_bundle_meta;

/* The managed Python build of series for a platform, as the bundle's first file
 * (python/<name>). Returns 0 or the manifest's error. */
int bs_bundle_python(const bs_session *s, const bs_config *cfg, const char *series, const char *os,
                     const char *arch, const char *libc, bs_python_build *py, bs_bundle_file *file,
                     bs_error *err);
/* Writes the bundle into cfg->bundle_out (new or empty): files (files[0] the Python build)
 * fetched or copied in and checked, resolution.json, bundle.json last. */
int bs_bundle_write(bs_session *s, const bs_config *cfg, const bs_bundle_meta *m,
                    bs_bundle_file *files, int n, bs_error *err);
/* bundle --version/--backend/--platform: the plan resolved from the release's uv.lock
 * (bundle_plan.c), with no install needed. */
int bs_bundle_from_plan(bs_session *s, const bs_config *cfg, bs_bundle_made *made, bs_error *err);
/* bundle with no plan named: exactly what the install in cfg->root used, for machines like
 * this one. */
int bs_bundle_from_install(bs_session *s, const bs_config *cfg, bs_bundle_made *made,
                           bs_error *err);

/* Makes <dir>/<path> hold each file, checked against its SHA-256: left alone when already
 * right, else copied from a wheel an install kept (<fo->cache_dir>/wheels/<name>), else
 * fetched into fo->cache_dir (all at once, resumable) and moved in. Returns 0 or the first
 * failure, which err describes. */
int bs_bundle_fill(const bs_fetch_options *fo, const char *dir, const bs_bundle_file *files, int n,
                   bs_error *err);

/* For install --bundle: fetches the bundle when it is a URL (into the cache), checks every
 * file against bundle.json, and turns cfg into an offline install of exactly what the
 * bundle holds (version, backend, wheels, Python). The strings set in cfg live until
 * the process ends. Returns 0, BS_E_NOT_FOUND (no bundle.json), BS_E_INTEGRITY (a file
 * missing or not matching), BS_E_REQUIREMENTS (a bundle for another platform),
 * BS_E_NETWORK. */
int bs_bundle_apply(bs_session *s, bs_config *cfg, bs_error *err);

#endif
