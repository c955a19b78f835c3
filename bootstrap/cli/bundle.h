/*
 * bundle.h: an offline bundle, a folder that installs InvokeAI with no network at all:
 * bundle.json (what it holds: versions, backend, platform, every file with its size and
 * SHA-256), python/ (the managed Python build for the platform), wheels/ (every wheel the
 * install used) and a copy of this program. `bundle --out DIR` makes one from a finished
 * install; `install --bundle DIR|URL` checks every hash and installs from it.
 */
#ifndef BS_BUNDLE_H
#define BS_BUNDLE_H

#include "cli/options.h"

int bs_cmd_bundle(const bs_config *cfg);

/* For install --bundle: fetches the bundle when it is a URL (into the cache), checks every
 * file against bundle.json, and turns cfg into an offline install of exactly what the
 * bundle holds (version, backend, wheels, Python). The strings set in cfg live until
 * the process ends. Returns 0, BS_E_NOT_FOUND (no bundle.json), BS_E_INTEGRITY (a file
 * missing or not matching), BS_E_REQUIREMENTS (a bundle for another platform),
 * BS_E_NETWORK. */
int bs_bundle_apply(bs_config *cfg, bs_error *err);

#endif
