/*
 * install_exec.c: carrying out the plan. Each step is idempotent (pip leaves what is
 * already right alone; the venv is kept when healthy), so a rerun after a failure or a
 * kill finishes the job. The receipt is written last, atomically.
 */
#include "act/cudnn_swap.h"
#include "act/fs_tree.h"
#include "act/hash.h"
#include "act/launchers.h"
#include "act/tls_trust.h"
#include "act/venv.h"
#include "ops/os_deps_step.h"
#include "ops/install.h"
#include "core/buf.h"
#include "core/pep440.h"
#include "core/strutil.h"
#include "decide/verify.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* pip's --cert replaces its trust store, while our --cacert adds to the system's: give
 * pip the system bundle plus the user's, so both kinds of host verify. */
static int write_ca_bundle(bs_install *in, char *path, size_t size, bs_error *err)
{
    bs_buf b;
    char *text = NULL;
    bs_buf_init(&b);
    char system_bundle[512];
    if (bs_find_ca_bundle("/", system_bundle, sizeof(system_bundle)) == 0 &&
        plat_read_file(system_bundle, 8u << 20, &text, NULL) == 0) {
        bs_buf_printf(&b, "%s\n", text);
        free(text);
    }
    if (plat_read_file(in->cfg.cacert, 8u << 20, &text, NULL) != 0) {
        bs_buf_free(&b);
        return bs_error_set(err, BS_E_USAGE, "--cacert %s: cannot read it", in->cfg.cacert);
    }
    bs_buf_printf(&b, "%s\n", text);
    free(text);
    int rc = bs_path_join(path, size, in->s->root.state, "ca-bundle.pem");
    if (rc == 0)
        rc = plat_write_file_atomic(path, b.data, b.len, false);
    bs_buf_free(&b);
    return rc ? bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc)) : 0;
}

/* OpenCV's libraries (Linux) or the Xcode tools (macOS), unless --no-os-deps. The plan was
 * accepted already (--yes or its final question), so nothing is asked again; a failure is
 * a warning with the command to run, since InvokeAI itself still installs. */
static int step_os_deps(bs_install *in, bs_error *err)
{
    if (!in->steps[BS_STEP_OS_DEPS])
        return 0;
    bs_os_deps_run run = {.s = in->s,
                          .assume_yes = true,
                          .may_ask = in->s->confirm != NULL,
                          .root = in->cfg.root,
                          .vcredist_url = in->cfg.vcredist_url};
    bs_error why;
    bs_error_init(&why);
    int rc = bs_os_deps_step(&run, &in->facts, &why);
    if (rc == BS_E_INTERRUPTED) {
        *err = why;
        return rc;
    }
    if (rc != 0)
        bs_emit(&in->s->events, BS_EV_WARNING, "os-deps", "%s%s%s", why.message,
                why.hint[0] ? "; " : "", why.hint);
    return 0;
}

static int step_python(bs_install *in, bs_error *err)
{
    if (!in->steps[BS_STEP_PYTHON])
        return 0;
    bs_managed_python m;
    if (in->cfg.reinstall_python) {
        bs_install_say(in, "Removing the managed Python to reinstall it");
        bs_remove_tree(in->s->root.python);
    }
    bs_install_say(in, "Installing Python %s into %s", in->py_minor, in->s->root.python);
    int rc = bs_install_managed_python(&in->cfg, &in->facts, &in->fo, &m, err);
    if (rc)
        return rc;
    bs_strlcpy(in->py.path, m.executable, sizeof(in->py.path));
    bs_strlcpy(in->py.version, m.version, sizeof(in->py.version));
    in->py.source = "managed";
    return 0;
}

/* The torch wheel (2.5 GB for CUDA) through our own fetch engine rather than pip's, so a
 * dropped or killed download resumes where it stopped instead of starting over: fetched
 * and hash-checked into the cache, then kept under its wheel name in <downloads>/wheels
 * for pip. Returns 0 with the wheel's path, or 1 when pip must fetch it itself (offline,
 * a local wheel folder, or an index that gives no SHA-256 to check it against). */
static int prefetch_torch(bs_install *in, char *path, size_t size, bs_error *err)
{
    const bs_index_file *f = &in->torch_file;
    if (in->cfg.offline || !f->filename[0] || !bs_starts_with(f->url, "https://"))
        return 1;
    if (strlen(f->sha256) != 64) {
        bs_emit(&in->s->events, BS_EV_WARNING, "torch",
                "the index gives no SHA-256 for %s: pip downloads it (a dropped download "
                "starts over)",
                f->filename);
        return 1;
    }
    bs_install_say(in, "Torch wheel %s (resumable, checked against the index's SHA-256)",
                   f->filename);
    return bs_install_keep_wheel(in, f, path, size, err);
}

/* pip saw a local file; the receipt names where it came from and its pinned hash. */
static void record_torch_source(const bs_install *in, bs_pip_report *rep)
{
    for (size_t i = 0; i < rep->count; i++)
        if (strcmp(rep->items[i].name, "torch") == 0) {
            bs_strlcpy(rep->items[i].url, in->torch_file.url, sizeof(rep->items[i].url));
            bs_strlcpy(rep->items[i].sha256, in->torch_file.sha256, sizeof(rep->items[i].sha256));
        }
}

/* The torch family from the backend index only: torch pinned to the exact build, and
 * torchvision (xformers) resolved against it on the same index. */
static int step_torch(bs_install *in, const char *vpy, const char *cert, bs_pip_report *rep,
                      bs_error *err)
{
    char torch_req[PATH_MAX], vision_req[96], report[PATH_MAX + 64];
    const char *reqs[4] = {torch_req, vision_req, NULL, NULL};
    int pre = prefetch_torch(in, torch_req, sizeof(torch_req), err);
    if (pre < 0)
        return pre;
    if (pre == 1)
        snprintf(torch_req, sizeof(torch_req), "torch==%s", in->torch_version);
    snprintf(vision_req, sizeof(vision_req), "torchvision%s%s",
             in->torchvision_version[0] ? "==" : "", in->torchvision_version);
    if (in->extras[0])
        reqs[2] = "xformers";
    snprintf(report, sizeof(report), "%s/pip-report-torch.json", in->s->root.state);
    bs_pip_request r = {.venv_python = vpy,
                        .os = bs_os_name(in->facts.os),
                        .requirements = reqs,
                        .index_url = in->torch_index,
                        .find_links = in->cfg.find_links,
                        .no_index = in->cfg.offline,
                        .cert = cert,
                        .cache_dir = in->s->root.pip_cache,
                        .report_path = report,
                        .force_reinstall = in->force_torch,
                        .no_deps = in->force_torch,
                        .step = "torch",
                        .cancel = &in->s->cancel,
                        .events = &in->s->events};
    bs_install_say(in, "Installing torch %s (%s)", in->torch_version, in->backend.backend);
    int rc = bs_pip_install(&r, rep, err);
    if (rc == 0 && in->force_torch) {
        /* --no-deps above replaced the files only; now make sure the dependencies are. */
        r.force_reinstall = r.no_deps = false;
        rc = bs_pip_install(&r, rep, err);
    }
    if (rc == 0 && pre == 0)
        record_torch_source(in, rep);
    return rc;
}

/* Pins for the second pip run, so installing InvokeAI can never swap the torch build. */
static int write_constraints(bs_install *in, const char *vpy, char *path, size_t size,
                             bs_error *err)
{
    bs_torch_answer a;
    bs_buf b;
    int rc = bs_venv_verify(vpy, bs_os_name(in->facts.os), true, false, &a, err);
    if (rc)
        return rc;
    bs_buf_init(&b);
    bs_buf_printf(&b, "torch==%s\n", a.torch);
    if (a.torchvision[0])
        bs_buf_printf(&b, "torchvision==%s\n", a.torchvision);
    if (a.xformers[0])
        bs_buf_printf(&b, "xformers==%s\n", a.xformers);
    rc = bs_path_join(path, size, in->s->root.state, "constraints.txt");
    if (rc == 0)
        rc = plat_write_file_atomic(path, b.data, b.len, false);
    bs_buf_free(&b);
    return rc ? bs_error_set(err, BS_E_FILESYSTEM, "%s: %s", path, bs_code_str(rc)) : 0;
}

static int step_invokeai(bs_install *in, const char *vpy, const char *cert, const char *constraints,
                         bs_pip_report *rep, bs_error *err)
{
    char req[128], report[PATH_MAX + 64];
    const char *reqs[2] = {req, NULL};
    snprintf(req, sizeof(req), "invokeai%s%s%s==%s", in->extras[0] ? "[" : "", in->extras,
             in->extras[0] ? "]" : "", in->version);
    snprintf(report, sizeof(report), "%s/pip-report-invokeai.json", in->s->root.state);
    bs_pip_request r = {.venv_python = vpy,
                        .os = bs_os_name(in->facts.os),
                        .requirements = reqs,
                        .index_url = in->index_url,
                        .find_links = in->cfg.find_links,
                        .no_index = in->cfg.offline,
                        .constraints = constraints,
                        .cert = cert,
                        .cache_dir = in->s->root.pip_cache,
                        .report_path = report,
                        .step = "invokeai",
                        .cancel = &in->s->cancel,
                        .events = &in->s->events};
    bs_install_say(in, "Installing InvokeAI %s", in->version);
    return bs_pip_install(&r, rep, err);
}

static int step_verify(bs_install *in, const char *vpy, bs_torch_answer *a, bs_error *err)
{
    char msg[512];
    bs_expectation e;
    bs_expectation_for(&e, in->version, in->torch_version, in->backend.backend, in->backend.index,
                       bs_facts_compute_gpu(&in->facts), in->backend.gpu_unused);
    bs_install_say(in, "Verifying");
    int rc = bs_venv_verify(vpy, bs_os_name(in->facts.os), false, true, a, err);
    if (rc)
        return rc;
    bs_status s = bs_verify_install(a, &e, msg, sizeof(msg));
    if (s == BS_FAIL) {
        bs_error_set(err, BS_E_INTEGRITY, "verify: %s", msg);
        bs_error_hint(err, "run: invokeai-bootstrap repair --root '%s'", in->cfg.root);
        return BS_E_INTEGRITY;
    }
    if (s == BS_WARN)
        bs_emit(&in->s->events, BS_EV_WARNING, "verify", "%s", msg);
    else
        bs_install_say(in, "Verified: %s", msg);
    return 0;
}

/* Keeps the artifacts of packages this run did not download (an "already satisfied"
 * package was downloaded by an earlier run), then adds this run's. */
static int merge_artifacts(const bs_receipt *prior, const bs_pip_report *now, bs_pip_report *out)
{
    size_t n = (prior ? prior->artifacts.count : 0) + now->count;
    out->items = calloc(n ? n : 1, sizeof(*out->items));
    if (!out->items)
        return BS_E_NOMEM;
    for (size_t i = 0; prior && i < prior->artifacts.count; i++)
        if (!bs_pip_report_find(now, prior->artifacts.items[i].name))
            out->items[out->count++] = prior->artifacts.items[i];
    for (size_t i = 0; i < now->count; i++) {
        bs_installed_dist *d = &out->items[out->count];
        const bs_installed_dist *last = bs_pip_report_find(now, now->items[i].name);
        if (last != &now->items[i])
            continue; /* a later run replaced it */
        *d = *last;
        out->count++;
    }
    return 0;
}

static int step_receipt(bs_install *in, const bs_receipt *prior, const bs_pip_report *rep,
                        const bs_torch_answer *a, bs_error *err)
{
    bs_receipt r;
    bs_receipt_init(&r);
    bs_strlcpy(r.installer, BS_VERSION, sizeof(r.installer));
    bs_strlcpy(r.invokeai, in->version, sizeof(r.invokeai));
    bs_strlcpy(r.extras, in->extras, sizeof(r.extras));
    bs_strlcpy(r.requested,
               in->cfg.invokeai_version ? in->cfg.invokeai_version
               : prior                  ? prior->requested
                                        : "latest",
               sizeof(r.requested));
    bs_strlcpy(r.python_path, in->py.path, sizeof(r.python_path));
    bs_strlcpy(r.python_version, a->python[0] ? a->python : in->py.version,
               sizeof(r.python_version));
    r.python_managed = strcmp(in->py.source, "managed") == 0;
    bs_strlcpy(r.backend, in->backend.backend, sizeof(r.backend));
    bs_strlcpy(r.backend_index, in->backend.index, sizeof(r.backend_index));
    r.backend_forced = in->backend_forced;
    bs_strlcpy(r.index_url, in->index_url ? in->index_url : "", sizeof(r.index_url));
    bs_strlcpy(r.torch_index_url, in->torch_index, sizeof(r.torch_index_url));
    bs_strlcpy(r.find_links, in->cfg.find_links ? in->cfg.find_links : "", sizeof(r.find_links));
    r.offline = in->cfg.offline;
    bs_strlcpy(r.bundle, in->cfg.bundle ? in->cfg.bundle : "", sizeof(r.bundle));
    bs_strlcpy(r.torch, a->torch, sizeof(r.torch));
    bs_strlcpy(r.torchvision, a->torchvision, sizeof(r.torchvision));
    bs_strlcpy(r.xformers, a->xformers, sizeof(r.xformers));
    int rc = merge_artifacts(prior, rep, &r.artifacts);
    if (rc == 0)
        rc = bs_receipt_write(in->cfg.root, &r, err);
    bs_receipt_free(&r);
    return rc;
}

static int step_files(bs_install *in, bs_error *err)
{
    int rc = bs_launchers_write(in->cfg.root, in->facts.os == BS_OS_DARWIN, err);
    if (rc == 0 && in->float32) {
        bool changed = false;
        rc = bs_invokeai_yaml_precision(in->cfg.root, "float32", &changed, err);
        if (rc == 0 && changed)
            bs_install_say(in, "invokeai.yaml: precision: float32 (%s)", in->float32_why);
    }
    return rc;
}

struct venv_job {
    bs_install *in;
    bool created;
    int rc;
    bs_error err;
};

static void *venv_thread(void *arg)
{
    struct venv_job *j = arg;
    bs_events quiet = {0}; /* the main thread owns the terminal meanwhile */
    j->rc = bs_venv_ensure(j->in->cfg.root, bs_os_name(j->in->facts.os), j->in->py.path,
                           j->in->py.version, j->in->recreate_venv, &j->in->s->cancel, &quiet,
                           &j->created, &j->err);
    return NULL;
}

/* The venv; a new one (ensurepip takes seconds) is made on a second thread while the
 * wheels download, when they can be resolved without it. */
static int step_venv(bs_install *in, bool *created, bs_error *err)
{
    char dir[PATH_MAX];
    struct venv_job j = {.in = in};
    plat_thread *thread = NULL;
    bs_error_init(&j.err);
    if (bs_venv_dir(in->cfg.root, dir, sizeof(dir)) != 0 || plat_exists(dir) ||
        plat_thread_start(&thread, venv_thread, &j) != 0)
        return bs_venv_ensure(in->cfg.root, bs_os_name(in->facts.os), in->py.path, in->py.version,
                              in->recreate_venv, &in->s->cancel, &in->s->events, created, err);
    int pre = bs_install_prefetch_early(in, in->py.path, err);
    plat_thread_join(thread);
    *created = j.created;
    if (pre < 0)
        return pre;
    if (j.rc)
        *err = j.err;
    return j.rc;
}

int bs_install_execute(bs_install *in, const bs_receipt *prior, bs_error *err)
{
    char vpy[PATH_MAX], cert[PATH_MAX], constraints[PATH_MAX];
    const char *cert_arg = NULL;
    bs_pip_report rep;
    bs_torch_answer answer;
    bool created = false;
    int rc = bs_make_dirs(in->s->root.state, 0755);
    if (rc)
        return bs_error_set(err, BS_E_FILESYSTEM, "cannot create %s: %s", in->s->root.state,
                            bs_code_str(rc));
    bs_pip_report_init(&rep);
    /* A cuDNN swap a kill left half done is finished or undone before pip sees torch. */
    int recovered = 0;
    bs_cudnn_hooks cudnn = {.events = &in->s->events};
    if ((rc = bs_cudnn_recover(in->cfg.root, &cudnn, &recovered, err)) != 0)
        goto done;
    if ((rc = step_os_deps(in, err)) != 0 || (rc = step_python(in, err)) != 0)
        goto done;
    if (in->cfg.cacert) {
        if ((rc = write_ca_bundle(in, cert, sizeof(cert), err)) != 0)
            goto done;
        cert_arg = cert;
    }
    bs_install_say(in, "Virtual environment %s", in->s->root.venv);
    if ((rc = step_venv(in, &created, err)) != 0 ||
        (rc = bs_venv_python(in->cfg.root, bs_os_name(in->facts.os), vpy, sizeof(vpy))) != 0)
        goto done;
    /* One pip run from wheels we fetched first, where a resolution can be had cheaply;
     * else torch from its index, then InvokeAI pinned to that torch. */
    int pre = bs_install_prefetched(in, vpy, cert_arg, &rep, err);
    if (pre < 0) {
        rc = pre;
        goto done;
    }
    if (pre == 1 &&
        ((rc = step_torch(in, vpy, cert_arg, &rep, err)) != 0 ||
         (rc = write_constraints(in, vpy, constraints, sizeof(constraints), err)) != 0 ||
         (rc = step_invokeai(in, vpy, cert_arg, constraints, &rep, err)) != 0))
        goto done;
    if ((rc = step_verify(in, vpy, &answer, err)) != 0 || (rc = step_files(in, err)) != 0)
        goto done;
    rc = step_receipt(in, prior, &rep, &answer, err);
    if (rc == 0)
        bs_cudnn_retire_changed(in->cfg.root, "torch was reinstalled since (by install or "
                                              "repair), so its files are torch's own again");
done:
    bs_pip_report_free(&rep);
    if (rc == BS_E_CHILD) {
        char tail[sizeof(err->hint)];
        bs_strlcpy(tail, err->hint, sizeof(tail));
        bs_error_hint(err, "%s%snothing is lost: rerun the same command to finish the job", tail,
                      tail[0] ? "\n  " : "");
    }
    return rc;
}
