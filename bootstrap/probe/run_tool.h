/*
 * run_tool.h: running a vendor tool (nvidia-smi, rocm-smi, sysctl, ...) found on PATH,
 * by absolute path with an argv, for the probes.
 */
#ifndef BS_RUN_TOOL_H
#define BS_RUN_TOOL_H

#include "core/events.h"
#include "platform/platform.h"

#include <stddef.h>

/* Runs `name` from PATH with args (NULL-terminated, at most 10). Returns 0 when it ran
 * (res filled; the caller frees it with plat_run_result_free), BS_E_NOT_FOUND when it is
 * not on PATH, or the error that kept it from starting. */
int bs_run_tool(const char *name, const char *const *args, int timeout_ms, size_t max_output,
                const bs_events *ev, plat_run_result *res);

#endif
