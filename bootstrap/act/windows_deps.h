/*
 * windows_deps.h: what os-deps does on Windows, with administrator rights asked for
 * through UAC: Microsoft's VC++ 2015-2022 runtime installer, fetched and checked to be
 * signed by Microsoft before it runs, and the LongPathsEnabled policy.
 */
#ifndef BS_WINDOWS_DEPS_H
#define BS_WINDOWS_DEPS_H

#include "act/fetch.h"
#include "core/error.h"

#include <stdbool.h>

/* Microsoft's permanent link to the current installer for this CPU. */
const char *bs_vcredist_default_url(const char *arch);

/* source: an https:// URL, or a local file (an admin's copy); dir: where a download is
 * kept. The installer runs as `/install /quiet /norestart`. Returns 0 (*reboot set when
 * Windows wants a restart), BS_E_INTEGRITY (not signed by Microsoft: not run),
 * BS_E_NETWORK, BS_E_INTERRUPTED (the UAC prompt was declined), or BS_E_CHILD. */
int bs_vcredist_install(const char *source, const char *dir, const bs_fetch_options *fo,
                        bool *reboot, bs_error *err);

/* Sets HKLM\SYSTEM\CurrentControlSet\Control\FileSystem LongPathsEnabled = 1 through an
 * elevated reg.exe. Returns 0, BS_E_INTERRUPTED (declined) or BS_E_CHILD. */
int bs_long_paths_enable(bs_error *err);

#endif
