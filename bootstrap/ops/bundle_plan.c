/*
 * bundle_plan.c: a bundle of a planned install rather than a finished one: the release,
 * backend and platform named on the command line, resolved from the release's uv.lock
 * with no venv and no pip, so one machine can make the bundle for a fleet of another
 * kind (a Linux server making the Windows studio's bundle).
 */
#include "act/resolution.h"
#include "act/venv.h"
#include "core/platforms.h"
#include "ops/bundle.h"
#include "ops/install.h"
#include "ops/python_step.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 512

/* The Python that reads the lock: the plan's when it has pip, else the root's venv, else a
 * venv of the plan's Python kept in the cache for this (Debian's python3.11 comes without
 * pip; ensurepip, which every usable Python has, brings it). NULL when none can. */
static const char *lock_reader(bs_install *in, char *buf, size_t size)
{
    const char *os = bs_os_name(in->facts.os);
    char home[PATH_MAX];
    bool created = false;
    bs_error ignored;
    if (in->py.path[0] && bs_install_reads_locks(in, in->py.path))
        return in->py.path;
    if (bs_venv_python(in->cfg.root, os, buf, size) == 0 && plat_is_executable_file(buf) &&
        bs_install_reads_locks(in, buf))
        return buf;
    if (!in->py.path[0] ||
        bs_path_join(home, sizeof(home), in->s->root.downloads, "lock-reader") != 0)
        return NULL;
    bs_install_say(in, "Making a Python with pip to read the lock with (%s)", home);
    if (bs_venv_ensure(home, os, in->py.path, in->py.version, false, &in->s->cancel, &in->s->events,
                       &created, &ignored) != 0 ||
        bs_venv_python(home, os, buf, size) != 0 || !bs_install_reads_locks(in, buf))
        return NULL;
    return buf;
}

/* The plan for the target: this machine's Python reads the lock, the target's os and
 * arch pick the wheels, and this machine's GPUs say nothing about the target's. */
static int plan_for(bs_install *in, const bs_config *cfg, const char *os, const char *arch,
                    bool other, char *reader, size_t size, const char **python, bs_error *err)
{
    const char *want = cfg->invokeai_version ? cfg->invokeai_version : "latest";
    int rc = bs_choose_python(&in->cfg, in->t, &in->facts, strcmp(want, "latest") ? want : NULL,
                              &in->py, err);
    if (rc)
        return rc;
    in->python_chosen = true;
    if (!(*python = lock_reader(in, reader, size))) {
        bs_error_set(err, BS_E_REQUIREMENTS, "no Python 3.11 with pip here to read the lock with");
        bs_error_hint(err,
                      "install one (invokeai-bootstrap python install --root '%s'), or run "
                      "this where InvokeAI is installed (--root)",
                      cfg->root);
        return BS_E_REQUIREMENTS;
    }
    if (other) {
        in->facts.os = bs_os_parse(os);
        bs_strlcpy(in->facts.arch, arch, sizeof(in->facts.arch));
        bs_strlcpy(in->facts.libc, strcmp(os, "linux") == 0 ? "glibc" : "", sizeof(in->facts.libc));
        in->facts.gpu_count = 0;
    }
    return bs_install_plan(in, want, cfg->backend, err);
}

int bs_bundle_from_plan(bs_session *s, const bs_config *cfg, bs_bundle_made *made, bs_error *err)
{
    static bs_install in;
    static bs_bundle_file files[MAX_FILES];
    bs_python_build py;
    bs_resolution r;
    char reader[PATH_MAX];
    const char *os = NULL, *arch = NULL, *python = NULL;
    int n = 1;
    bs_resolution_init(&r);
    int rc = 0;
    bs_install_init(&in, s, cfg);
    bs_install_probe(&in);
    os = bs_os_name(in.facts.os);
    arch = in.facts.arch;
    if (rc == 0 && cfg->platform)
        bs_platform_parse(cfg->platform, &os, &arch);
    bool other = strcmp(os, bs_os_name(in.facts.os)) != 0 || strcmp(arch, in.facts.arch) != 0;
    char target_os[16], target_arch[16];
    bs_strlcpy(target_os, os, sizeof(target_os));
    bs_strlcpy(target_arch, arch, sizeof(target_arch));
    if (rc == 0 && other && (!cfg->backend || strcmp(cfg->backend, "auto") == 0)) {
        rc = bs_error_set(err, BS_E_USAGE, "--platform %s needs --backend", cfg->platform);
        bs_error_hint(err, "this machine's GPU says nothing about the targets': name their torch "
                           "build (cuda, cu128, rocm, cpu, mps)");
    }
    if (rc == 0)
        rc =
            plan_for(&in, cfg, target_os, target_arch, other, reader, sizeof(reader), &python, err);
    if (rc == 0 && (rc = bs_install_lock(&in, python, other ? cfg->platform : NULL, &r, err)) ==
                       BS_E_NOT_FOUND)
        bs_error_hint(err, "for such a release, install it on a machine like the targets and run "
                           "bundle there (a bundle of exactly what that install used)");
    if (rc == 0)
        rc = bs_bundle_python(s, cfg, in.py_minor, target_os, target_arch,
                              bs_python_libc(&in.facts), &py, &files[0], err);
    for (size_t i = 0; rc == 0 && i < r.count && n < MAX_FILES; i++, n++) {
        snprintf(files[n].path, sizeof(files[n].path), "wheels/%s", r.files[i].filename);
        bs_strlcpy(files[n].url, r.files[i].url, sizeof(files[n].url));
        bs_strlcpy(files[n].sha256, r.files[i].sha256, sizeof(files[n].sha256));
        files[n].size = r.files[i].size;
    }
    if (rc == 0) {
        bs_bundle_meta m = {.invokeai = in.version,
                            .extras = in.extras,
                            .torch = in.torch_version,
                            .backend = in.backend.backend,
                            .os = target_os,
                            .arch = target_arch,
                            .libc = bs_python_libc(&in.facts),
                            .py = &py,
                            .copy_program = !other,
                            .resolution = &r,
                            .made = made};
        rc = bs_bundle_write(s, cfg, &m, files, n, err);
    }
    bs_resolution_free(&r);
    bs_install_free(&in);
    return rc;
}
