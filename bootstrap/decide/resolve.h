/*
 * resolve.h: choosing releases from what an index lists. Which InvokeAI release "latest"
 * means (stable unless pre-releases are allowed, installable on our Python), and which
 * torch build a backend index offers for InvokeAI's pin (the local label must be the
 * backend's: a "+cu128" wheel from the cu128 index, never a plain one from elsewhere).
 * Pure functions over parsed index pages.
 */
#ifndef BS_RESOLVE_H
#define BS_RESOLVE_H

#include "probe/parse_index.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bs_target {
    const char *python;      /* "3.11" */
    const char *python_full; /* "3.11.9", for Requires-Python */
    const char *os;          /* linux, windows, darwin */
    const char *arch;        /* x86_64, aarch64 */
} bs_target;

/* The local version label a backend's wheels carry: "cu128", "rocm6.3", "cpu", "xpu";
 * "" for the default index (mps, cuda from PyPI, default). */
const char *bs_backend_label(const char *index_name);

/* The wheel of dist to install: want is an exact version or NULL/"latest" for the newest
 * stable one (allow_pre: pre-releases too). Yanked files, wheels that do not fit the
 * target and releases whose Requires-Python excludes it are skipped. Returns the index
 * into page->files, or -1 with why (a sentence) filled. */
long bs_pick_release(const bs_index_page *page, const char *dist, const char *want, bool allow_pre,
                     const bs_target *t, char *why, size_t why_size);

/* The newest wheel of dist whose version satisfies spec and carries exactly label ("" =
 * no label). Pre-releases only when spec names one. Returns the file index or -1. */
long bs_pick_build(const bs_index_page *page, const char *dist, const char *spec, const char *label,
                   const bs_target *t);

#endif
