/*
 * uv_lock.c: the lock reader. The script prints the resolution's JSON form, or one line
 * "uv.lock: <why>" on stderr and exits 3 when the lock cannot serve the plan.
 */
#include "core/assets.h"
#include "act/uv_lock.h"
#include "act/venv.h"
#include "core/strutil.h"

#include <stdlib.h>
#include <string.h>

/* The walk is assets/py/uv_lock_walk.py: the standard library and pip's vendored packaging
 * (in every pip since 20), so the venv's own Python runs it. */
int bs_uv_lock_resolve(const char *venv_python, const char *os, const char *lock_path,
                       const char *root, const char *extras, const char *registries,
                       const char *platform, volatile sig_atomic_t *cancel, bs_resolution *out,
                       bs_error *err)
{
    const char *argv[] = {
        venv_python, "-I",   "-c",       bs_asset("uv_lock_walk.py", NULL), lock_path,
        root,        extras, registries, platform ? platform : "",          NULL};
    plat_run_result res;
    int rc = bs_venv_run(argv, os, 120000, cancel, &res, "reading uv.lock", err);
    if (rc == 0)
        rc = bs_resolution_parse(res.out, out, err);
    plat_run_result_free(&res);
    if (rc == BS_E_CHILD) {
        /* The script's own "uv.lock: why" line says it best. */
        char why[sizeof(err->hint)];
        const char *line = strstr(err->hint, "uv.lock: ");
        bs_strlcpy(why, line ? line : err->message, sizeof(why));
        bs_error_init(err);
        rc = bs_error_set(err, BS_E_PARSE, "%s", bs_trim(why));
    }
    if (rc == 0)
        bs_strlcpy(out->source, "uv.lock", sizeof(out->source));
    return rc;
}
