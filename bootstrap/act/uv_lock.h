/*
 * uv_lock.h: the wheel set of an InvokeAI release read from the uv.lock it publishes
 * (6.14 and later), so those releases need no resolution at all. The lock is TOML; rather
 * than add a TOML library to C, the venv's own Python reads it (tomllib, 3.11+) and
 * evaluates its markers and wheel tags with the copy of `packaging` inside pip. uv writes
 * the backend extras (cpu, cuda, rocm), which conflict, into markers as
 * `extra == 'extra-8-invokeai-cuda'`; exactly one of them may be active.
 */
#ifndef BS_UV_LOCK_H
#define BS_UV_LOCK_H

#include "act/resolution.h"

#include <signal.h>

/* Walks the lock from project `root` with extras (comma-separated, "" for none) for this
 * machine (platform NULL) or for platform ("linux-x86_64", "linux-aarch64",
 * "windows-x86_64", "macos-arm64"; CPython of the running minor version). Every package must come
 * from one of registries (comma-separated index URLs) and have a wheel for the platform. The root
 * project itself (an editable source in the lock) is not in the result. Returns 0, BS_E_PARSE (the
 * lock cannot serve this plan: err says why) or BS_E_INTERRUPTED. */
int bs_uv_lock_resolve(const char *venv_python, const char *os, const char *lock_path,
                       const char *root, const char *extras, const char *registries,
                       const char *platform, volatile sig_atomic_t *cancel, bs_resolution *out,
                       bs_error *err);

#endif
