/*
 * run_tool.c: vendor tools for the probes.
 */
#include "probe/run_tool.h"
#include "core/error.h"

#include <stdlib.h>

int bs_run_tool(const char *name, const char *const *args, int timeout_ms, size_t max_output,
                const bs_events *ev, plat_run_result *res)
{
    const char *argv[12];
    char *path = plat_find_program(name);
    int n = 0;
    if (!path)
        return BS_E_NOT_FOUND;
    argv[n++] = path;
    for (; args && *args && n < 11; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    bs_emit(ev, BS_EV_DETAIL, "probe", "running %s", path);
    int rc = plat_run(argv, timeout_ms, max_output, res);
    free(path);
    return rc;
}
