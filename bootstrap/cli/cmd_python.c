/*
 * cmd_python.c: `python find` (the interpreter an install would use, and why) and
 * `python install` (the managed Python into --root), like `uv python find|install`.
 */
#include "act/fs_tree.h"
#include "act/python_install.h"
#include "act/root_lock.h"
#include "cli/commands.h"
#include "ops/python_step.h"
#include "cli/render_events.h"
#include "core/assets.h"
#include "core/root_layout.h"
#include "core/strutil.h"
#include "core/version.h"
#include "decide/checks.h"
#include "platform/platform.h"
#include "probe/parse_python.h"
#include "probe/probe.h"

#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_choice(const bs_config *cfg, const bs_py_choice *c)
{
    if (cfg->json) {
        cJSON *o = cJSON_CreateObject();
        if (c->path[0])
            cJSON_AddStringToObject(o, "python", c->path);
        else
            cJSON_AddNullToObject(o, "python");
        cJSON_AddStringToObject(o, "version", c->version);
        cJSON_AddStringToObject(o, "source", c->source);
        cJSON_AddStringToObject(o, "reason", c->reason);
        char *text = cJSON_Print(o);
        puts(text ? text : "{}");
        free(text);
        cJSON_Delete(o);
    } else if (c->path[0]) {
        printf("%s\n  Python %s, %s\n", c->path, c->version, c->reason);
    } else {
        printf("(none yet)\n  %s\n", c->reason);
    }
    return BS_EXIT_OK;
}

void bs_cli_fetch_settings(const bs_config *cfg, bs_fetch_options *fo)
{
    fo->cacert = cfg->cacert;
    if (cfg->connect_timeout_s)
        fo->connect_timeout_s = cfg->connect_timeout_s;
    if (cfg->low_speed_time_s)
        fo->low_speed_time_s = cfg->low_speed_time_s;
    if (cfg->retries)
        fo->max_tries = (int)cfg->retries;
    if (cfg->retry_max_time_s)
        fo->max_total_s = cfg->retry_max_time_s;
}

static int install(bs_session *s, const bs_config *cfg, const bs_facts *f, bs_error *err)
{
    bs_fetch_options fo = s->fetch;
    bs_managed_python m;
    if (cfg->python && strcmp(cfg->python, "auto") != 0 && strcmp(cfg->python, "managed") != 0 &&
        strcmp(cfg->python, "3.11") != 0 && strcmp(cfg->python, "3.12") != 0)
        return bs_error_set(err, BS_E_USAGE,
                            "python install --python %s: expected auto, managed, 3.11 or 3.12",
                            cfg->python);
    fo.cache_dir = s->root.downloads; /* a shared --cache-dir: the build is fetched once */
    bs_root_lock lock;
    int rc = bs_root_lock_take(cfg->root, &lock, err);
    if (rc == 0)
        rc = bs_install_managed_python(cfg, f, &fo, &m, err);
    bs_root_lock_release(&lock);
    bs_renderer_finish(NULL);
    if (rc == 0 && !cfg->quiet)
        printf("Python %s is ready: %s\n", m.version, m.executable);
    return rc;
}

int bs_cmd_python(bs_session *s, const bs_config *cfg)
{
    bs_error err;
    bs_facts f;
    const bs_tables *t = bs_tables_get();
    int rc;
    bs_error_init(&err);
    bs_facts_init(&f);
    bs_probe_os_arch(&f);
    bs_probe_options popt = {.root = cfg->root, .tool_timeout_ms = 15000};
    bs_probe_system(&f, &popt, NULL);
    if (strcmp(cfg->action, "find") == 0) {
        bs_py_choice c;
        rc = bs_choose_python(cfg, t, &f, cfg->invokeai_version, &c, &err);
        if (rc == 0)
            return print_choice(cfg, &c);
    } else {
        rc = install(s, cfg, &f, &err);
        if (rc == 0)
            return BS_EXIT_OK;
    }
    if (rc == BS_E_INTERRUPTED)
        bs_error_set(&err, rc, "interrupted; rerun to resume");
    bs_print_error(&err);
    return bs_exit_code_for(rc);
}
