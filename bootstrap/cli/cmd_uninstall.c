/*
 * cmd_uninstall.c: `uninstall`: shows what goes and what stays (ops/uninstall.c), asks
 * (unless --yes), then removes. --dry-run only shows.
 */
#include "cli/commands.h"
#include "ops/uninstall.h"
#include "platform/platform.h"

#include <stdio.h>
#include <unistd.h>

static void print_list(const char *title, const bs_uninstall_entry *list, size_t n)
{
    printf("%s\n", title);
    for (size_t i = 0; i < n; i++)
        printf("  %-24s %9.1f MiB%s\n", list[i].name, (double)list[i].bytes / (1 << 20),
               list[i].link ? "  (a link: removed as a link, its target is left alone)" : "");
}

/* Deleting data: the answer must be typed, Enter is no. */
static bool ask(const char *question)
{
    char answer[16] = "";
    printf("%s [y/N] ", question);
    fflush(stdout);
    if (!fgets(answer, sizeof(answer), stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

int bs_cmd_uninstall(bs_session *s, const bs_config *cfg)
{
    static bs_uninstall_list l;
    bs_error err;
    bs_error_init(&err);
    int rc = bs_uninstall_plan(cfg->root, cfg->purge, &l, &err);
    if (rc) {
        bs_print_error(&err);
        return bs_exit_code_for(rc);
    }
    if (!cfg->quiet || cfg->dry_run) {
        printf("%s %s:\n", cfg->dry_run ? "Would remove from" : "Removing from", cfg->root);
        print_list(cfg->purge ? "everything (--purge):" : "what invokeai-bootstrap installed:",
                   l.gone, l.gone_n);
        if (l.kept_n)
            print_list("kept (your models, outputs, databases, settings):", l.kept, l.kept_n);
    }
    if (cfg->dry_run)
        return BS_EXIT_OK;
    if (!cfg->yes) {
        if (!plat_isatty(STDIN_FILENO)) {
            bs_error_set(&err, BS_E_USAGE, "uninstall needs consent: pass --yes to run unattended");
            bs_print_error(&err);
            return BS_EXIT_USAGE;
        }
        if (!ask(cfg->purge ? "Delete ALL of this, your models and images included?"
                            : "Remove these?")) {
            printf("Nothing was removed.\n");
            return BS_EXIT_FAILURE;
        }
    }
    if ((rc = bs_uninstall_commit(cfg->root, cfg->purge, &l, &err)) != 0) {
        bs_print_error(&err);
        return bs_exit_code_for(rc);
    }
    if (!cfg->quiet) {
        printf("Removed.%s\n",
               l.kept_n ? " Your data is still there; --purge deletes it too." : "");
        if (cfg->cache_dir)
            printf("The shared cache %s was kept: invokeai-bootstrap cache clean --cache-dir '%s' "
                   "empties it.\n",
                   s->root.cache, s->root.cache);
    }
    return BS_EXIT_OK;
}
