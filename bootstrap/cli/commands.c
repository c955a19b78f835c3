/*
 * commands.c: the subcommands, each probe -> decide -> render, and the event renderer
 * that shows what the core is doing with -v.
 */
#include "cli/commands.h"
#include "ops/cache.h"
#include "cli/render_doctor.h"
#include "cli/render_events.h"
#include "cli/term.h"
#include "core/events.h"
#include "core/strutil.h"
#include "decide/checks.h"
#include "probe/probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void bs_print_error(const bs_error *err)
{
    bs_renderer_finish(NULL); /* a bar still open ends before the message */
    fprintf(stderr, "invokeai-bootstrap: error: %s\n",
            err->message[0] ? err->message : bs_code_str(err->code));
    if (err->hint[0])
        fprintf(stderr, "  hint: %s\n", err->hint);
    else if (err->code == BS_E_INTERRUPTED && !strstr(err->message, "rerun"))
        fprintf(stderr, "  hint: nothing is half-done that a rerun cannot finish: rerun to "
                        "resume\n");
}

int bs_cmd_doctor(bs_session *s, const bs_config *cfg)
{
    bs_facts facts;
    bs_report report;
    bs_error err;
    const bs_tables *t = s->tables;
    bs_probe_options popt = {.root = cfg->root, .tmpdir = NULL, .tool_timeout_ms = 15000};
    bs_check_options copt = {
        .version = cfg->invokeai_version, .backend = cfg->backend, .root = cfg->root};

    bs_error_init(&err);
    if (!t) {
        bs_error_set(&err, BS_E_PARSE, "the built-in data tables are damaged: rebuild");
        bs_print_error(&err);
        return BS_EXIT_FAILURE;
    }
    bs_facts_init(&facts);
    bs_probe_all(&facts, t, &popt, &s->events);
    bs_strlcpy(facts.cache, s->root.cache, sizeof(facts.cache));
    facts.cache_mib = (long long)(bs_cache_size(facts.cache) >> 20);
    int rc = bs_run_checks(&facts, t, &copt, &report, &err);
    if (rc) {
        bs_print_error(&err);
        bs_facts_free(&facts);
        return bs_exit_code_for(rc);
    }
    if (cfg->json) {
        char *json = bs_render_doctor_json(&facts, &report);
        if (!json) {
            bs_facts_free(&facts);
            return BS_EXIT_FAILURE;
        }
        puts(json);
        free(json);
    } else if (!cfg->quiet || bs_report_worst(&report) == BS_FAIL) {
        bs_render_doctor_text(stdout, &facts, &report, cfg->color);
    }
    bs_facts_free(&facts);
    return bs_report_worst(&report) == BS_FAIL ? BS_EXIT_REQUIREMENTS : BS_EXIT_OK;
}
