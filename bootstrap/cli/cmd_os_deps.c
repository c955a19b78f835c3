/*
 * cmd_os_deps.c: `os-deps`: the OS dependency step on its own (ops/os_deps_step.c), with
 * --print writing the commands it would run instead.
 */
#include "cli/commands.h"
#include "core/buf.h"
#include "ops/os_deps_step.h"
#include "probe/probe.h"

#include <stdio.h>

int bs_cmd_os_deps(bs_session *s, const bs_config *cfg)
{
    bs_error err;
    bs_facts f;
    bs_buf print;
    bs_error_init(&err);
    bs_facts_init(&f);
    bs_buf_init(&print);
    bs_probe_options popt = {.root = cfg->root, .tool_timeout_ms = 15000};
    bs_probe_system(&f, &popt, cfg->verbose ? &s->events : NULL);
    bs_os_deps_run run = {
        .s = s,
        .assume_yes = cfg->yes,
        .may_ask = s->confirm != NULL,
        .print = cfg->print_only ? &print : NULL,
        .root = cfg->root,
        .vcredist_url = cfg->vcredist_url,
    };
    int rc = bs_os_deps_step(&run, &f, &err);
    bs_facts_free(&f);
    fputs(bs_buf_str(&print), stdout);
    bs_buf_free(&print);
    if (rc) {
        bs_print_error(&err);
        return bs_exit_code_for(rc);
    }
    if (!cfg->print_only && !cfg->quiet)
        printf("Nothing is missing: the OS provides what InvokeAI needs.\n");
    return BS_EXIT_OK;
}
