/*
 * run.c: plat_run, plat_run_ex, plat_run_many and plat_run_result_free over each
 * platform's plat_impl_run_many.
 */
#include "platform/common/run.h"

#include <stdlib.h>

int plat_run_many(const char *const *const argvs[], size_t n, int timeout_ms, size_t max_output,
                  plat_run_result res[])
{
    return plat_impl_run_many(argvs, n, NULL, timeout_ms, max_output, res);
}

int plat_run_ex(const char *const argv[], const plat_run_opts *opts, int timeout_ms,
                size_t max_output, plat_run_result *res)
{
    const char *const *const argvs[1] = {argv};
    return plat_impl_run_many(argvs, 1, opts, timeout_ms, max_output, res);
}

int plat_run(const char *const argv[], int timeout_ms, size_t max_output, plat_run_result *res)
{
    const char *const *const argvs[1] = {argv};
    return plat_impl_run_many(argvs, 1, NULL, timeout_ms, max_output, res);
}

void plat_run_result_free(plat_run_result *res)
{
    if (!res)
        return;
    free(res->out);
    free(res->err);
    res->out = res->err = NULL;
}
