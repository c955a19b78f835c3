/*
 * python_step.c: the Python an install uses: the managed one in the root, else a usable
 * system one, else the managed one to be installed (`python find` and install's plan); and
 * installing the managed one from the table of builds (or a bundle's, or --python-manifest).
 */
#include "ops/python_step.h"
#include "act/fs_tree.h"
#include "act/fetch.h"
#include "act/python_install.h"
#include "core/assets.h"
#include "core/root_layout.h"
#include "core/strutil.h"
#include "core/version.h"
#include "decide/checks.h"
#include "platform/platform.h"
#include "probe/parse_python.h"
#include "probe/probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bs_python_libc(const bs_facts *f)
{
    if (f->os != BS_OS_LINUX)
        return "none";
    return strcmp(f->libc, "musl") == 0 ? "musl" : "gnu";
}

/* The series the choice asks for: 3.11 unless --python names 3.12. */
static const char *wanted_series(const bs_config *cfg)
{
    return cfg->python && strcmp(cfg->python, "3.12") == 0 ? "3.12" : "3.11";
}

static int choose_path(const bs_config *cfg, const bs_tables *t, const char *version,
                       bs_py_choice *c, bs_error *err)
{
    bs_python_answer ans;
    char note[128];
    const bs_era *era = bs_era_for(t, version);
    if (bs_python_query(cfg->python, 30000, &ans, note, sizeof(note)) != 0)
        return bs_error_set(err, BS_E_USAGE, "--python %s: %s", cfg->python, note);
    if (era && !bs_version_matches(ans.version, era->python))
        return bs_error_set(err, BS_E_USAGE, "--python %s: Python %s, but InvokeAI needs %s",
                            cfg->python, ans.version, era->python);
    if (!ans.has_venv)
        return bs_error_set(err, BS_E_USAGE,
                            "--python %s: venv/ensurepip missing (Debian/Ubuntu: install "
                            "python%.4s-venv)",
                            cfg->python, ans.version);
    bs_strlcpy(c->path, cfg->python, sizeof(c->path));
    bs_strlcpy(c->version, ans.version, sizeof(c->version));
    c->source = "path";
    snprintf(c->reason, sizeof(c->reason), "given with --python");
    return 0;
}

int bs_choose_python(const bs_config *cfg, const bs_tables *t, bs_facts *f, const char *version,
                     bs_py_choice *c, bs_error *err)
{
    const char *want = cfg->python ? cfg->python : "auto";
    bs_managed_python m;
    memset(c, 0, sizeof(*c));
    if (strchr(want, '/'))
        return choose_path(cfg, t, version, c, err);
    bool series = strcmp(want, "3.11") == 0 || strcmp(want, "3.12") == 0;
    if (!series && strcmp(want, "auto") != 0 && strcmp(want, "managed") != 0)
        return bs_error_set(err, BS_E_USAGE,
                            "--python %s: expected auto, 3.11, 3.12, managed or a path", want);
    if (bs_managed_python_find(cfg->root, series ? want : NULL, &m) == 0) {
        bs_strlcpy(c->path, m.executable, sizeof(c->path));
        bs_strlcpy(c->version, m.version, sizeof(c->version));
        c->source = "managed";
        snprintf(c->reason, sizeof(c->reason), "the managed Python in the root");
        return 0;
    }
    if (strcmp(want, "managed") != 0) {
        bs_probe_options popt = {.root = cfg->root, .tool_timeout_ms = 15000};
        bs_report r;
        bs_check chk;
        memset(&r, 0, sizeof(r));
        if (f->python_count == 0)
            bs_probe_pythons(f, t, &popt, NULL);
        bs_check_python(f, t, version, &r, &chk);
        for (int i = 0; i < f->python_count; i++) {
            const bs_python *p = &f->pythons[i];
            bool pick = series ? r.pythons[i].usable && bs_starts_with(p->version, want)
                               : i == r.python_choice;
            if (!pick)
                continue;
            bs_strlcpy(c->path, p->path, sizeof(c->path));
            bs_strlcpy(c->version, p->version, sizeof(c->version));
            c->source = "system";
            snprintf(c->reason, sizeof(c->reason),
                     "a usable system Python (venv and ensurepip work)");
            return 0;
        }
    }
    c->source = "install";
    snprintf(c->reason, sizeof(c->reason), "%s: Python %s will be installed into %s/%s",
             strcmp(want, "managed") == 0 ? "--python managed" : "no usable Python found",
             wanted_series(cfg), cfg->root, bs_root_rel(BS_ROOT_PYTHON));
    return 0;
}

int bs_load_python_manifest(const bs_config *cfg, const bs_fetch_options *fo, char **text,
                            bs_error *err)
{
    const char *m = cfg->python_manifest;
    if (cfg->python_manifest_json) { /* a bundle's own build */
        *text = strdup(cfg->python_manifest_json);
        return *text ? 0 : BS_E_NOMEM;
    }
    if (!m) {
        *text = strdup(bs_asset("python_builds.json", NULL));
        return *text ? 0 : BS_E_NOMEM;
    }
    if (strncmp(m, "https://", 8) == 0)
        return bs_fetch_text(m, fo, 8 << 20, text, err);
    if (strstr(m, "://"))
        return bs_error_set(err, BS_E_USAGE, "--python-manifest %s: only https:// URLs or files",
                            m);
    int rc = plat_read_file(m, 8 << 20, text, NULL);
    return rc ? bs_error_set(err, BS_E_USAGE, "--python-manifest %s: %s", m, bs_code_str(rc)) : 0;
}

int bs_install_managed_python(const bs_config *cfg, const bs_facts *f, const bs_fetch_options *fo,
                              bs_managed_python *m, bs_error *err)
{
    bs_python_install_options opt;
    char *manifest = NULL;
    memset(&opt, 0, sizeof(opt));
    opt.fetch = *fo;
    int rc = bs_load_python_manifest(cfg, &opt.fetch, &manifest, err);
    if (rc)
        return rc;
    opt.root = cfg->root;
    opt.series = wanted_series(cfg);
    opt.manifest_json = manifest;
    opt.mirror_prefix = cfg->python_mirror;
    opt.os = bs_os_name(f->os);
    opt.arch = f->arch;
    opt.libc = bs_python_libc(f);
    rc = bs_python_install(&opt, m, err);
    free(manifest);
    return rc;
}
