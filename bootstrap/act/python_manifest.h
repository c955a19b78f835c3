/*
 * python_manifest.h: the pinned python-build-standalone table (assets/python_builds.json,
 * or a --python-manifest of the same shape) and the choice of one build for this
 * platform. A manifest is an object with an "entries" list; each entry has at least
 * python_version, os, arch, libc, url, sha256 and executable_relpath (optional: size,
 * mirror_url_derived); unknown keys are ignored.
 */
#ifndef BS_PYTHON_MANIFEST_H
#define BS_PYTHON_MANIFEST_H

#include "act/fetch.h"
#include "core/error.h"

typedef struct bs_python_build {
    char version[16];
    char os[16];
    char arch[16];
    char libc[16];
    char url[1024];
    char mirror_url[1024]; /* "" when none */
    char sha256[65];
    long long size; /* 0 when the manifest gives none */
    char executable_relpath[256];
} bs_python_build;

/* Picks the newest build of `series` ("3.11") for os/arch/libc ("linux", "x86_64",
 * "gnu") from manifest JSON text. Returns 0, BS_E_PARSE for a malformed manifest or a
 * malformed pin, BS_E_NOT_FOUND when it lists no build for this platform (err says so). */
int bs_python_build_choose(const char *manifest_json, const char *series, const char *os,
                           const char *arch, const char *libc, bs_python_build *out, bs_error *err);
/* The URLs to try, in order: with mirror_prefix (--python-mirror), only the mirror's copy
 * ("<prefix>/<tag>/<file>", as uv's UV_PYTHON_INSTALL_MIRROR); else the Astral mirror,
 * then the build's own URL. Fills art (which points into b and urls) for bs_fetch. */
void bs_python_build_artifact(const bs_python_build *b, const char *mirror_prefix,
                              char urls[2][1024], bs_artifact *art);

#endif
