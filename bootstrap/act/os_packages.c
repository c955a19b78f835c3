/*
 * os_packages.c: the package manager runs with an argv built here: [sudo [-n]] manager
 * install-words package-names, every program by absolute path, LANG=C so apt's words stay
 * the ones parse_apt.c reads, and DEBIAN_FRONTEND=noninteractive so no debconf dialog waits
 * (sudo keeps it only when sudoers allows: apt then falls back to its default, harmlessly).
 */
#include "act/os_packages.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/parse_apt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INSTALL_TIMEOUT_MS (30 * 60 * 1000)
#define MAX_ARGS (6 + 8 + BS_MAX_OS_PKGS)

int bs_os_packages_pick_names(bs_os_packages *p, int timeout_ms)
{
    if (strcmp(p->family, "debian") != 0 || p->count <= 0)
        return 0;
    char *apt_cache = plat_find_program("apt-cache");
    if (!apt_cache)
        return 0;
    const char *argv[3 + 2 * BS_MAX_OS_PKGS] = {apt_cache, "policy"};
    int n = 2;
    for (int i = 0; i < p->count; i++) {
        argv[n++] = p->names[i];
        if (p->alt[i][0])
            argv[n++] = p->alt[i];
    }
    argv[n] = NULL;
    static const char *const env[] = {"LANG=C", "LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                                      NULL};
    plat_run_opts ro = {.env = env};
    plat_run_result res;
    if (plat_run_ex(argv, &ro, timeout_ms, 1 << 20, &res) == 0 && !res.timed_out &&
        res.exit_code == 0) {
        for (int i = 0; i < p->count; i++)
            if (p->alt[i][0] && !bs_apt_policy_has_candidate(res.out, p->names[i]) &&
                bs_apt_policy_has_candidate(res.out, p->alt[i]))
                bs_strlcpy(p->names[i], p->alt[i], sizeof(p->names[i]));
        plat_run_result_free(&res);
    } else if (res.out) {
        plat_run_result_free(&res);
    }
    free(apt_cache);
    return 0;
}

struct output_lines {
    const bs_events *ev;
    bs_buf pending; /* a line not finished yet */
};

/* plat_run_opts.on_output: the manager's lines as notes, so the user sees apt working. */
static void os_install_output_cb(void *user, int stream, const char *data, size_t len)
{
    struct output_lines *o = user;
    (void)stream;
    for (size_t i = 0; i < len; i++) {
        if (data[i] != '\n') {
            bs_buf_append(&o->pending, data + i, 1);
            continue;
        }
        bs_emit(o->ev, BS_EV_NOTE, "os-deps", "  %s", bs_buf_str(&o->pending));
        bs_buf_clear(&o->pending);
    }
}

int bs_os_packages_install(const bs_os_packages *p, const bs_os_install_opts *o, bs_error *err)
{
    char words[48];
    bs_strlcpy(words, p->install, sizeof(words));
    char *cursor = words;
    const char *manager_word = bs_strsep(&cursor, " ");
    char *manager = plat_find_program(manager_word);
    if (!manager) {
        /* Root's PATH has sbin; a user's may not, and zypper lives there on openSUSE. */
        char sbin[64];
        snprintf(sbin, sizeof(sbin), "/usr/sbin/%s", manager_word);
        manager = plat_is_executable_file(sbin) ? strdup(sbin) : NULL;
    }
    if (!manager)
        return bs_error_set(err, BS_E_NOT_FOUND, "%s is not on PATH", manager_word);
    const char *argv[MAX_ARGS];
    int n = 0;
    if (o->sudo) {
        argv[n++] = o->sudo;
        if (o->sudo_noninteractive)
            argv[n++] = "-n";
    }
    argv[n++] = manager;
    for (char *w = bs_strsep(&cursor, " "); w && n < MAX_ARGS - BS_MAX_OS_PKGS - 1;
         w = bs_strsep(&cursor, " "))
        if (*w)
            argv[n++] = w;
    for (int i = 0; i < p->count; i++)
        argv[n++] = p->names[i];
    argv[n] = NULL;

    bs_buf cmd;
    bs_buf_init(&cmd);
    for (int i = 0; argv[i]; i++)
        bs_buf_printf(&cmd, "%s%s", i ? " " : "", argv[i]);
    bs_emit(o->ev, BS_EV_STEP_START, "os-deps", "Running: %s", bs_buf_str(&cmd));

    /* Our environment, with the two settings that keep apt quiet and parseable. */
    const char *const *ours = plat_environ();
    size_t count = 0;
    while (ours[count])
        count++;
    const char **env = calloc(count + 3, sizeof(*env));
    int rc = env ? 0 : BS_E_NOMEM;
    if (env) {
        size_t k = 0;
        for (size_t i = 0; i < count; i++)
            if (strncmp(ours[i], "DEBIAN_FRONTEND=", 16) != 0)
                env[k++] = ours[i];
        env[k++] = "DEBIAN_FRONTEND=noninteractive";
        env[k] = NULL;
        struct output_lines lines = {.ev = o->ev};
        bs_buf_init(&lines.pending);
        plat_run_opts ro = {.env = env,
                            .keep_tail = true,
                            .cancel = o->cancel,
                            .on_output = os_install_output_cb,
                            .user = &lines};
        plat_run_result res;
        rc = plat_run_ex(argv, &ro, INSTALL_TIMEOUT_MS, 64 * 1024, &res);
        if (rc == 0) {
            if (res.cancelled)
                rc = bs_error_set(err, BS_E_INTERRUPTED, "interrupted while %s ran", manager_word);
            else if (res.spawn_failed || res.timed_out || res.term_signal || res.exit_code != 0) {
                char tail[600];
                bs_tail_lines(res.err[0] ? res.err : res.out, 4, tail, sizeof(tail));
                rc = bs_error_set(err, BS_E_CHILD, "%s failed (exit %d)", bs_buf_str(&cmd),
                                  res.exit_code);
                bs_error_hint(err, "%s", tail);
            }
            plat_run_result_free(&res);
        }
        bs_buf_free(&lines.pending);
    }
    free(env);
    free(manager);
    bs_buf_free(&cmd);
    return rc;
}
