/*
 * main.c: the invokeai-bootstrap program: parse the command line, make the run's one
 * session (the renderer, the one interrupt handler and cancel flag, the root made absolute
 * once), run one command from the table, and turn its outcome into a documented exit code.
 * With no command on a terminal it runs the install wizard; with no command and no
 * terminal (a script, a pipe) it runs doctor. Double-clicked (no command, and a console
 * that is ours alone: Explorer's, or a terminal a file manager opened for us), it waits for
 * Enter at the end, success or failure, so the window does not close over the last message.
 */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/render_events.h"
#include "cli/term.h"
#include "cli/wizard.h"
#include "ops/session.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*command_fn)(bs_session *s, const bs_config *cfg);

/* The command table: each command's entry point. BS_CMD_NONE and BS_CMD_HELP are decided
 * in main (the wizard or doctor; the help text). */
static const command_fn commands[BS_CMD_COUNT] = {
    [BS_CMD_INSTALL] = bs_cmd_install,     [BS_CMD_DOCTOR] = bs_cmd_doctor,
    [BS_CMD_REPAIR] = bs_cmd_repair,       [BS_CMD_CUDNN] = bs_cmd_cudnn,
    [BS_CMD_UNINSTALL] = bs_cmd_uninstall, [BS_CMD_PYTHON] = bs_cmd_python,
    [BS_CMD_OS_DEPS] = bs_cmd_os_deps,     [BS_CMD_CACHE] = bs_cmd_cache,
    [BS_CMD_BUNDLE] = bs_cmd_bundle,
};

static bool confirm_on_terminal(void *user, const char *question)
{
    bs_renderer_finish(user);
    return bs_wizard_yes(question);
}

/* The session's renderer, questions, download settings and root, from the command line. */
static int session_from_config(bs_session *s, bs_renderer *renderer, bs_config *cfg, bs_error *err)
{
    bs_renderer_init(renderer, cfg);
    s->events = (bs_events){.fn = bs_render_event, .user = renderer};
    /* Questions only where someone can answer them. */
    if (!cfg->yes && plat_isatty(STDIN_FILENO)) {
        s->confirm = confirm_on_terminal;
        s->confirm_user = renderer;
    }
    bs_cli_fetch_settings(cfg, &s->fetch);
    int rc = bs_session_set_root(s, cfg->root, cfg->cache_dir, err);
    if (rc)
        return rc;
    /* Every command sees the absolute root from here on. */
    char *abs = strdup(s->root.dir);
    if (!abs)
        return bs_error_set(err, BS_E_NOMEM, "out of memory");
    free(cfg->root);
    cfg->root = abs;
    return 0;
}

static int run_command(bs_session *s, const bs_config *cfg)
{
    if (cfg->command == BS_CMD_HELP) {
        char *text = bs_help_text(cfg->help_for);
        fputs(text ? text : "", stdout);
        free(text);
        return BS_EXIT_OK;
    }
    if (cfg->command == BS_CMD_NONE)
        return plat_isatty(STDIN_FILENO) && plat_isatty(STDOUT_FILENO) ? bs_cmd_wizard(s, cfg)
                                                                       : bs_cmd_doctor(s, cfg);
    return commands[cfg->command](s, cfg);
}

int main(int argc, char **argv)
{
    static bs_session session; /* large (the root's paths): off the stack */
    static bs_renderer renderer;
    bs_config cfg;
    bs_error err;

    plat_init();
    bs_session_init(&session);
    /* The one interrupt handler of the run: every step, download and child sees the flag. */
    plat_on_interrupt(&session.cancel);
    bs_config_init(&cfg);
    bs_error_init(&err);
    if (bs_parse_args(argc, argv, &cfg, &err) != 0) {
        bs_print_error(&err);
        fprintf(stderr, "Run 'invokeai-bootstrap --help' for usage.\n");
        bs_config_free(&cfg);
        return BS_EXIT_USAGE;
    }
    cfg.color = bs_term_use_color(STDOUT_FILENO, cfg.no_color_flag);
    if (cfg.show_version && cfg.command != BS_CMD_HELP) {
        printf("invokeai-bootstrap %s\n", BS_VERSION);
        bs_config_free(&cfg);
        return BS_EXIT_OK;
    }
    if (cfg.command != BS_CMD_HELP && session_from_config(&session, &renderer, &cfg, &err) != 0) {
        bs_print_error(&err);
        bs_config_free(&cfg);
        return BS_EXIT_USAGE;
    }
    bool double_clicked = cfg.command == BS_CMD_NONE && !cfg.yes && plat_console_is_ours();
    int code = run_command(&session, &cfg);
    bs_renderer_finish(&renderer);
    if (double_clicked) {
        printf("\nPress Enter to close this window.");
        fflush(stdout);
        for (int c = getchar(); c != '\n' && c != EOF; c = getchar())
            ;
    }
    bs_config_free(&cfg);
    return code;
}
