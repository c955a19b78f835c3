/*
 * install_plan.c: resolving and printing the install plan: the InvokeAI release from the
 * package index, its pin on torch from the release's metadata, the torch backend (with
 * the indexes asked whether they publish that torch), the exact torch build, the Python.
 */
#include "act/package_index.h"
#include "ops/install.h"
#include "core/pep440.h"
#include "core/strutil.h"
#include "core/version.h"
#include "decide/os_deps.h"
#include "platform/platform.h"
#include "probe/parse_metadata.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_INDEX "https://pypi.org/simple"
#define DEFAULT_TORCH_BASE "https://download.pytorch.org/whl"

void bs_install_say(bs_install *in, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    bs_emit(&in->s->events, BS_EV_PHASE, "install", "%s", line);
}

void bs_install_init(bs_install *in, bs_session *s, const bs_config *cfg)
{
    memset(in, 0, sizeof(*in));
    in->s = s;
    in->cfg = *cfg;
    in->t = s->tables;
    bs_facts_init(&in->facts);
    in->fo = s->fetch;
    in->fo.cache_dir = s->root.downloads;
    in->index_url = cfg->offline ? NULL : cfg->index_url ? cfg->index_url : DEFAULT_INDEX;
    bs_strlcpy(in->torch_base, cfg->torch_index_url ? cfg->torch_index_url : DEFAULT_TORCH_BASE,
               sizeof(in->torch_base));
    size_t n = strlen(in->torch_base);
    if (n && in->torch_base[n - 1] == '/')
        in->torch_base[n - 1] = '\0';
    bs_error_init(&in->lookup_err);
}

int bs_install_set_root(bs_install *in, const char *typed_root, bs_error *err)
{
    int rc = bs_session_set_root(in->s, typed_root, in->cfg.cache_dir, err);
    if (rc)
        return rc;
    in->cfg.root = in->s->root.dir;
    in->fo.cache_dir = in->s->root.downloads;
    return 0;
}

void bs_install_free(bs_install *in)
{
    bs_resolution_free(&in->prefetch);
    for (int i = 0; i < in->page_count; i++)
        bs_index_page_free(&in->pages[i].page);
    in->page_count = 0;
    bs_facts_free(&in->facts);
}

void bs_install_probe(bs_install *in)
{
    bs_probe_options popt = {.root = in->cfg.root, .tool_timeout_ms = 15000};
    bs_check_options copt = {.version = NULL, .backend = NULL, .root = in->cfg.root};
    bs_error err;
    bs_probe_all(&in->facts, in->t, &popt, &in->s->events);
    bs_run_checks(&in->facts, in->t, &copt, &in->report, &err);
}

static bs_target target_of(const bs_install *in)
{
    bs_target t = {.python = in->py_minor,
                   .python_full = in->py.version[0] ? in->py.version : in->py_minor,
                   .os = bs_os_name(in->facts.os),
                   .arch = in->facts.arch};
    return t;
}

/* The project page of project on the index named name ("default" = the package index),
 * read once per run. */
static int index_page(bs_install *in, const char *name, const char *project, bs_index_page **out,
                      bs_error *err)
{
    char key[sizeof(in->pages[0].name)], url[1100];
    snprintf(key, sizeof(key), "%s/%s", name, project);
    for (int i = 0; i < in->page_count; i++)
        if (strcmp(in->pages[i].name, key) == 0) {
            *out = &in->pages[i].page;
            return 0;
        }
    if (in->page_count == BS_INSTALL_PAGES)
        return bs_error_set(err, BS_E_NOMEM, "too many indexes consulted");
    const char *index = NULL;
    if (strcmp(name, "default") == 0)
        index = in->index_url;
    else if (!in->cfg.offline) {
        snprintf(url, sizeof(url), "%s/%s", in->torch_base, name);
        index = url;
    }
    bs_index_page *p = &in->pages[in->page_count].page;
    bs_index_page_init(p);
    bs_emit(&in->s->events, BS_EV_DETAIL, "plan", "reading %s/%s/", index ? index : "(no index)",
            project);
    int rc = bs_index_list(index, in->cfg.find_links, project, &in->fo, p, err);
    if (rc) {
        bs_index_page_free(p);
        return rc;
    }
    bs_strlcpy(in->pages[in->page_count].name, key, sizeof(key));
    in->page_count++;
    *out = p;
    return 0;
}

/* PEP 508 marker values for the target, to read requirements the way pip will. */
static bs_marker_env marker_env_of(const bs_install *in)
{
    bs_marker_env env = {.sys_platform =
                             in->facts.os == BS_OS_WINDOWS ? "win32" : bs_os_name(in->facts.os),
                         .platform_machine = in->facts.arch,
                         .python_version = in->py_minor};
    return env;
}

static bool torch_published(void *user, const char *index_name)
{
    bs_install *in = user;
    bs_index_page *p;
    bs_target t = target_of(in);
    if (in->lookup_rc)
        return false;
    in->lookup_rc = index_page(in, index_name, "torch", &p, &in->lookup_err);
    if (in->lookup_rc)
        return false;
    return bs_pick_build(p, "torch", in->torch_spec, bs_backend_label(index_name), &t) >= 0;
}

/* The release, its Requires-Python and its pin on torch. */
static int plan_release(bs_install *in, const char *want, bs_error *err)
{
    bs_index_page *page;
    bs_target t = target_of(in);
    char why[256], *meta = NULL, requires_python[96];
    int rc = index_page(in, "default", "invokeai", &page, err);
    if (rc)
        return rc;
    long i = bs_pick_release(page, "invokeai", want, in->cfg.pre, &t, why, sizeof(why));
    if (i < 0) {
        bs_error_set(err, BS_E_NOT_FOUND, "%s", why);
        bs_error_hint(err, "index: %s%s%s", in->index_url ? in->index_url : "(none)",
                      in->cfg.find_links ? ", wheels: " : "",
                      in->cfg.find_links ? in->cfg.find_links : "");
        return BS_E_NOT_FOUND;
    }
    bs_wheel_name w;
    bs_wheel_name_parse(page->files[i].filename, &w);
    bs_strlcpy(in->version, w.version, sizeof(in->version));
    in->invokeai_file = page->files[i];
    if ((rc = bs_wheel_metadata(&page->files[i], &in->fo, &meta, err)) != 0)
        return rc;
    bs_marker_env env = marker_env_of(in);
    bs_metadata_field(meta, "Requires-Python", requires_python, sizeof(requires_python));
    bool needs_torch =
        bs_metadata_requirement(meta, "torch", &env, in->torch_spec, sizeof(in->torch_spec));
    free(meta);
    if (!needs_torch)
        return bs_error_set(err, BS_E_PARSE,
                            "InvokeAI %s does not require torch: not an "
                            "InvokeAI release this installer understands",
                            in->version);
    if (requires_python[0] && !bs_pep440_matches(t.python_full, requires_python))
        return bs_error_set(err, BS_E_USAGE, "InvokeAI %s needs Python %s; the chosen Python is %s",
                            in->version, requires_python, t.python_full);
    return 0;
}

/* The exact torch build on the chosen backend's index. */
static int plan_torch(bs_install *in, bs_error *err)
{
    bs_index_page *page;
    bs_target t = target_of(in);
    const char *label = bs_backend_label(in->backend.index);
    int rc = index_page(in, in->backend.index, "torch", &page, err);
    if (rc)
        return rc;
    long i = bs_pick_build(page, "torch", in->torch_spec, label, &t);
    if (strcmp(in->backend.index, "default") == 0 || in->cfg.offline)
        bs_strlcpy(in->torch_index, in->index_url ? in->index_url : "", sizeof(in->torch_index));
    else
        snprintf(in->torch_index, sizeof(in->torch_index), "%s/%s", in->torch_base,
                 in->backend.index);
    if (i < 0) {
        /* Never fall back silently: a ROCm index without the pinned torch once gave
         * users a CUDA build (InvokeAI issue 7146). */
        bs_error_set(err, BS_E_NOT_FOUND,
                     "the %s index has no torch%s%s build matching %s for Python %s on %s %s",
                     in->backend.index, label[0] ? " +" : "", label,
                     in->torch_spec[0] ? in->torch_spec : "(any)", in->py_minor,
                     bs_os_name(in->facts.os), in->facts.arch);
        bs_error_hint(err, "index: %s; another build: --backend cpu (or cuXYZ, rocmX.Y)",
                      in->torch_index[0] ? in->torch_index : in->cfg.find_links);
        return BS_E_NOT_FOUND;
    }
    bs_wheel_name w;
    bs_wheel_name_parse(page->files[i].filename, &w);
    bs_strlcpy(in->torch_version, w.version, sizeof(in->torch_version));
    in->torch_file = page->files[i];
    return 0;
}

/* For a labelled backend, the newest torchvision with the same label that works with our
 * torch (its metadata's pin): a wheel folder or mirror holding several builds must not
 * hand pip a torchvision of another build. */
static int plan_torchvision(bs_install *in, bs_error *err)
{
    bs_index_page *page;
    bs_target t = target_of(in);
    const char *label = bs_backend_label(in->backend.index);
    char spec[160] = "";
    in->torchvision_version[0] = '\0';
    if (!label[0])
        return 0;
    int rc = index_page(in, in->backend.index, "torchvision", &page, err);
    if (rc)
        return rc;
    bs_marker_env env = marker_env_of(in);
    /* Newest first: each round excludes the version just rejected. */
    for (int tries = 0; tries < 12; tries++) {
        long i = bs_pick_build(page, "torchvision", spec, label, &t);
        char *meta = NULL, needs[128];
        if (i < 0)
            break;
        bs_wheel_name w;
        bs_wheel_name_parse(page->files[i].filename, &w);
        if ((rc = bs_wheel_metadata(&page->files[i], &in->fo, &meta, err)) != 0)
            return rc;
        bool pins = bs_metadata_requirement(meta, "torch", &env, needs, sizeof(needs));
        free(meta);
        if (!pins || bs_pep440_matches(in->torch_version, needs)) {
            bs_strlcpy(in->torchvision_version, w.version, sizeof(in->torchvision_version));
            return 0;
        }
        size_t used = strlen(spec);
        snprintf(spec + used, sizeof(spec) - used, "%s<%s", used ? "," : "", w.version);
    }
    return 0; /* none found: pip decides, and verify checks the result */
}

/* The checks that depend on the backend (disk, tmpfs, driver, backend), again for the one
 * the plan chose: the report the run acts on is sized for the build it installs. */
static void recheck_for_backend(bs_install *in)
{
    in->report.backend = in->backend;
    for (int i = 0; i < in->report.count; i++) {
        bs_check *c = &in->report.checks[i];
        if (strcmp(c->id, "disk") == 0)
            bs_check_disk(&in->facts, in->t, &in->backend, c);
        else if (strcmp(c->id, "tmpfs") == 0)
            bs_check_tmpfs(&in->facts, in->t, &in->backend, c);
        else if (strcmp(c->id, "driver") == 0)
            bs_check_driver(&in->facts, &in->backend, c);
        else if (strcmp(c->id, "backend") == 0)
            bs_check_backend(&in->facts, &in->backend, c);
    }
}

const bs_check *bs_install_check(const bs_install *in, const char *id)
{
    for (int i = 0; i < in->report.count; i++)
        if (strcmp(in->report.checks[i].id, id) == 0)
            return &in->report.checks[i];
    return NULL;
}

const char *bs_step_name(bs_step step)
{
    static const char *const names[BS_STEP_COUNT] = {"os-deps", "python",    "venv",   "packages",
                                                     "verify",  "launchers", "receipt"};
    return (unsigned)step < BS_STEP_COUNT ? names[step] : "";
}

/* Which steps run: the OS step only when one of its checks is not a pass (and not
 * --no-os-deps), the Python step only when the chosen Python is still to be installed. */
static void plan_steps(bs_install *in)
{
    static const char *const os_checks[] = {"opencv-libs", "vcredist", "long-paths", "xcode-clt"};
    for (int i = 0; i < BS_STEP_COUNT; i++)
        in->steps[i] = true;
    bool os_missing = false;
    for (size_t i = 0; i < sizeof(os_checks) / sizeof(os_checks[0]); i++) {
        const bs_check *c = bs_install_check(in, os_checks[i]);
        os_missing = os_missing || (c && c->status != BS_PASS);
    }
    in->steps[BS_STEP_OS_DEPS] = os_missing && !in->cfg.no_os_deps;
    in->steps[BS_STEP_PYTHON] = !in->py.path[0] || (in->cfg.reinstall_python && in->py.source &&
                                                    strcmp(in->py.source, "managed") == 0);
}

static void plan_settings(bs_install *in)
{
    in->extras[0] = '\0';
    if (in->backend.xformers && in->facts.os != BS_OS_DARWIN)
        bs_strlcpy(in->extras, "xformers", sizeof(in->extras));
    in->float32 = false;
    for (int i = 0; i < in->report.count; i++) {
        const bs_check *c = &in->report.checks[i];
        if (strcmp(c->id, "gpu-problematic") == 0 && c->status != BS_PASS &&
            !in->backend.gpu_unused) {
            in->float32 = true;
            bs_strlcpy(in->float32_why, c->summary, sizeof(in->float32_why));
        }
    }
}

int bs_install_plan(bs_install *in, const char *want, const char *backend, bs_error *err)
{
    const char *era_version = want && strcmp(want, "latest") != 0 ? want : NULL;
    int rc = in->python_chosen
                 ? 0
                 : bs_choose_python(&in->cfg, in->t, &in->facts, era_version, &in->py, err);
    if (rc)
        return rc;
    const char *v = in->py.version[0]                                       ? in->py.version
                    : in->cfg.python && strcmp(in->cfg.python, "3.12") == 0 ? "3.12"
                                                                            : "3.11";
    const char *dot = strchr(v, '.'), *dot2 = dot ? strchr(dot + 1, '.') : NULL;
    bs_strncpy_bounded(in->py_minor, sizeof(in->py_minor), v,
                       dot2 ? (size_t)(dot2 - v) : strlen(v));
    if ((rc = plan_release(in, want, err)) != 0)
        return rc;
    const bs_era *era = bs_era_for(in->t, in->version);
    if (era && !bs_version_matches(in->py_minor, era->python)) {
        bs_error_set(err, BS_E_USAGE, "InvokeAI %s supports Python %s, not %s (%s)", in->version,
                     era->python, in->py_minor, in->py.path[0] ? in->py.path : "managed");
        bs_error_hint(err, "choose one with --python 3.11 (or --python PATH)");
        return BS_E_USAGE;
    }
    in->lookup_rc = 0;
    in->backend_forced = backend && strcmp(backend, "auto") != 0;
    rc = bs_choose_backend_for(&in->facts, in->t, in->version, backend, torch_published, in,
                               &in->backend, err);
    if (rc == 0 && in->lookup_rc) {
        *err = in->lookup_err;
        rc = in->lookup_rc;
    }
    if (rc)
        return rc;
    if ((rc = plan_torch(in, err)) != 0 || (rc = plan_torchvision(in, err)) != 0)
        return rc;
    recheck_for_backend(in);
    plan_settings(in);
    plan_steps(in);
    return 0;
}
