/*
 * bundle_write.c: writing a bundle folder with the fetch engine (parallel, resumable,
 * hash-checked), and the bundle of an install, from its receipt (its artifacts name every
 * wheel with its URL and SHA-256).
 */
#include "act/fetch.h"
#include "act/file_copy.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "act/python_manifest.h"
#include "act/receipt.h"
#include "act/resolution.h"
#include "ops/bundle.h"
#include "ops/cache.h"
#include "ops/python_step.h"
#include "core/json.h"
#include "core/strutil.h"
#include "core/version.h"
#include "platform/platform.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 512

/* Fetches every file into the cache (at once, resumable) and copies each into dir. */
static int fetch_all(const bs_session *s, const bs_bundle_file *files, int n, const char *dir,
                     bs_error *err)
{
    bs_fetch_options fo = s->fetch;
    fo.cache_dir = s->root.downloads;
    fo.unknown_size_cap = (int64_t)16 << 30;
    return bs_bundle_fill(&fo, dir, files, n, err);
}

static cJSON *python_entry(const bs_python_build *b, const char *file)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "python_version", b->version);
    cJSON_AddStringToObject(p, "os", b->os);
    cJSON_AddStringToObject(p, "arch", b->arch);
    cJSON_AddStringToObject(p, "libc", b->libc);
    cJSON_AddStringToObject(p, "file", file);
    cJSON_AddStringToObject(p, "sha256", b->sha256);
    cJSON_AddStringToObject(p, "executable_relpath", b->executable_relpath);
    return p;
}

static int write_manifest(const char *dir, const bs_bundle_meta *m, const char *py_file,
                          const bs_bundle_file *files, int n, bs_error *err)
{
    char path[PATH_MAX];
    cJSON *o = cJSON_CreateObject(), *list;
    cJSON_AddNumberToObject(o, "format", 1);
    cJSON_AddStringToObject(o, "installer", BS_VERSION);
    cJSON_AddStringToObject(o, "invokeai", m->invokeai);
    cJSON_AddStringToObject(o, "extras", m->extras);
    cJSON_AddStringToObject(o, "torch", m->torch);
    cJSON_AddStringToObject(o, "backend", m->backend);
    cJSON *plat = cJSON_AddObjectToObject(o, "platform");
    cJSON_AddStringToObject(plat, "os", m->os);
    cJSON_AddStringToObject(plat, "arch", m->arch);
    cJSON_AddStringToObject(plat, "libc", m->libc);
    cJSON_AddItemToObject(o, "python", python_entry(m->py, py_file));
    list = cJSON_AddArrayToObject(o, "files");
    for (int i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "path", files[i].path);
        cJSON_AddNumberToObject(x, "size", (double)files[i].size);
        cJSON_AddStringToObject(x, "sha256", files[i].sha256);
        cJSON_AddItemToArray(list, x);
    }
    char *text = cJSON_Print(o);
    cJSON_Delete(o);
    int rc = text && bs_path_join(path, sizeof(path), dir, "bundle.json") == 0
                 ? plat_write_file_atomic(path, text, strlen(text), false)
                 : BS_E_NOMEM;
    free(text);
    return rc ? bs_error_set(err, BS_E_FILESYSTEM, "cannot write %s/bundle.json", dir) : 0;
}

/* Every wheel the receipt names, each with the URL and hash pip reported. */
static int list_wheels(const bs_receipt *r, bs_bundle_file *files, int *n, bs_error *err)
{
    for (size_t i = 0; i < r->artifacts.count && *n < MAX_FILES; i++) {
        const bs_installed_dist *d = &r->artifacts.items[i];
        char name[256];
        bs_url_basename(d->url, name, sizeof(name));
        if (strlen(d->sha256) != 64 || !bs_safe_file_name(name)) {
            bs_error_set(err, BS_E_INTEGRITY,
                         "the receipt has no SHA-256 for %s (%s): it cannot go into a bundle",
                         d->name, d->url);
            bs_error_hint(err, "reinstall it so pip records it: invokeai-bootstrap repair --full");
            return BS_E_INTEGRITY;
        }
        bs_bundle_file *w = &files[(*n)++];
        snprintf(w->path, sizeof(w->path), "wheels/%s", name);
        bs_strlcpy(w->url, d->url, sizeof(w->url));
        bs_strlcpy(w->sha256, d->sha256, sizeof(w->sha256));
    }
    return 0;
}

/* Marks a bundle folder this program is still filling: a rerun after an interrupt goes on
 * in it (files already right are kept) instead of refusing a folder that is not empty. */
#define UNFINISHED ".unfinished-bundle"

/* A new or empty folder, or one an interrupted run left unfinished, with wheels/ and
 * python/ in it and the unfinished mark. */
static int prepare_out(const char *dir, bs_error *err)
{
    char **names = NULL, sub[PATH_MAX], mark[PATH_MAX];
    size_t count = 0;
    if (bs_path_join(mark, sizeof(mark), dir, UNFINISHED) != 0)
        return bs_error_set(err, BS_E_USAGE, "--out %s: path too long", dir);
    if (plat_list_dir(dir, &names, &count) == 0 && count > 0) {
        plat_free_names(names, count);
        if (!plat_exists(mark))
            return bs_error_set(err, BS_E_USAGE,
                                "--out %s: not empty (a bundle goes into a new folder)", dir);
    }
    if (bs_make_dirs(dir, 0755) != 0 || plat_write_file_atomic(mark, "", 0, false) != 0 ||
        bs_path_join(sub, sizeof(sub), dir, "wheels") != 0 || bs_make_dirs(sub, 0755) != 0 ||
        bs_path_join(sub, sizeof(sub), dir, "python") != 0 || bs_make_dirs(sub, 0755) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create %s", dir);
    return 0;
}

/* This program beside the bundle, so a machine needs nothing else (skipped where the OS
 * does not say where the program is). */
static void copy_self(const char *dir)
{
    char *self = plat_self_exe();
    if (!self)
        return;
    char dst[PATH_MAX], hex[65];
    int64_t size;
    const char *base = strrchr(self, plat_dir_sep()) ? strrchr(self, plat_dir_sep()) + 1 : self;
    if (bs_path_join(dst, sizeof(dst), dir, base) == 0 &&
        bs_copy_to_new_file(self, dst, hex, &size) == 0)
        plat_make_executable(dst);
    free(self);
}

int bs_bundle_python(const bs_session *s, const bs_config *cfg, const char *series, const char *os,
                     const char *arch, const char *libc, bs_python_build *py, bs_bundle_file *file,
                     bs_error *err)
{
    char *manifest = NULL, name[256], urls[2][1024];
    bs_fetch_options fo = s->fetch;
    bs_artifact art;
    fo.cache_dir = NULL;
    int rc = bs_load_python_manifest(cfg, &fo, &manifest, err);
    if (rc == 0)
        rc = bs_python_build_choose(manifest, series, os, arch, libc, py, err);
    free(manifest);
    if (rc)
        return rc;
    bs_python_build_artifact(py, cfg->python_mirror, urls, &art);
    bs_url_basename(py->url, name, sizeof(name));
    if (!bs_safe_file_name(name))
        return bs_error_set(err, BS_E_INTEGRITY, "the Python build's URL names no file: %s",
                            py->url);
    snprintf(file->path, sizeof(file->path), "python/%s", name);
    bs_strlcpy(file->url, art.urls[0], sizeof(file->url));
    bs_strlcpy(file->sha256, py->sha256, sizeof(file->sha256));
    file->size = py->size;
    return 0;
}

int bs_bundle_write(bs_session *s, const bs_config *cfg, const bs_bundle_meta *m,
                    bs_bundle_file *files, int n, bs_error *err)
{
    const bs_events *ev = &s->events;
    const char *dir = cfg->bundle_out;
    int rc = prepare_out(dir, err);
    if (rc)
        return rc;
    bs_emit(ev, BS_EV_NOTE, "bundle", "Fetching %d files for InvokeAI %s (torch %s)", n,
            m->invokeai, m->torch);
    if ((rc = fetch_all(s, files, n, dir, err)) != 0)
        return rc;
    for (int i = 0; i < n; i++) { /* sizes of what landed, for the manifest */
        char path[PATH_MAX], hex[65];
        bs_path_join(path, sizeof(path), dir, files[i].path);
        bs_sha256_file_hex(path, hex, &files[i].size);
    }
    if (m->copy_program)
        copy_self(dir);
    char kept[PATH_MAX];
    bs_strlcpy(m->resolution->key, "bundle", sizeof(m->resolution->key));
    if (bs_path_join(kept, sizeof(kept), dir, "resolution.json") != 0 ||
        bs_resolution_save(kept, m->resolution) != 0)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot write %s/resolution.json", dir);
    /* Written last: a folder with bundle.json is a whole bundle. */
    rc = write_manifest(dir, m, files[0].path, files + 1, n - 1, err);
    char mark[PATH_MAX];
    if (rc == 0 && bs_path_join(mark, sizeof(mark), dir, UNFINISHED) == 0)
        plat_remove_tree(mark);
    if (rc == 0 && m->made) {
        bs_bundle_made *d = m->made;
        bs_strlcpy(d->invokeai, m->invokeai, sizeof(d->invokeai));
        bs_strlcpy(d->torch, m->torch, sizeof(d->torch));
        bs_strlcpy(d->backend, m->backend, sizeof(d->backend));
        bs_strlcpy(d->os, m->os, sizeof(d->os));
        bs_strlcpy(d->arch, m->arch, sizeof(d->arch));
        d->files = n;
        d->program = m->copy_program;
    }
    return rc;
}

int bs_bundle_from_install(bs_session *s, const bs_config *cfg, bs_bundle_made *made, bs_error *err)
{
    const bs_events *ev = &s->events;
    static bs_bundle_file files[MAX_FILES];
    bs_receipt r;
    bs_facts f;
    bs_python_build py;
    char series[8];
    int n = 1, rc;
    bs_receipt_init(&r);
    bs_facts_init(&f);
    if ((rc = bs_receipt_read(cfg->root, &r)) != 0) {
        bs_error_set(err, BS_E_NOT_FOUND, "no finished install in %s to bundle", cfg->root);
        bs_error_hint(err,
                      "install first (the bundle holds exactly what that install used), or name "
                      "what to bundle: --version V --backend B [--platform P]");
        goto done;
    }
    bs_probe_options popt = {.root = cfg->root, .tool_timeout_ms = 15000};
    bs_probe_system(&f, &popt, ev);
    snprintf(series, sizeof(series), "%.4s", r.python_version);
    if (series[3] == '.')
        series[3] = '\0'; /* "3.11.9" -> "3.11", "3.9.1" -> "3.9" */
    if ((rc = bs_bundle_python(s, cfg, series, bs_os_name(f.os), f.arch, bs_python_libc(&f), &py,
                               &files[0], err)) != 0 ||
        (rc = list_wheels(&r, files, &n, err)) != 0)
        goto done;
    bs_resolution wheels;
    bs_resolution_init(&wheels);
    bs_strlcpy(wheels.source, "install", sizeof(wheels.source));
    for (size_t i = 0; rc == 0 && i < r.artifacts.count; i++) {
        const bs_installed_dist *d = &r.artifacts.items[i];
        bs_locked_file w = {0};
        bs_strlcpy(w.name, d->name, sizeof(w.name));
        bs_strlcpy(w.version, d->version, sizeof(w.version));
        bs_url_basename(d->url, w.filename, sizeof(w.filename));
        bs_strlcpy(w.url, d->url, sizeof(w.url));
        bs_strlcpy(w.sha256, d->sha256, sizeof(w.sha256));
        rc = bs_resolution_add(&wheels, &w);
    }
    bs_bundle_meta m = {.invokeai = r.invokeai,
                        .extras = r.extras,
                        .torch = r.torch,
                        .backend = r.backend,
                        .os = bs_os_name(f.os),
                        .arch = f.arch,
                        .libc = bs_python_libc(&f),
                        .py = &py,
                        .copy_program = true,
                        .resolution = &wheels,
                        .made = made};
    if (rc == 0)
        rc = bs_bundle_write(s, cfg, &m, files, n, err);
    bs_resolution_free(&wheels);
done:
    bs_facts_free(&f);
    bs_receipt_free(&r);
    return rc;
}
