/*
 * os_deps_step.c: the OS dependency step (see os_deps_step.h). Where nothing may be run (no
 * one to ask and no --yes, no sudo, a declined question), the error names the exact command.
 */
#include "act/os_packages.h"
#include "act/windows_deps.h"
#include "ops/os_deps_step.h"
#include "core/strutil.h"
#include "decide/os_deps.h"
#include "platform/platform.h"
#include "probe/probe.h"
#include "probe/probe_windows.h"
#include "probe/run_tool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool consent(const bs_os_deps_run *run, const char *question)
{
    return run->assume_yes || (run->may_ask && bs_session_confirm(run->s, question));
}

static int linux_packages(const bs_os_deps_run *run, bs_facts *f, bs_error *err)
{
    bs_os_packages p;
    bs_os_packages_for(f, bs_tables_get(), &p);
    if (p.count == 0)
        return 0;
    if (p.count < 0)
        return bs_error_set(err, BS_E_REQUIREMENTS,
                            "%s missing, and this distribution (%s) is not in the package table: "
                            "install the packages that provide them",
                            p.missing, f->distro_id[0] ? f->distro_id : "unknown");
    bs_os_packages_pick_names(&p, 20000);
    bool root = plat_is_admin();
    char cmd[320];
    bs_os_packages_command(&p, root, cmd, sizeof(cmd));
    if (run->print) {
        bs_buf_printf(run->print, "%s\n", cmd);
        return 0;
    }
    char *sudo = root ? NULL : plat_find_program("sudo");
    if (!root && !sudo) {
        bs_os_packages_command(&p, true, cmd, sizeof(cmd));
        bs_error_set(err, BS_E_REQUIREMENTS, "%s missing, and sudo is not installed", p.missing);
        bs_error_hint(err, "as root, run: %s", cmd);
        return BS_E_REQUIREMENTS;
    }
    char question[400];
    snprintf(question, sizeof(question), "%s missing. Run `%s`?", p.missing, cmd);
    bool go = consent(run, question);
    if (!go) {
        free(sudo);
        bs_error_set(err, BS_E_REQUIREMENTS, "%s missing: OpenCV cannot load", p.missing);
        bs_error_hint(err, "run: %s%s", cmd, run->may_ask ? "" : " (or rerun with --yes)");
        return BS_E_REQUIREMENTS;
    }
    /* Unattended, sudo must never wait at a password prompt nobody answers. */
    bs_os_install_opts o = {.sudo = sudo,
                            .sudo_noninteractive = run->assume_yes && !run->may_ask,
                            .ev = &run->s->events,
                            .cancel = &run->s->cancel};
    int rc = bs_os_packages_install(&p, &o, err);
    free(sudo);
    if (rc == BS_E_INTERRUPTED)
        return rc;
    if (rc != 0) {
        char said[sizeof(err->hint)];
        bs_strlcpy(said, err->hint, sizeof(said));
        bs_error_hint(err, "%s%srun it yourself: %s", said, said[0] ? "\n  " : "", cmd);
        err->code = BS_E_REQUIREMENTS;
        return BS_E_REQUIREMENTS;
    }
    bs_probe_opencv_libs(f);
    bs_os_packages_for(f, bs_tables_get(), &p);
    if (p.count != 0)
        return bs_error_set(err, BS_E_REQUIREMENTS,
                            "the packages were installed, but these are still missing: %s",
                            p.missing);
    bs_emit(&run->s->events, BS_EV_STEP_DONE, "os-deps", "OpenCV's libraries are installed");
    return 0;
}

static int macos_tools(const bs_os_deps_run *run, const bs_facts *f, bs_error *err)
{
    if (f->xcode_clt != 0)
        return 0;
    if (run->print) {
        bs_buf_printf(run->print, "xcode-select --install\n");
        return 0;
    }
    bool go = consent(run, "The Xcode command line tools are missing. Open Apple's installer "
                           "for them?");
    if (!go) {
        bs_error_set(err, BS_E_REQUIREMENTS, "the Xcode command line tools are not installed");
        bs_error_hint(err, "run: xcode-select --install");
        return BS_E_REQUIREMENTS;
    }
    const char *args[] = {"--install", NULL};
    plat_run_result res;
    if (bs_run_tool("xcode-select", args, 30000, 4096, NULL, &res) == 0)
        plat_run_result_free(&res);
    bs_emit(&run->s->events, BS_EV_NOTE, "os-deps",
            "A system dialog asks to install the Xcode command line tools: accept it, wait for "
            "it to finish, then run doctor again.");
    return 0;
}

/* Long paths first (one registry value), then the VC++ runtime; each through UAC. */
static int windows_steps(const bs_os_deps_run *run, bs_facts *f, bs_error *err)
{
    const bs_tables *t = bs_tables_get();
    const char *vc_source =
        run->vcredist_url ? run->vcredist_url : bs_vcredist_default_url(f->arch);
    bs_check vc, lp;
    bs_check_vcredist(f, t, &vc);
    bs_check_long_paths(f, t, run->root, &lp);
    if (run->print) {
        if (f->long_paths_enabled == 0)
            bs_buf_printf(run->print,
                          "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem /v "
                          "LongPathsEnabled /t REG_DWORD /d 1 /f   (as administrator)\n");
        if (vc.status != BS_PASS)
            bs_buf_printf(
                run->print, "%s /install /quiet /norestart   (as administrator; from %s)\n",
                strrchr(vc_source, '/') ? strrchr(vc_source, '/') + 1 : vc_source, vc_source);
        return 0;
    }
    if (f->long_paths_enabled == 0 &&
        consent(run, "Long paths are off. Turn them on (Windows asks for administrator "
                     "rights)?")) {
        bs_error why;
        bs_error_init(&why);
        if (bs_long_paths_enable(&why) == 0) {
            bs_probe_windows_deps(f, plat_registry_get);
            bs_emit(&run->s->events, BS_EV_STEP_DONE, "os-deps", "long paths are %s",
                    f->long_paths_enabled == 1 ? "on" : "still off");
        } else if (lp.status != BS_PASS) {
            *err = why;
            return BS_E_REQUIREMENTS;
        } else {
            bs_emit(&run->s->events, BS_EV_WARNING, "os-deps", "%s", why.message);
        }
    }
    bs_check_long_paths(f, t, run->root, &lp);
    if (vc.status != BS_PASS) {
        if (!consent(run, "Install Microsoft's Visual C++ runtime (Windows asks for "
                          "administrator rights)?")) {
            bs_error_set(err, BS_E_REQUIREMENTS, "%s", vc.summary);
            bs_error_hint(err, "%s", vc.fix);
            return BS_E_REQUIREMENTS;
        }
        bs_fetch_options fo = run->s->fetch;
        const char *dir = run->s->root.downloads;
        fo.cache_dir = dir;
        bool reboot = false;
        bs_emit(&run->s->events, BS_EV_STEP_START, "os-deps", "Fetching %s", vc_source);
        int rc = bs_vcredist_install(vc_source, dir, &fo, &reboot, err);
        if (rc != 0)
            return rc;
        bs_probe_windows_deps(f, plat_registry_get);
        bs_emit(&run->s->events, BS_EV_STEP_DONE, "os-deps", "Visual C++ runtime %s installed%s",
                f->vcredist_version, reboot ? "; restart Windows before starting InvokeAI" : "");
    }
    if (lp.status != BS_PASS) {
        bs_error_set(err, BS_E_REQUIREMENTS, "%s", lp.summary);
        bs_error_hint(err, "%s", lp.fix);
        return BS_E_REQUIREMENTS;
    }
    return 0;
}

int bs_os_deps_step(const bs_os_deps_run *run, bs_facts *f, bs_error *err)
{
    if (f->os == BS_OS_LINUX)
        return linux_packages(run, f, err);
    if (f->os == BS_OS_DARWIN)
        return macos_tools(run, f, err);
    if (f->os == BS_OS_WINDOWS)
        return windows_steps(run, f, err);
    return 0;
}
