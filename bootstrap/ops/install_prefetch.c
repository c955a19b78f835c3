/*
 * install_prefetch.c: the whole plan from wheels we downloaded first. The exact wheel set
 * comes from the resolution kept for this plan, else InvokeAI's uv.lock, else pip's own
 * dry-run report; every wheel is then fetched by our engine (parallel, resumable, checked
 * against the hash the source gave) into <cache>/downloads/wheels, and pip installs them
 * from there with no index and every hash required. A kill anywhere resumes: fetched
 * wheels are kept, a half-fetched one continues from its .part.
 */
#include "core/assets.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "act/package_index.h"
#include "act/resolution.h"
#include "act/venv.h"
#include "ops/bundle.h"
#include "ops/install.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/pep440.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first pip whose --dry-run resolves from PEP 658 metadata instead of downloading
 * every wheel it considers (shared/data/pip-report.md). */
#define METADATA_PIP "25.3"
#define PARALLEL_WHEELS 8

/* Everything the wheel set depends on. */
static void plan_key(const bs_install *in, char *out, size_t size)
{
    snprintf(out, size,
             "invokeai==%s[%s] torch==%s torchvision==%s backend=%s python=%s platform=%s-%s "
             "index=%s torch-index=%s",
             in->version, in->extras, in->torch_version, in->torchvision_version, in->backend.index,
             in->py_minor, bs_os_name(in->facts.os), in->facts.arch,
             in->index_url ? in->index_url : "", in->torch_index);
}

static int kept_path(const bs_install *in, const char *key, char *out, size_t size)
{
    bs_sha256 h;
    char hex[65], name[40], dir[PATH_MAX];
    bs_sha256_init(&h);
    bs_sha256_update(&h, key, strlen(key));
    bs_sha256_final_hex(&h, hex);
    bs_sha256_free(&h);
    snprintf(name, sizeof(name), "%.16s.json", hex);
    if (bs_path_join(dir, sizeof(dir), in->s->root.downloads, "resolutions") != 0)
        return BS_E_USAGE;
    return bs_path_join(out, size, dir, name);
}

static int venv_dists(const bs_install *in, const char *vpy, cJSON **out, bs_error *err)
{
    const char *argv[] = {vpy, "-I", "-c", bs_asset("venv_dists.py", NULL), NULL};
    plat_run_result res;
    int rc = bs_venv_run(argv, bs_os_name(in->facts.os), 60000, &in->s->cancel, &res,
                         "listing the venv's packages", err);
    *out = rc == 0 ? cJSON_Parse(res.out) : NULL;
    plat_run_result_free(&res);
    if (rc == 0 && !cJSON_IsObject(*out))
        rc = bs_error_set(err, BS_E_CHILD, "the venv's package list is unreadable");
    return rc;
}

/* Wheels whose source gave no SHA-256 are fetched first and pinned to what they turned
 * out to be, once, with a note (the kept resolution then checks every later use). */
int bs_install_pin_unhashed(bs_install *in, bs_resolution *r, bs_error *err)
{
    bs_artifact *arts = calloc(r->count + 1, sizeof(*arts));
    bs_fetch_result *res = calloc(r->count + 1, sizeof(*res));
    size_t *at = calloc(r->count + 1, sizeof(*at)), n = 0;
    int rc = arts && res && at ? 0 : BS_E_NOMEM;
    for (size_t i = 0; rc == 0 && i < r->count; i++)
        if (!r->files[i].sha256[0]) {
            at[n] = i;
            arts[n++] = (bs_artifact){.name = r->files[i].filename,
                                      .urls = {r->files[i].url},
                                      .url_count = 1,
                                      .size = r->files[i].size};
        }
    if (rc == 0 && n > 0) {
        bs_emit(&in->s->events, BS_EV_WARNING, "resolve",
                "%s gives no SHA-256 for %lu wheel%s (%s%s): each is pinned to the hash of its "
                "first download",
                strcmp(r->source, "pip") == 0 ? "the index" : r->source, (unsigned long)n,
                n == 1 ? "" : "s", arts[0].name, n > 1 ? ", ..." : "");
        bs_fetch_options fo = in->fo;
        fo.unknown_size_cap = (int64_t)16 << 30;
        fo.max_parallel = PARALLEL_WHEELS;
        rc = bs_fetch_all(arts, (int)n, &fo, res, err);
        for (size_t j = 0; rc == 0 && j < n; j++)
            bs_strlcpy(r->files[at[j]].sha256, res[j].sha256, sizeof(r->files[at[j]].sha256));
    }
    free(arts);
    free(res);
    free(at);
    return rc;
}

int bs_install_keep_wheel(bs_install *in, const bs_index_file *f, char *path, size_t size,
                          bs_error *err)
{
    bs_bundle_file w = {.size = 0};
    snprintf(w.path, sizeof(w.path), "wheels/%s", f->filename);
    bs_strlcpy(w.url, f->url, sizeof(w.url));
    bs_strlcpy(w.sha256, f->sha256, sizeof(w.sha256));
    bs_fetch_options fo = in->fo;
    fo.unknown_size_cap = (int64_t)16 << 30; /* the index pins the hash, not the size */
    int rc = bs_bundle_fill(&fo, in->s->root.downloads, &w, 1, err);
    if (rc == 0 && bs_path_join(path, size, in->s->root.downloads, w.path) != 0)
        rc = bs_error_set(err, BS_E_USAGE, "%s: path too long", in->s->root.downloads);
    return rc;
}

/* The lock for the install: any reason it cannot serve is a note, and pip resolves.
 * Returns 0, 1 or an error that must stop the install. */
static int from_lock(bs_install *in, const char *python, bs_resolution *r, bs_error *err)
{
    bs_error e;
    bs_error_init(&e);
    int rc = bs_install_lock(in, python, NULL, r, &e);
    if (rc == BS_E_INTERRUPTED || rc == BS_E_FILESYSTEM || rc == BS_E_NOMEM)
        return *err = e, rc;
    if (rc && rc != BS_E_INTEGRITY) { /* a bad download of an unhashed wheel stops the install */
        if (bs_install_has_lock(in))
            bs_emit(&in->s->events, BS_EV_NOTE, "resolve", "%s: pip resolves", e.message);
        return 1;
    }
    if (rc)
        *err = e;
    return rc;
}

/* Brings the venv's pip up to one that resolves from metadata, when the package index
 * has one: fetched by our engine, hash-checked, installed from the file. */
static int upgrade_pip(bs_install *in, const char *vpy, const char *cert, bs_error *err)
{
    bs_index_page page = {0};
    bs_error e;
    bs_error_init(&e);
    long best = -1;
    int rc = bs_index_list(in->index_url, NULL, "pip", &in->fo, &page, &e);
    for (size_t i = 0; rc == 0 && i < page.count; i++) {
        bs_wheel_name w;
        const bs_index_file *f = &page.files[i];
        if (!bs_wheel_name_parse(f->filename, &w) || f->yanked || strlen(f->sha256) != 64 ||
            strcmp(w.python_tag, "py3") != 0 || bs_pep440_cmp_str(w.version, METADATA_PIP) < 0)
            continue;
        bs_wheel_name b;
        if (best < 0 || (bs_wheel_name_parse(page.files[best].filename, &b) &&
                         bs_pep440_cmp_str(w.version, b.version) > 0))
            best = (long)i;
    }
    if (rc || best < 0) {
        bs_index_page_free(&page);
        return 1;
    }
    bs_index_file f = page.files[best];
    bs_index_page_free(&page);
    char wheel[PATH_MAX], report[PATH_MAX + 32];
    if ((rc = bs_install_keep_wheel(in, &f, wheel, sizeof(wheel), err)) != 0)
        return rc;
    const char *reqs[] = {wheel, NULL};
    snprintf(report, sizeof(report), "%s/pip-report-pip.json", in->s->root.state);
    bs_pip_request r = {.venv_python = vpy,
                        .os = bs_os_name(in->facts.os),
                        .requirements = reqs,
                        .no_index = true,
                        .cert = cert,
                        .report_path = report,
                        .step = "pip",
                        .cancel = &in->s->cancel,
                        .events = &in->s->events};
    bs_pip_report rep;
    bs_pip_report_init(&rep);
    bs_install_say(in, "Upgrading pip to %s (it resolves from the index's metadata)", f.filename);
    rc = bs_pip_install(&r, &rep, err);
    bs_pip_report_free(&rep);
    return rc;
}

/* pip's own resolution of the plan, from its dry-run report. An old pip downloads every
 * wheel to resolve (2.5 GB of torch), so it is only asked when it is new enough or a test
 * says to (INVOKEAI_BOOTSTRAP_RESOLVE_WITH_OLD_PIP=1). */
static int from_pip(bs_install *in, const char *vpy, const char *cert, const char *pip,
                    bs_resolution *r, bs_error *err)
{
    bool old = bs_pep440_cmp_str(pip, METADATA_PIP) < 0;
    const char *force = getenv("INVOKEAI_BOOTSTRAP_RESOLVE_WITH_OLD_PIP");
    if (old && !(force && strcmp(force, "1") == 0)) {
        bs_emit(&in->s->events, BS_EV_NOTE, "resolve",
                "pip %s would download every wheel just to resolve, and the index has no pip %s "
                "or later: pip downloads the packages itself (torch still resumes)",
                pip, METADATA_PIP);
        return 1;
    }
    char torch[96], vision[96], app[128], report[PATH_MAX + 32];
    snprintf(torch, sizeof(torch), "torch==%s", in->torch_version);
    snprintf(vision, sizeof(vision), "torchvision%s%s", in->torchvision_version[0] ? "==" : "",
             in->torchvision_version);
    snprintf(app, sizeof(app), "invokeai%s%s%s==%s", in->extras[0] ? "[" : "", in->extras,
             in->extras[0] ? "]" : "", in->version);
    const char *reqs[] = {torch, vision, app, in->extras[0] ? "xformers" : NULL, NULL};
    snprintf(report, sizeof(report), "%s/pip-report-resolve.json", in->s->root.state);
    bool two = in->index_url && strcmp(in->index_url, in->torch_index) != 0;
    bs_pip_request q = {.venv_python = vpy,
                        .os = bs_os_name(in->facts.os),
                        .requirements = reqs,
                        .index_url = in->index_url,
                        .extra_index_url = two ? in->torch_index : NULL,
                        .cert = cert,
                        .cache_dir = in->s->root.pip_cache,
                        .report_path = report,
                        .dry_run = true,
                        .step = "resolve",
                        .cancel = &in->s->cancel,
                        .events = &in->s->events};
    bs_pip_report rep;
    bs_pip_report_init(&rep);
    bs_install_say(in, "Resolving with pip %s", pip);
    int rc = bs_pip_install(&q, &rep, err);
    if (rc == 0) {
        bs_error e;
        bs_error_init(&e);
        rc = bs_resolution_from_report(&rep, r, &e);
        if (rc == BS_E_PARSE) {
            bs_emit(&in->s->events, BS_EV_NOTE, "resolve", "%s: pip installs as before", e.message);
            rc = 1;
        }
    }
    bs_pip_report_free(&rep);
    if (rc == 0) {
        bs_strlcpy(r->source, "pip", sizeof(r->source));
        rc = bs_install_pin_unhashed(in, r, err);
    }
    return rc;
}

/* Every wheel the venv does not already have at that version, into <downloads>/wheels. */
static int fetch_wheels(bs_install *in, const bs_resolution *r, const cJSON *have, bs_error *err)
{
    bs_bundle_file *files = calloc(r->count + 1, sizeof(*files));
    int n = 0;
    int64_t bytes = 0;
    if (!files)
        return BS_E_NOMEM;
    for (size_t i = 0; i < r->count; i++) {
        const bs_locked_file *f = &r->files[i];
        const char *v = bs_json_str(have, f->name);
        if (v && strcmp(v, f->version) == 0)
            continue; /* pip leaves it alone: no need for its file */
        bs_bundle_file *b = &files[n++];
        snprintf(b->path, sizeof(b->path), "wheels/%s", f->filename);
        bs_strlcpy(b->url, f->url, sizeof(b->url));
        bs_strlcpy(b->sha256, f->sha256, sizeof(b->sha256));
        b->size = f->size;
        bytes += f->size;
    }
    bs_fetch_options fo = in->fo;
    fo.unknown_size_cap = (int64_t)16 << 30; /* a lock gives sizes, an index often not */
    fo.max_parallel = PARALLEL_WHEELS;
    if (n > 0)
        bs_install_say(in, "Downloading %d wheel%s (%.1f MB), %d at a time", n, n == 1 ? "" : "s",
                       (double)bytes / 1e6, PARALLEL_WHEELS);
    int rc = n > 0 ? bs_bundle_fill(&fo, in->s->root.downloads, files, n, err) : 0;
    free(files);
    return rc;
}

static int write_requirements(const bs_install *in, const bs_resolution *r, char *path, size_t size,
                              bs_error *err)
{
    bs_buf b;
    bs_buf_init(&b);
    for (size_t i = 0; i < r->count; i++)
        bs_buf_printf(&b, "%s==%s --hash=sha256:%s\n", r->files[i].name, r->files[i].version,
                      r->files[i].sha256);
    int rc = bs_path_join(path, size, in->s->root.state, "requirements-locked.txt");
    if (rc == 0)
        rc = plat_write_file_atomic(path, b.data ? b.data : "", b.len, false);
    bs_buf_free(&b);
    return rc ? bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc)) : 0;
}

/* pip saw local files; the receipt names where each came from and its pinned hash. */
static void record_sources(const bs_resolution *r, bs_pip_report *rep)
{
    for (size_t i = 0; i < rep->count; i++) {
        const bs_locked_file *f = bs_resolution_find(r, rep->items[i].name);
        if (f) {
            bs_strlcpy(rep->items[i].url, f->url, sizeof(rep->items[i].url));
            bs_strlcpy(rep->items[i].sha256, f->sha256, sizeof(rep->items[i].sha256));
        }
    }
}

static int install_locked(bs_install *in, const char *vpy, const bs_resolution *r,
                          bs_pip_report *rep, bs_error *err)
{
    char reqs[PATH_MAX], wheels[PATH_MAX], report[PATH_MAX + 32];
    int rc = write_requirements(in, r, reqs, sizeof(reqs), err);
    if (rc)
        return rc;
    bs_path_join(wheels, sizeof(wheels), in->s->root.downloads, "wheels");
    snprintf(report, sizeof(report), "%s/pip-report-locked.json", in->s->root.state);
    bs_pip_request q = {.venv_python = vpy,
                        .os = bs_os_name(in->facts.os),
                        .no_index = true,
                        .find_links = wheels,
                        .requirements_file = reqs,
                        .report_path = report,
                        .step = "install",
                        .cancel = &in->s->cancel,
                        .events = &in->s->events};
    bs_install_say(in, "Installing InvokeAI %s and torch %s (%s) from the downloaded wheels",
                   in->version, in->torch_version, in->backend.backend);
    rc = bs_pip_install(&q, rep, err);
    if (rc == 0)
        record_sources(r, rep);
    return rc;
}

static bool applies(const bs_install *in)
{
    return !in->cfg.offline && !in->cfg.find_links && !in->cfg.bundle && !in->force_torch &&
           !in->cfg.no_prefetch && in->index_url && bs_starts_with(in->index_url, "https://") &&
           bs_starts_with(in->torch_index, "https://") && in->invokeai_file.url[0];
}

static bool load_kept(bs_install *in, const char *key, const char *kept, bs_resolution *r)
{
    if (bs_resolution_load(kept, key, r) != 0)
        return false;
    bs_install_say(in, "Using the resolution kept from an earlier install (%lu packages, %s)",
                   (unsigned long)r->count, r->source);
    return true;
}

/* The resolution: kept, from the lock (unless tried already), or from pip. Returns 0, 1
 * (none) or an error. */
static int resolve(bs_install *in, const char *vpy, const char *cert, const char *key,
                   const char *kept, const cJSON *have, bs_resolution *r, bs_error *err)
{
    if (load_kept(in, key, kept, r))
        return 0;
    int rc = 1;
    if (!in->lock_tried) {
        in->lock_tried = true;
        if ((rc = from_lock(in, vpy, r, err)) != 1)
            return rc;
    }
    const char *pip = bs_json_str(have, "pip");
    if (!pip)
        return 1;
    if (bs_pep440_cmp_str(pip, METADATA_PIP) < 0) {
        if ((rc = upgrade_pip(in, vpy, cert, err)) < 0)
            return rc;
        if (rc == 0)
            return from_pip(in, vpy, cert, METADATA_PIP, r, err);
    }
    return from_pip(in, vpy, cert, pip, r, err);
}

/* Whether python can run the lock reader (tomllib, and pip for its packaging). */
bool bs_install_reads_locks(const bs_install *in, const char *python)
{
    const char *argv[] = {python, "-I", "-c", "import tomllib, pip._vendor.packaging.markers",
                          NULL};
    plat_run_result res;
    bs_error e;
    bs_error_init(&e);
    int rc = bs_venv_run(argv, bs_os_name(in->facts.os), 30000, &in->s->cancel, &res,
                         "checking the Python", &e);
    plat_run_result_free(&res);
    return rc == 0;
}

static int plan_paths(const bs_install *in, char *key, size_t key_size, char *kept,
                      size_t kept_size)
{
    if (!applies(in))
        return 1;
    plan_key(in, key, key_size);
    return kept_path(in, key, kept, kept_size) == 0 ? 0 : 1;
}

int bs_install_prefetch_early(bs_install *in, const char *python, bs_error *err)
{
    char key[sizeof(in->prefetch.key)], kept[PATH_MAX];
    bs_resolution *r = &in->prefetch;
    int rc = plan_paths(in, key, sizeof(key), kept, sizeof(kept));
    if (rc)
        return rc;
    if (!load_kept(in, key, kept, r)) {
        if (!bs_install_has_lock(in) || !bs_install_reads_locks(in, python))
            return 1;
        in->lock_tried = true;
        if ((rc = from_lock(in, python, r, err)) != 0)
            return rc;
    }
    if ((rc = fetch_wheels(in, r, NULL, err)) == 0)
        in->prefetch_ready = true;
    return rc;
}

int bs_install_prefetched(bs_install *in, const char *vpy, const char *cert, bs_pip_report *rep,
                          bs_error *err)
{
    char key[sizeof(in->prefetch.key)], kept[PATH_MAX];
    cJSON *have = NULL;
    bs_resolution *r = &in->prefetch;
    int rc = plan_paths(in, key, sizeof(key), kept, sizeof(kept));
    if (rc)
        return rc;
    if (!in->prefetch_ready) {
        bs_resolution_free(r);
        if ((rc = venv_dists(in, vpy, &have, err)) == 0 &&
            (rc = resolve(in, vpy, cert, key, kept, have, r, err)) == 0)
            rc = fetch_wheels(in, r, have, err);
        cJSON_Delete(have);
        if (rc)
            return rc;
    }
    if ((rc = install_locked(in, vpy, r, rep, err)) == 0) {
        bs_strlcpy(r->key, key, sizeof(r->key));
        if (bs_resolution_save(kept, r) != 0)
            bs_emit(&in->s->events, BS_EV_WARNING, "resolve", "cannot keep the resolution in %s",
                    kept);
    }
    return rc;
}
