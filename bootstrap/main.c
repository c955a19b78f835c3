/*
 * main.c: the invokeai-bootstrap program: parse the command line, run one command, turn
 * its outcome into a documented exit code. With no command on a terminal it runs the
 * install wizard; with no command and no terminal (a script, a pipe) it runs doctor.
 * Double-clicked (no command, and a console that is ours alone: Explorer's, or a terminal a
 * file manager opened for us), it waits for Enter at the end, success or failure, so the
 * window does not close over the last message.
 */
#include "cli/bundle.h"
#include "cli/cache.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/term.h"
#include "platform/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    bs_config cfg;
    bs_error err;
    int code = BS_EXIT_USAGE; /* every command sets it; see the switch below */

    plat_init();
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
    bool double_clicked = cfg.command == BS_CMD_NONE && !cfg.yes && plat_console_is_ours();
    switch (cfg.command) {
    case BS_CMD_HELP: {
        char *text = bs_help_text(cfg.help_for);
        fputs(text ? text : "", stdout);
        free(text);
        code = BS_EXIT_OK;
        break;
    }
    case BS_CMD_PYTHON:
        code = bs_cmd_python(&cfg);
        break;
    case BS_CMD_NONE:
        if (plat_isatty(STDIN_FILENO) && plat_isatty(STDOUT_FILENO))
            code = bs_cmd_install(&cfg, true);
        else
            code = bs_cmd_doctor(&cfg);
        break;
    case BS_CMD_DOCTOR:
        code = bs_cmd_doctor(&cfg);
        break;
    case BS_CMD_INSTALL:
        code = bs_cmd_install(&cfg, false);
        break;
    case BS_CMD_REPAIR:
        code = bs_cmd_repair(&cfg);
        break;
    case BS_CMD_UNINSTALL:
        code = bs_cmd_uninstall(&cfg);
        break;
    case BS_CMD_BUNDLE:
        code = bs_cmd_bundle(&cfg);
        break;
    case BS_CMD_CACHE:
        code = bs_cmd_cache(&cfg);
        break;
    case BS_CMD_CUDNN:
        code = bs_cmd_cudnn(&cfg);
        break;
    case BS_CMD_OS_DEPS:
        code = bs_cmd_os_deps(&cfg);
        break;
    case BS_CMD_COUNT: /* not a command: the parser never gives it; no default, so a new
                          command without its case is a compiler warning */
        code = BS_EXIT_USAGE;
        break;
    }
    if (double_clicked) {
        printf("\nPress Enter to close this window.");
        fflush(stdout);
        for (int c = getchar(); c != '\n' && c != EOF; c = getchar())
            ;
    }
    bs_config_free(&cfg);
    return code;
}
