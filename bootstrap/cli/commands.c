/*
 * commands.c: the subcommands, each probe -> decide -> render, and the event renderer
 * that shows what the core is doing with -v.
 */
#include "cli/commands.h"
#include "cli/render_doctor.h"
#include "cli/term.h"
#include "core/events.h"
#include "decide/checks.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void bs_print_error(const bs_error *err)
{
    fprintf(stderr, "invokeai-bootstrap: error: %s\n",
            err->message[0] ? err->message : bs_code_str(err->code));
    if (err->hint[0])
        fprintf(stderr, "  hint: %s\n", err->hint);
}

static const char *event_kind_name(bs_event_kind k)
{
    static const char *const names[] = {"step_start", "step_done", "detail", "warning",
                                        "progress"};
    return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "event";
}

/* With -v, events go to stderr: plain lines, or JSON lines with --json. Warnings show
 * without -v; nothing shows with -q. */
static void render_event(const bs_event *ev, void *user)
{
    const bs_config *cfg = user;
    if (cfg->quiet || (cfg->verbose == 0 && ev->kind != BS_EV_WARNING))
        return;
    if (ev->kind == BS_EV_DETAIL && cfg->verbose < 2)
        return;
    if (cfg->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "event", event_kind_name(ev->kind));
        cJSON_AddStringToObject(o, "step", ev->step);
        cJSON_AddStringToObject(o, "message", ev->message ? ev->message : "");
        char *line = cJSON_PrintUnformatted(o);
        if (line)
            fprintf(stderr, "%s\n", line);
        free(line);
        cJSON_Delete(o);
        return;
    }
    fprintf(stderr, "%s %s: %s\n", ev->kind == BS_EV_WARNING ? "warning" : "-", ev->step,
            ev->message ? ev->message : "");
}

int bs_cmd_doctor(const bs_config *cfg)
{
    bs_facts facts;
    bs_report report;
    bs_error err;
    const bs_tables *t = bs_tables_get();
    bs_events events = {.fn = render_event, .user = (void *)cfg};
    bs_probe_options popt = {.root = cfg->root, .tmpdir = NULL, .tool_timeout_ms = 15000};
    bs_check_options copt = {.version = cfg->invokeai_version, .backend = cfg->backend};

    bs_error_init(&err);
    if (!t) {
        bs_error_set(&err, BS_E_PARSE, "the built-in data tables are damaged: rebuild");
        bs_print_error(&err);
        return BS_EXIT_FAILURE;
    }
    bs_facts_init(&facts);
    bs_probe_all(&facts, t, &popt, &events);
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

int bs_cmd_not_implemented(const bs_config *cfg)
{
    bs_error err;
    bs_error_init(&err);
    bs_error_set(&err, BS_E_NOT_IMPLEMENTED, "%s: not implemented yet",
                 bs_command_name(cfg->command));
    bs_error_hint(&err, "'invokeai-bootstrap doctor' checks this machine today");
    bs_print_error(&err);
    return BS_EXIT_FAILURE;
}
