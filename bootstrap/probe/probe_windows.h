/*
 * probe_windows.h: what the Windows registry says about the OS dependencies: the VC++
 * 2015-2022 runtime of this CPU and the long-path policy. The registry is read through a
 * function so tests can answer for it on any OS.
 */
#ifndef BS_PROBE_WINDOWS_H
#define BS_PROBE_WINDOWS_H

#include "core/facts.h"

#include <stddef.h>

/* plat_registry_get's shape: a value under HKEY_LOCAL_MACHINE as text. */
typedef int (*bs_registry_fn)(const char *key, const char *name, char *out, size_t size);

/* Fills vcredist_installed, vcredist_version and long_paths_enabled (f->arch picks the
 * runtime's key: x64, or arm64 on an arm64 machine). */
void bs_probe_windows_deps(bs_facts *f, bs_registry_fn get);

#endif
