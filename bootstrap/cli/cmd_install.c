/*
 * cmd_install.c: `install` (and the wizard a double-click gets) and `repair`. Both run
 * the pipeline of install.h under the root lock; they differ in what they ask for:
 * install takes the request from the command line (or the wizard), repair takes it from
 * the receipt and forces the torch family back to the planned build.
 */
#include "act/launchers.h"
#include "act/root_lock.h"
#include "act/venv.h"
#include "ops/bundle.h"
#include "cli/commands.h"
#include "ops/install.h"
#include "cli/render_plan.h"
#include "cli/render_events.h"
#include "cli/wizard.h"
#include "core/strutil.h"
#include "decide/backend_request.h"
#include "decide/verify.h"
#include "platform/platform.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Root, version and backend, asked one by one; Enter takes the default. */
static int run_wizard(bs_install *in, char *root_buf, size_t root_size, char *version, size_t vsize,
                      char *backend, size_t bsize, bs_error *err)
{
    bs_backend_choice c;
    printf("InvokeAI installer: this machine\n");
    bs_wizard_summary(stdout, &in->facts, &in->report);
    if (bs_wizard_ask("Install into", in->cfg.root, root_buf, root_size) != 0 ||
        bs_wizard_ask("InvokeAI version",
                      in->cfg.invokeai_version ? in->cfg.invokeai_version : "latest", version,
                      vsize) != 0)
        return bs_error_set(err, -ECANCELED, "no answer: nothing was changed");
    const char *v = strcmp(version, "latest") == 0 ? NULL : version;
    if (bs_choose_backend(&in->facts, in->t, v, in->cfg.backend, &c, err) != 0)
        return BS_E_USAGE;
    printf("  PyTorch build: %s, because %s\n", c.backend, c.reason);
    if (bs_wizard_ask("PyTorch build (auto, cpu, cuXYZ, rocmX.Y, ...)",
                      in->cfg.backend ? in->cfg.backend : "auto", backend, bsize) != 0)
        return bs_error_set(err, -ECANCELED, "no answer: nothing was changed");
    return bs_install_set_root(in, root_buf, err);
}

static int finish_install(bs_install *in, const bs_receipt *prior, bool have_prior, bs_error *err)
{
    const bs_check *disk = bs_install_check(in, "disk");
    if (disk && disk->status == BS_FAIL && !have_prior) {
        /* Before anything is downloaded: the numbers for the planned build, and what to do.
         * (An install being upgraded or repaired already holds much of that space.) */
        bs_error_set(err, BS_E_REQUIREMENTS, "%s", disk->summary);
        bs_error_hint(err, "%s", disk->fix);
        return BS_E_REQUIREMENTS;
    }
    if (disk && disk->status == BS_FAIL)
        bs_emit(&in->s->events, BS_EV_WARNING, "disk", "%s", disk->summary);
    int rc = bs_install_execute(in, have_prior ? prior : NULL, err);
    if (rc == 0 && !in->cfg.quiet && !in->cfg.json)
        printf("InvokeAI %s is installed in %s (torch %s).\nStart it with: %s/invoke.sh\n",
               in->version, in->cfg.root, in->torch_version, in->cfg.root);
    return rc;
}

static int install(bs_install *in, bool wizard, bool interactive, bs_root_lock *lock, bs_error *err)
{
    char root_buf[PATH_MAX], version[64], backend[32];
    bs_receipt prior;
    const char *want = in->cfg.invokeai_version;
    bs_receipt_init(&prior);
    bs_install_probe(in);
    if (wizard) {
        int rc = run_wizard(in, root_buf, sizeof(root_buf), version, sizeof(version), backend,
                            sizeof(backend), err);
        if (rc)
            return rc;
        want = version;
        in->cfg.invokeai_version = strcmp(version, "latest") == 0 ? NULL : version;
        in->cfg.backend = strcmp(backend, "auto") == 0 ? NULL : backend;
    }
    /* Under the lock from here on: the receipt we read is the one we replace. */
    if (!in->cfg.dry_run) {
        int rc = bs_root_lock_take(in->cfg.root, lock, err);
        if (rc)
            return rc;
    }
    bool have_prior = bs_receipt_read(in->cfg.root, &prior) == 0;
    const char *bk = wanted_backend(&in->cfg, have_prior ? &prior : NULL);
    if (have_prior && !in->cfg.dry_run && already_installed(in, &prior)) {
        bs_launchers_write(in->cfg.root, in->facts.os == BS_OS_DARWIN, err);
        if (!in->cfg.quiet)
            printf("InvokeAI %s is already installed in %s (torch %s). Nothing to do.\n",
                   prior.invokeai, in->cfg.root, prior.torch);
        bs_receipt_free(&prior);
        return 0;
    }
    /* With no --version, an existing install keeps its version (a repair-like rerun);
     * `--version latest` is how to ask for an upgrade. */
    if (!want)
        want = have_prior ? prior.invokeai : "latest";
    bs_install_say(in, "Planning (InvokeAI %s)", want);
    int rc = bs_install_plan(in, want, bk, err);
    if (rc == 0) {
        bs_render_plan(in, stdout);
        fflush(stdout);
    }
    if (rc == 0 && in->backend.gpu_unused)
        bs_emit(&in->s->events, BS_EV_WARNING, "plan",
                "a GPU is present but this torch build will "
                "not use it: %s",
                in->backend.reason);
    if (rc == 0 && !in->cfg.dry_run && interactive && !bs_wizard_yes("Install now?"))
        rc = bs_error_set(err, -ECANCELED, "declined: nothing was installed");
    if (rc == 0 && !in->cfg.dry_run)
        rc = finish_install(in, &prior, have_prior, err);
    bs_receipt_free(&prior);
    return rc;
}

static int end(bs_install *in, int rc, bs_error *err)
{
    bs_renderer_finish(NULL);
    if (rc == BS_E_INTERRUPTED && !err->message[0])
        bs_error_set(err, rc, "interrupted; rerun to resume");
    if (rc)
        bs_print_error(err);
    bs_install_free(in);
    return rc ? bs_exit_code_for(rc) : BS_EXIT_OK;
}

static int install_command(bs_session *s, const bs_config *cfg, bool wizard)
{
    static bs_install in; /* large: keep it off the stack */
    static bs_config from_bundle;
    bs_error err;
    bs_error_init(&err);
    bool tty = plat_isatty(STDIN_FILENO);
    if (cfg->bundle) {
        from_bundle = *cfg;
        int rc = bs_bundle_apply(s, &from_bundle, &err);
        if (rc) {
            bs_print_error(&err);
            return bs_exit_code_for(rc);
        }
        cfg = &from_bundle;
    }
    bs_install_init(&in, s, cfg);
    if (!in.t)
        return end(&in, bs_error_set(&err, BS_E_PARSE, "the built-in tables are damaged"), &err);
    /* Never hang waiting for an answer nobody can give. */
    if (!cfg->yes && !cfg->dry_run && !tty) {
        bs_error_set(&err, BS_E_USAGE, "install needs consent: pass --yes to run unattended");
        return end(&in, BS_E_USAGE, &err);
    }
    bool interactive = !cfg->yes && !cfg->dry_run && tty;
    bs_root_lock lock = {.fd = -1};
    int rc = install(&in, interactive && wizard, interactive, &lock, &err);
    bs_root_lock_release(&lock);
    return end(&in, rc, &err);
}

int bs_cmd_install(bs_session *s, const bs_config *cfg)
{
    return install_command(s, cfg, false);
}

int bs_cmd_wizard(bs_session *s, const bs_config *cfg)
{
    return install_command(s, cfg, true);
}

/* repair: the receipt says what should be there; make it so. */
static int repair(bs_install *in, bs_root_lock *lock, bs_error *err)
{
    bs_receipt r;
    char vpy[PATH_MAX], msg[512];
    bs_torch_answer a;
    bs_receipt_init(&r);
    int rc = in->cfg.dry_run || !plat_is_dir(in->cfg.root)
                 ? 0
                 : bs_root_lock_take(in->cfg.root, lock, err);
    if (rc)
        return rc;
    rc = bs_receipt_read(in->cfg.root, &r);
    if (rc) {
        bs_error_set(err, BS_E_NOT_FOUND, "no finished install in %s (%s)", in->cfg.root,
                     rc == BS_E_PARSE ? "its receipt is damaged" : "no receipt");
        bs_error_hint(err, "run: invokeai-bootstrap install --root '%s'", in->cfg.root);
        return BS_E_NOT_FOUND;
    }
    bs_install_probe(in);
    const char *backend = wanted_backend(&in->cfg, &r);
    bool switching = in->cfg.backend && !same_backend(in, &r, in->cfg.backend);
    bool broken = true;
    if (!in->cfg.full &&
        bs_venv_python(in->cfg.root, bs_os_name(in->facts.os), vpy, sizeof(vpy)) == 0 &&
        bs_venv_verify(vpy, bs_os_name(in->facts.os), false, true, &a, err) == 0) {
        bs_expectation e;
        bs_expectation_for(&e, r.invokeai, r.torch, r.backend, r.backend_index,
                           bs_facts_compute_gpu(&in->facts), false);
        bs_status s = bs_verify_install(&a, &e, msg, sizeof(msg));
        bs_install_say(in, "Checked: %s", msg);
        broken = s == BS_FAIL;
        in->force_torch = broken && a.torch[0] && a.files_changed > 0;
    }
    bs_error_init(err);
    if (!broken && !switching && !in->cfg.full) {
        if (!in->cfg.quiet)
            printf("Nothing to repair: InvokeAI %s with torch %s in %s.\n", r.invokeai, r.torch,
                   in->cfg.root);
        bs_receipt_free(&r);
        return 0;
    }
    in->recreate_venv = in->cfg.full;
    if (!in->cfg.python && in->cfg.full && in->cfg.reinstall_python)
        in->cfg.python = "managed";
    else if (!in->cfg.python && r.python_path[0] && plat_is_executable_file(r.python_path))
        in->cfg.python = r.python_path;
    in->cfg.invokeai_version = r.invokeai;
    bs_install_say(in, "Repairing (InvokeAI %s)", r.invokeai);
    rc = bs_install_plan(in, r.invokeai, backend, err);
    if (rc == 0) {
        bs_render_plan(in, stdout);
        fflush(stdout);
    }
    if (rc == 0 && !in->cfg.dry_run)
        rc = finish_install(in, &r, true, err);
    bs_receipt_free(&r);
    return rc;
}

int bs_cmd_repair(bs_session *s, const bs_config *cfg)
{
    static bs_install in;
    bs_error err;
    bs_error_init(&err);
    bs_install_init(&in, s, cfg);
    if (!in.t)
        return end(&in, bs_error_set(&err, BS_E_PARSE, "the built-in tables are damaged"), &err);
    bs_root_lock lock = {.fd = -1};
    int rc = repair(&in, &lock, &err);
    bs_root_lock_release(&lock);
    return end(&in, rc, &err);
}
