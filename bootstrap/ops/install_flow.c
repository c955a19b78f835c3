/*
 * install_flow.c: install and repair as prepare / commit, the way libalpm splits a
 * transaction: prepare takes the root's lock, reads the receipt of the install there, sees
 * whether anything is to be done and plans; the front-end then shows the plan and asks;
 * commit checks the disk for the planned build and carries the plan out. Install takes its
 * request from the person; repair takes it from the receipt and forces the torch family
 * back to the planned build.
 */
#include "act/launchers.h"
#include "act/venv.h"
#include "core/strutil.h"
#include "decide/backend_request.h"
#include "decide/verify.h"
#include "ops/install.h"
#include "platform/platform.h"

#include <string.h>

/* --backend, else the one an earlier --backend chose: it stands until another is asked
 * for (--backend auto goes back to detection). */
static const char *wanted_backend(const bs_config *cfg, const bs_receipt *r)
{
    if (cfg->backend)
        return cfg->backend;
    return r && r->backend_forced ? r->backend : NULL;
}

/* Whether the backend asked for (or decided now) is what the receipt has. */
static bool same_backend(bs_install *in, const bs_receipt *r, const char *backend)
{
    bs_backend_choice c;
    bs_backend_request req;
    bs_error err;
    if (bs_backend_request_parse(backend, &req, &err) != 0)
        return false;
    if (req.kind != BS_BACKEND_AUTO)
        return bs_backend_request_matches(&req, r->backend, r->backend_index);
    if (!backend && r->backend_forced)
        return true; /* an earlier --backend stands until another is asked for */
    if (bs_choose_backend(&in->facts, in->t, r->invokeai, NULL, &c, &err) != 0)
        return false;
    /* The same kind of build (a fallback CUDA index chosen for an old driver stays). */
    return c.family == bs_backend_family(r->backend) || strcmp(c.backend, r->backend) == 0;
}

/* The quick path: the receipt's install satisfies the request and still answers. No
 * network. Returns true when there is nothing to do. */
static bool already_installed(bs_install *in, const bs_receipt *r)
{
    const bs_config *cfg = &in->cfg;
    char vpy[PATH_MAX];
    bs_torch_answer a;
    bs_error err;
    if (cfg->invokeai_version && strcmp(cfg->invokeai_version, r->invokeai) != 0)
        return false;
    if (cfg->python || !same_backend(in, r, cfg->backend))
        return false;
    if (bs_venv_python(cfg->root, bs_os_name(in->facts.os), vpy, sizeof(vpy)) != 0 ||
        bs_venv_verify(vpy, bs_os_name(in->facts.os), true, false, &a, &err) != 0)
        return false;
    return strcmp(a.invokeai, r->invokeai) == 0 && strcmp(a.torch, r->torch) == 0 && a.has_web;
}

int bs_install_prepare(bs_install *in, const char *want, bs_root_lock *lock, bs_receipt *prior,
                       bool *have_prior, bool *nothing_to_do, bs_error *err)
{
    *nothing_to_do = false;
    /* Under the lock from here on: the receipt we read is the one we replace. */
    if (!in->cfg.dry_run) {
        int rc = bs_root_lock_take(in->cfg.root, lock, err);
        if (rc)
            return rc;
    }
    *have_prior = bs_receipt_read(in->cfg.root, prior) == 0;
    const char *bk = wanted_backend(&in->cfg, *have_prior ? prior : NULL);
    if (*have_prior && !in->cfg.dry_run && already_installed(in, prior)) {
        *nothing_to_do = true;
        return bs_launchers_write(in->cfg.root, in->facts.os == BS_OS_DARWIN, err);
    }
    /* With no --version, an existing install keeps its version (a repair-like rerun);
     * `--version latest` is how to ask for an upgrade. */
    if (!want)
        want = *have_prior ? prior->invokeai : "latest";
    bs_install_say(in, "Planning (InvokeAI %s)", want);
    int rc = bs_install_plan(in, want, bk, err);
    if (rc == 0 && in->backend.gpu_unused)
        bs_emit(&in->s->events, BS_EV_WARNING, "plan",
                "a GPU is present but this torch build will not use it: %s", in->backend.reason);
    return rc;
}

int bs_repair_prepare(bs_install *in, bs_root_lock *lock, bs_receipt *r, bool *nothing_to_do,
                      bs_error *err)
{
    char vpy[PATH_MAX], msg[512];
    bs_torch_answer a;
    *nothing_to_do = false;
    int rc = in->cfg.dry_run || !plat_is_dir(in->cfg.root)
                 ? 0
                 : bs_root_lock_take(in->cfg.root, lock, err);
    if (rc)
        return rc;
    rc = bs_receipt_read(in->cfg.root, r);
    if (rc) {
        bs_error_set(err, BS_E_NOT_FOUND, "no finished install in %s (%s)", in->cfg.root,
                     rc == BS_E_PARSE ? "its receipt is damaged" : "no receipt");
        bs_error_hint(err, "run: invokeai-bootstrap install --root '%s'", in->cfg.root);
        return BS_E_NOT_FOUND;
    }
    bs_install_probe(in);
    const char *backend = wanted_backend(&in->cfg, r);
    bool switching = in->cfg.backend && !same_backend(in, r, in->cfg.backend);
    bool broken = true;
    if (!in->cfg.full &&
        bs_venv_python(in->cfg.root, bs_os_name(in->facts.os), vpy, sizeof(vpy)) == 0 &&
        bs_venv_verify(vpy, bs_os_name(in->facts.os), false, true, &a, err) == 0) {
        bs_expectation e;
        bs_expectation_for(&e, r->invokeai, r->torch, r->backend, r->backend_index,
                           bs_facts_compute_gpu(&in->facts), false);
        bs_status s = bs_verify_install(&a, &e, msg, sizeof(msg));
        bs_install_say(in, "Checked: %s", msg);
        broken = s == BS_FAIL;
        in->force_torch = broken && a.torch[0] && a.files_changed > 0;
    }
    if (bs_session_cancelled(in->s))
        return bs_error_set(err, BS_E_INTERRUPTED, "interrupted while checking the install");
    bs_error_init(err);
    if (!broken && !switching && !in->cfg.full) {
        *nothing_to_do = true;
        return 0;
    }
    in->recreate_venv = in->cfg.full;
    if (!in->cfg.python && in->cfg.full && in->cfg.reinstall_python)
        in->cfg.python = "managed";
    else if (!in->cfg.python && r->python_path[0] && plat_is_executable_file(r->python_path))
        in->cfg.python = r->python_path;
    in->cfg.invokeai_version = r->invokeai;
    bs_install_say(in, "Repairing (InvokeAI %s)", r->invokeai);
    return bs_install_plan(in, r->invokeai, backend, err);
}

int bs_install_commit(bs_install *in, const bs_receipt *prior, bs_error *err)
{
    const bs_check *disk = bs_install_check(in, "disk");
    if (disk && disk->status == BS_FAIL && !prior) {
        /* Before anything is downloaded: the numbers for the planned build, and what to do.
         * (An install being upgraded or repaired already holds much of that space.) */
        bs_error_set(err, BS_E_REQUIREMENTS, "%s", disk->summary);
        bs_error_hint(err, "%s", disk->fix);
        return BS_E_REQUIREMENTS;
    }
    if (disk && disk->status == BS_FAIL)
        bs_emit(&in->s->events, BS_EV_WARNING, "disk", "%s", disk->summary);
    return bs_install_execute(in, prior, err);
}
