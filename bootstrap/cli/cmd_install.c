/*
 * cmd_install.c: `install` (and the wizard a double-click gets) and `repair`: the request
 * (the command line, or the wizard's answers), then ops/install_flow.c's prepare, the plan
 * shown (and "Install now?" on a terminal), then its commit, and the exit code.
 */
#include "act/root_lock.h"
#include "ops/bundle.h"
#include "cli/commands.h"
#include "ops/install.h"
#include "cli/render_plan.h"
#include "cli/render_events.h"
#include "cli/wizard.h"
#include "platform/platform.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

static int commit(bs_install *in, const bs_receipt *prior, bs_error *err)
{
    int rc = bs_install_commit(in, prior, err);
    if (rc == 0 && !in->cfg.quiet && !in->cfg.json)
        printf("InvokeAI %s is installed in %s (torch %s).\nStart it with: %s/invoke.sh\n",
               in->version, in->cfg.root, in->torch_version, in->cfg.root);
    return rc;
}

static int install(bs_install *in, bool wizard, bool interactive, bs_root_lock *lock, bs_error *err)
{
    char root_buf[PATH_MAX], version[64], backend[32];
    static bs_receipt prior;
    bool have_prior = false, nothing = false;
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
    int rc = bs_install_prepare(in, want, lock, &prior, &have_prior, &nothing, err);
    if (rc == 0 && nothing && !in->cfg.quiet)
        printf("InvokeAI %s is already installed in %s (torch %s). Nothing to do.\n",
               prior.invokeai, in->cfg.root, prior.torch);
    if (rc == 0 && !nothing) {
        bs_renderer_finish(NULL);
        bs_render_plan(in, stdout);
        fflush(stdout);
        if (!in->cfg.dry_run && interactive && !bs_wizard_yes("Install now?"))
            rc = bs_error_set(err, -ECANCELED, "declined: nothing was installed");
        if (rc == 0 && !in->cfg.dry_run)
            rc = commit(in, have_prior ? &prior : NULL, err);
    }
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
    static bs_receipt r;
    bool nothing = false;
    bs_receipt_init(&r);
    int rc = bs_repair_prepare(in, lock, &r, &nothing, err);
    if (rc == 0 && nothing && !in->cfg.quiet)
        printf("Nothing to repair: InvokeAI %s with torch %s in %s.\n", r.invokeai, r.torch,
               in->cfg.root);
    if (rc == 0 && !nothing) {
        bs_renderer_finish(NULL);
        bs_render_plan(in, stdout);
        fflush(stdout);
        if (!in->cfg.dry_run)
            rc = commit(in, &r, err);
    }
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
