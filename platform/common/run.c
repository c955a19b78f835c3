/*
 * run.c: plat_run, plat_run_ex, plat_run_many and plat_run_result_free over each
 * platform's plat_impl_run_many.
 */
#include "platform/common/run.h"

#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t *plat_impl_interrupt_flag;

/* opts, or a copy of it, that stops on the run's interrupt flag when it names no other. */
static const plat_run_opts *cancellable(const plat_run_opts *o, plat_run_opts *copy)
{
    if (o && o->cancel)
        return o;
    if (o)
        *copy = *o;
    else
        memset(copy, 0, sizeof(*copy));
    copy->cancel = plat_impl_interrupt_flag;
    return copy;
}

int plat_run_many(const char *const *const argvs[], size_t n, int timeout_ms, size_t max_output,
                  plat_run_result res[])
{
    plat_run_opts copy;
    return plat_impl_run_many(argvs, n, cancellable(NULL, &copy), timeout_ms, max_output, res);
}

int plat_run_ex(const char *const argv[], const plat_run_opts *opts, int timeout_ms,
                size_t max_output, plat_run_result *res)
{
    const char *const *const argvs[1] = {argv};
    plat_run_opts copy;
    return plat_impl_run_many(argvs, 1, cancellable(opts, &copy), timeout_ms, max_output, res);
}

int plat_run(const char *const argv[], int timeout_ms, size_t max_output, plat_run_result *res)
{
    const char *const *const argvs[1] = {argv};
    plat_run_opts copy;
    return plat_impl_run_many(argvs, 1, cancellable(NULL, &copy), timeout_ms, max_output, res);
}

void plat_run_result_free(plat_run_result *res)
{
    if (!res)
        return;
    free(res->out);
    free(res->err);
    res->out = res->err = NULL;
}
