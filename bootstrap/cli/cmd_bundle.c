/*
 * cmd_bundle.c: `bundle --out DIR`: of the install in --root (exactly what it used), or of
 * a planned install (--version/--backend/--platform), for machines without the network.
 */
#include "cli/commands.h"
#include "cli/render_events.h"
#include "core/platforms.h"
#include "ops/bundle.h"

#include <stdio.h>

int bs_cmd_bundle(bs_session *s, const bs_config *cfg)
{
    bs_error err;
    bs_bundle_made made = {0};
    bs_error_init(&err);
    bool planned = cfg->invokeai_version || cfg->backend || cfg->platform;
    int rc = planned ? bs_bundle_from_plan(s, cfg, &made, &err)
                     : bs_bundle_from_install(s, cfg, &made, &err);
    bs_renderer_finish(NULL);
    if (rc) {
        bs_print_error(&err);
        return bs_exit_code_for(rc);
    }
    if (cfg->quiet)
        return BS_EXIT_OK;
    printf("Bundle of InvokeAI %s (torch %s, %s) for %s %s in %s: %d files.\n"
           "Install it on such a machine with:\n  invokeai-bootstrap install --yes "
           "--bundle '%s'\n",
           made.invokeai, made.torch, made.backend, made.os, made.arch, cfg->bundle_out, made.files,
           cfg->bundle_out);
    if (!made.program) {
        const char *name = bs_platform_name(made.os, made.arch);
        printf("This program is not in it (it runs here, not there): put the %s build of "
               "invokeai-bootstrap beside it.\n",
               name ? name : made.os);
    }
    return BS_EXIT_OK;
}
