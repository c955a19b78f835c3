/*
 * probe_python.c: Python interpreters on PATH. Each distinct interpreter (by real path)
 * is run once, isolated (-I), with a tiny script that prints its version and whether
 * venv and ensurepip import (Debian and Ubuntu move ensurepip into python3.X-venv, and a
 * Python without it cannot create a venv with pip).
 */
#include "core/assets.h"
#include "core/error.h"
#include "core/strutil.h"
#include "platform/platform.h"
#include "probe/parse_python.h"
#include "probe/probe.h"

#include <stdlib.h>
#include <string.h>

bool bs_python_is_store_alias(const char *path)
{
    return bs_contains_nocase(path, "\\Microsoft\\WindowsApps\\") ||
           bs_contains_nocase(path, "/Microsoft/WindowsApps/");
}

static bool already_seen(const bs_facts *f, const char *real)
{
    for (int i = 0; i < f->python_count; i++)
        if (strcmp(f->pythons[i].path, real) == 0)
            return true;
    return false;
}

/* Reads one interpreter's answer, or says in note why there was none. */
static int read_answer(const plat_run_result *res, bs_python_answer *ans, char *note,
                       size_t note_size)
{
    if (res->spawn_failed)
        bs_strlcpy(note, "could not be started", note_size);
    else if (res->timed_out)
        bs_strlcpy(note, "did not answer in time", note_size);
    else if (res->exit_code != 0 || res->term_signal || bs_parse_python_answer(res->out, ans) != 0)
        bs_strlcpy(note, "does not run", note_size);
    else
        return 0;
    return BS_E_CHILD;
}

static void record_answer(bs_python *py, const plat_run_result *res)
{
    bs_python_answer ans;
    if (read_answer(res, &ans, py->note, sizeof(py->note)) == 0) {
        bs_strlcpy(py->version, ans.version, sizeof(py->version));
        bs_strlcpy(py->arch, ans.arch, sizeof(py->arch));
        py->has_venv = ans.has_venv;
    }
}

int bs_python_query(const char *path, int timeout_ms, bs_python_answer *ans, char *note,
                    size_t note_size)
{
    const char *argv[] = {path, "-I", "-B", "-c", bs_asset("python_probe.py", NULL), NULL};
    plat_run_result res;
    note[0] = '\0';
    if (plat_run(argv, timeout_ms, 64 * 1024, &res) != 0) {
        bs_strlcpy(note, "could not be started", note_size);
        return BS_E_CHILD;
    }
    int rc = read_answer(&res, ans, note, note_size);
    plat_run_result_free(&res);
    return rc;
}

void bs_probe_pythons(bs_facts *f, const bs_tables *t, const bs_probe_options *opt,
                      const bs_events *ev)
{
    const char *argvs[BS_MAX_PYTHONS][6];
    const char *const *argv_ptrs[BS_MAX_PYTHONS];
    plat_run_result res[BS_MAX_PYTHONS];
    int first = f->python_count;

    bs_emit(ev, BS_EV_STEP_START, "probe.python", "looking for Python interpreters");
    for (int i = 0; i < t->python_search_count && f->python_count < BS_MAX_PYTHONS; i++) {
        char *found = plat_find_program(t->python_search[i]);
        char *real = found ? plat_realpath(found) : NULL;
        if (real && !bs_python_is_store_alias(found) && !already_seen(f, real)) {
            bs_python *py = &f->pythons[f->python_count++];
            memset(py, 0, sizeof(*py));
            bs_strlcpy(py->path, real, sizeof(py->path));
        }
        free(found);
        free(real);
    }
    /* All interpreters answer at once: doctor waits for the slowest, not for the sum. */
    int n = f->python_count - first;
    for (int i = 0; i < n; i++) {
        argvs[i][0] = f->pythons[first + i].path;
        argvs[i][1] = "-I"; /* isolated: no user site, no PYTHON* variables */
        argvs[i][2] = "-B"; /* and no .pyc written: doctor writes nothing */
        argvs[i][3] = "-c";
        argvs[i][4] = bs_asset("python_probe.py", NULL);
        argvs[i][5] = NULL;
        argv_ptrs[i] = argvs[i];
        bs_emit(ev, BS_EV_DETAIL, "probe.python", "running %s", argvs[i][0]);
    }
    if (n > 0 && plat_run_many(argv_ptrs, (size_t)n, opt->tool_timeout_ms, 64 * 1024, res) == 0) {
        for (int i = 0; i < n; i++) {
            record_answer(&f->pythons[first + i], &res[i]);
            plat_run_result_free(&res[i]);
        }
    }
    bs_emit(ev, BS_EV_STEP_DONE, "probe.python", "%d interpreter(s) found", f->python_count);
}
