/*
 * venv.c: creating the venv and running pip and the verify script in it, isolated.
 */
#include "core/assets.h"
#include "core/root_layout.h"
#include "act/venv.h"
#include "act/fs_tree.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIP_TIMEOUT_MS (4 * 3600 * 1000) /* a 2.5 GB torch on a slow line */
#define OUTPUT_TAIL (64 * 1024)

int bs_venv_dir(const char *root, char *out, size_t size)
{
    return bs_root_path(root, BS_ROOT_VENV, out, size);
}

int bs_venv_python(const char *root, const char *os, char *out, size_t size)
{
    char dir[4096];
    int rc = bs_venv_dir(root, dir, sizeof(dir));
    if (rc)
        return rc;
    return bs_path_join(out, size, dir,
                        strcmp(os, "windows") == 0 ? "Scripts\\python.exe" : "bin/python");
}

static bool dropped_variable(const char *kv)
{
    static const char *const prefixes[] = {"PIP_", "PYTHON",
                                           "VIRTUAL_ENV=", "CONDA_PREFIX=", "__PYVENV_LAUNCHER__="};
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (bs_starts_with(kv, prefixes[i]))
            return true;
    return false;
}

char **bs_child_env(const char *os, bool own_ca_bundle)
{
    const char *const *env = plat_environ();
    size_t n = 0, k = 0;
    while (env && env[n])
        n++;
    char **out = calloc(n + 2, sizeof(*out));
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        /* requests lets these beat pip's --cert, so with our bundle they must go. */
        if (own_ca_bundle && (bs_starts_with(env[i], "REQUESTS_CA_BUNDLE=") ||
                              bs_starts_with(env[i], "CURL_CA_BUNDLE=")))
            continue;
        if (!dropped_variable(env[i]) && (out[k] = strdup(env[i])) != NULL)
            k++;
    }
    /* pip skips every configuration file when this equals os.devnull. */
    out[k] =
        strdup(strcmp(os, "windows") == 0 ? "PIP_CONFIG_FILE=nul" : "PIP_CONFIG_FILE=/dev/null");
    return out;
}

void bs_child_env_free(char **env)
{
    for (size_t i = 0; env && env[i]; i++)
        free(env[i]);
    free(env);
}

/* Runs a Python child isolated; res is filled; returns 0 or BS_E_CHILD/INTERRUPTED with
 * what happened in err. */
static int run_isolated(const char *const argv[], const char *os, bool own_ca, int timeout_ms,
                        volatile sig_atomic_t *cancel,
                        void (*on_output)(void *, int, const char *, size_t), void *user,
                        plat_run_result *res, const char *what, bs_error *err)
{
    char **env = bs_child_env(os, own_ca);
    if (!env)
        return BS_E_NOMEM;
    plat_run_opts o = {.env = (const char *const *)env,
                       .keep_tail = true,
                       .cancel = cancel,
                       .on_output = on_output,
                       .user = user};
    int rc = plat_run_ex(argv, &o, timeout_ms, OUTPUT_TAIL, res);
    bs_child_env_free(env);
    if (rc)
        return bs_error_set(err, BS_E_CHILD, "%s: cannot run %s: %s", what, argv[0],
                            bs_code_str(rc));
    if (res->cancelled)
        return bs_error_set(err, BS_E_INTERRUPTED, "%s: interrupted", what);
    if (res->spawn_failed)
        return bs_error_set(err, BS_E_CHILD, "%s: cannot start %s", what, argv[0]);
    if (res->timed_out || res->term_signal || res->exit_code != 0) {
        char tail[1200];
        bs_tail_lines(res->err_len ? res->err : res->out, 12, tail, sizeof(tail));
        bs_error_set(err, BS_E_CHILD, "%s failed (%s %d)", what,
                     res->timed_out     ? "timed out after"
                     : res->term_signal ? "signal"
                                        : "exit code",
                     res->timed_out     ? timeout_ms / 1000
                     : res->term_signal ? res->term_signal
                                        : res->exit_code);
        bs_error_hint(err, "%s", tail);
        return BS_E_CHILD;
    }
    return 0;
}

/* Whether the venv runs, on which minor version, with pip. */
static bool venv_healthy(const char *vpy, const char *os, const char *minor)
{
    const char *argv[] = {vpy, "-I", "-c", bs_asset("venv_probe.py", NULL), NULL};
    plat_run_result res;
    bs_error err;
    bs_error_init(&err);
    if (!plat_is_executable_file(vpy))
        return false;
    int rc = run_isolated(argv, os, false, 60000, NULL, NULL, NULL, &res, "venv check", &err);
    char want[40];
    snprintf(want, sizeof(want), "%s 1", minor);
    bool ok = rc == 0 && strncmp(res.out, want, strlen(want)) == 0;
    plat_run_result_free(&res);
    return ok;
}

/* Removes a venv being replaced. The ensurepip of a run killed while it made this venv
 * outlives that run by a few seconds (its processes are not ours to reap) and writes
 * into it meanwhile, so a removal that fails is retried once a second for up to 30 s;
 * after that the rest is moved into trash, for a later run to remove. */
static int discard(const char *dir, const char *trash, const bs_events *ev)
{
    char aside[4200];
    for (int i = 0; i < 30; i++) {
        if (bs_remove_tree(dir) == 0)
            return 0;
        if (i == 0)
            bs_emit(ev, BS_EV_NOTE, "venv",
                    "%s is still being written (by a Python of an earlier run?): waiting", dir);
        plat_sleep_ms(1000);
    }
    snprintf(aside, sizeof(aside), "%s/venv-%llu", trash, (unsigned long long)plat_now_ms());
    int rc = bs_make_dirs(trash, 0755);
    return rc ? rc : plat_rename_replace(dir, aside);
}

int bs_venv_ensure(const char *root, const char *os, const char *python, const char *python_version,
                   bool recreate, volatile sig_atomic_t *cancel, const bs_events *ev, bool *created,
                   bs_error *err)
{
    char dir[4096], vpy[4096], minor[16];
    const char *dot = strchr(python_version, '.');
    const char *dot2 = dot ? strchr(dot + 1, '.') : NULL;
    bs_strncpy_bounded(minor, sizeof(minor), python_version,
                       dot2 ? (size_t)(dot2 - python_version) : strlen(python_version));
    *created = false;
    if (bs_venv_dir(root, dir, sizeof(dir)) || bs_venv_python(root, os, vpy, sizeof(vpy)))
        return bs_error_set(err, BS_E_FILESYSTEM, "%s: path too long", root);
    if (!recreate && venv_healthy(vpy, os, minor))
        return 0;
    char trash[4096];
    bs_root_path(root, BS_ROOT_TRASH, trash, sizeof(trash));
    bs_remove_tree(trash); /* what an earlier run had to move aside; best effort */
    if (plat_exists(dir)) {
        bs_emit(ev, BS_EV_NOTE, "venv", "re-creating %s (%s)", dir,
                recreate ? "asked for" : "broken, or made by another Python");
        int rc = discard(dir, trash, ev);
        if (rc)
            return bs_error_set(err, BS_E_FILESYSTEM, "cannot remove %s: %s", dir, bs_code_str(rc));
    }
    const char *argv[] = {python, "-I", "-m", "venv", "--prompt", "invoke", dir, NULL};
    plat_run_result res;
    int rc = run_isolated(argv, os, false, 10 * 60 * 1000, cancel, NULL, NULL, &res,
                          "creating the venv", err);
    plat_run_result_free(&res);
    if (rc == 0 && !venv_healthy(vpy, os, minor))
        rc = bs_error_set(err, BS_E_CHILD, "the new venv %s does not run Python %s with pip", dir,
                          minor);
    if (rc) {
        bs_remove_tree(dir); /* half a venv would only confuse the next run */
        return rc;
    }
    *created = true;
    return 0;
}

/* pip's output, line by line, turned into the few notes a person wants to see. */
struct pip_lines {
    const bs_events *ev;
    const char *step;
    char line[1024];
    size_t len;
};

static void pip_line(struct pip_lines *p)
{
    p->line[p->len] = '\0';
    char *l = bs_trim(p->line);
    if (bs_starts_with(l, "Downloading ") || bs_starts_with(l, "Installing collected") ||
        bs_starts_with(l, "Successfully installed") || bs_starts_with(l, "Using cached ") ||
        bs_starts_with(l, "ERROR:"))
        bs_emit(p->ev, BS_EV_NOTE, p->step, "%s", l);
    else if (*l)
        bs_emit(p->ev, BS_EV_DETAIL, p->step, "%s", l);
    p->len = 0;
}

static void pip_output_cb(void *user, int stream, const char *data, size_t len)
{
    struct pip_lines *p = user;
    (void)stream;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n' || data[i] == '\r') {
            if (p->len)
                pip_line(p);
        } else if (p->len + 1 < sizeof(p->line)) {
            p->line[p->len++] = data[i];
        }
    }
}

/* The pip command line for r into argv (64 slots), NULL-ended; returns its length. */
static int pip_argv(const bs_pip_request *r, const char *argv[64])
{
    int n = 0;
    argv[n++] = r->venv_python;
    argv[n++] = "-I";
    argv[n++] = "-m";
    argv[n++] = "pip";
    argv[n++] = "install";
    argv[n++] = "--isolated";
    argv[n++] = "--no-input";
    argv[n++] = "--disable-pip-version-check";
    argv[n++] = "--no-color";
    argv[n++] = "--progress-bar";
    argv[n++] = "off";
    argv[n++] = "--report";
    argv[n++] = r->report_path;
    if (r->cache_dir) {
        argv[n++] = "--cache-dir";
        argv[n++] = r->cache_dir;
    }
    if (r->cert) {
        argv[n++] = "--cert";
        argv[n++] = r->cert;
    }
    if (r->no_index) {
        argv[n++] = "--no-index";
    } else {
        argv[n++] = "--index-url";
        argv[n++] = r->index_url;
        if (r->extra_index_url) {
            argv[n++] = "--extra-index-url";
            argv[n++] = r->extra_index_url;
        }
    }
    if (r->find_links) {
        argv[n++] = "--find-links";
        argv[n++] = r->find_links;
    }
    if (r->constraints) {
        argv[n++] = "--constraint";
        argv[n++] = r->constraints;
    }
    if (r->force_reinstall)
        argv[n++] = "--force-reinstall";
    if (r->no_deps)
        argv[n++] = "--no-deps";
    if (r->dry_run) {
        argv[n++] = "--dry-run";
        argv[n++] = "--ignore-installed";
    }
    if (r->requirements_file) {
        argv[n++] = "--require-hashes";
        argv[n++] = "-r";
        argv[n++] = r->requirements_file;
    }
    for (int i = 0; r->requirements && r->requirements[i] && n < 62; i++)
        argv[n++] = r->requirements[i];
    argv[n] = NULL;
    return n;
}

int bs_pip_install(const bs_pip_request *r, bs_pip_report *report, bs_error *err)
{
    const char *argv[64];
    int n = pip_argv(r, argv);
    bs_buf shown;
    bs_buf_init(&shown);
    for (int i = 4; i < n; i++)
        bs_buf_printf(&shown, " %s", argv[i]);
    bs_emit(r->events, BS_EV_DETAIL, r->step, "pip%s", shown.data ? shown.data : "");
    bs_buf_free(&shown);

    struct pip_lines lines = {.ev = r->events, .step = r->step};
    plat_run_result res;
    plat_unlink(r->report_path); /* an old report must not pass for this run's */
    int rc = run_isolated(argv, r->os, r->cert != NULL, PIP_TIMEOUT_MS, r->cancel, pip_output_cb,
                          &lines, &res, "pip install", err);
    plat_run_result_free(&res);
    if (rc)
        return rc;
    char *text = NULL;
    rc = plat_read_file(r->report_path, 64u << 20, &text, NULL);
    if (rc == 0) {
        rc = bs_pip_report_parse(text, report);
        free(text);
    }
    if (rc)
        return bs_error_set(err, BS_E_CHILD, "pip's report %s is missing or unreadable",
                            r->report_path);
    return 0;
}

/* assets/py/verify.py: what the venv holds, as one JSON line. */
int bs_venv_verify(const char *venv_python, const char *os, bool quick, bool files,
                   bs_torch_answer *answer, bs_error *err)
{
    const char *argv[] = {
        venv_python,          "-I", "-c", bs_asset("verify.py", NULL), quick ? "quick" : "full",
        files ? "files" : "", NULL};
    plat_run_result res;
    int rc = run_isolated(argv, os, false, 10 * 60 * 1000, NULL, NULL, NULL, &res, "verify", err);
    if (rc == 0 && bs_torch_answer_parse(res.out, answer) != 0)
        rc = bs_error_set(err, BS_E_CHILD, "verify: the venv's Python printed no answer");
    plat_run_result_free(&res);
    return rc;
}

int bs_venv_run(const char *const argv[], const char *os, int timeout_ms,
                volatile sig_atomic_t *cancel, plat_run_result *res, const char *what,
                bs_error *err)
{
    return run_isolated(argv, os, false, timeout_ms, cancel, NULL, NULL, res, what, err);
}
